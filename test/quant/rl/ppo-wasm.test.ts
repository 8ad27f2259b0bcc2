import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/quant/models/backend/select-backend.js';
import { createMlp, readWeights, type MlpConfig } from '../../../src/quant/rl/mlp.js';
import { PpoTrainer } from '../../../src/quant/rl/ppo.js';
import { ContextualBandit } from './toy-envs.js';

const NET: MlpConfig = { inputSize: 5, hidden: [16, 16], activation: 'tanh', heads: [{ name: 'policy', size: 3, gain: 0.01 }, { name: 'value', size: 1, gain: 1 }], sharedTrunk: false, seed: 4 };

const bytesOf = (weights: Map<string, Float32Array>) => Buffer.concat([...weights.values()].map((w) => Buffer.from(w.buffer)));

describe('PPO on the wasm backend', () => {
  it('draws the same initial weights as on the cpu backend', async () => {
    await tf.setBackend('cpu');
    const onCpu = createMlp(tf, NET);
    const cpuBytes = bytesOf(readWeights(onCpu.weights));
    onCpu.dispose();
    await selectBackend({ choice: 'wasm', threads: 1 });
    const onWasm = createMlp(tf, NET);
    expect(bytesOf(readWeights(onWasm.weights)).equals(cpuBytes)).toBe(true);
    onWasm.dispose();
  });

  it('learns a masked contextual bandit with value clipping and an entropy bonus, repeatably', async () => {
    await selectBackend({ choice: 'wasm', threads: 1 });
    const run = async () => {
      const env = new ContextualBandit(8, 2, 3, { temptingMaskedArm: true });
      const trainer = new PpoTrainer(tf, env, { nSteps: 32, batchSize: 64, nEpochs: 4, learningRate: 3e-3, hidden: [16], seed: 1, clipRangeValue: 0.2, entropyCoef: 0.01 });
      let last = 0;
      await trainer.train({ totalSteps: 10 * 256, onUpdate: (log) => { last = log.meanEpisodeReturn!; } });
      const result = { env, last, actions: Array.from(trainer.act(tf.eye(2).dataSync() as Float32Array, Uint8Array.of(1, 1, 0, 1, 1, 0))), bytes: bytesOf(readWeights(trainer.network.weights)) };
      trainer.dispose();
      return result;
    };
    const first = await run();
    expect(first.env.maskedPicks).toBe(0);
    expect(first.actions).toEqual([0, 1]);
    expect(first.last).toBeGreaterThan(0.9);
    expect((await run()).bytes.equals(first.bytes)).toBe(true);
  });
});
