import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/quant/models/backend/select-backend.js';
import { DqnTrainer } from '../../../src/quant/rl/dqn.js';
import { readWeights } from '../../../src/quant/rl/mlp.js';
import { ContextualBandit } from './toy-envs.js';

const bytesOf = (weights: Map<string, Float32Array>) => Buffer.concat([...weights.values()].map((w) => Buffer.from(w.buffer)));

describe('Double DQN on the wasm backend', () => {
  it('learns a masked contextual bandit with prioritized replay, repeatably', async () => {
    await selectBackend({ choice: 'wasm', threads: 1 });
    const run = async () => {
      const env = new ContextualBandit(4, 3, 5, { temptingMaskedArm: true });
      const trainer = new DqnTrainer(tf, env, {
        hidden: [32], learningRate: 3e-3, bufferSize: 2000, replayFinalCapacity: 2000, learningStarts: 64, trainFreq: 1,
        targetUpdateInterval: 64, exploration: { start: 1, end: 0.05, fraction: 0.3 }, prioritized: { alpha: 0.6, beta0: 0.4, epsilon: 1e-6 }, seed: 2,
      });
      await trainer.train({ totalSteps: 1600 });
      const actions = Array.from(trainer.act(tf.eye(3).dataSync() as Float32Array, new Int32Array(3), Uint8Array.from({ length: 12 }, (_, i) => (i % 4 === 3 ? 0 : 1))));
      const result = { env, actions, bytes: bytesOf(readWeights(trainer.online.weights)) };
      trainer.dispose();
      return result;
    };
    const first = await run();
    expect(first.env.maskedPicks).toBe(0);
    expect(first.actions).toEqual([0, 1, 2]);
    expect((await run()).bytes.equals(first.bytes)).toBe(true);
  });
});
