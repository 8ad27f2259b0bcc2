import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PpoTrainer, type PpoUpdateLog } from '../../../src/quant/rl/ppo.js';
import type { PpoConfig } from '../../../src/quant/rl/ppo-config.js';
import type { VectorEnv } from '../../../src/quant/rl/vector-env.js';
import { ChainWalk, ContextualBandit, EndlessStream } from './toy-envs.js';

/** Small, fast settings: 8 envs x 32 steps per update, 4 epochs of 64-row minibatches. */
const SMALL: Partial<PpoConfig> = { nSteps: 32, batchSize: 64, nEpochs: 4, learningRate: 3e-3, hidden: [16], seed: 1 };

async function trainOn(env: VectorEnv, updates: number, config: Partial<PpoConfig> = {}): Promise<{ trainer: PpoTrainer; logs: PpoUpdateLog[] }> {
  const trainer = new PpoTrainer(tf, env, { ...SMALL, ...config });
  const logs: PpoUpdateLog[] = [];
  await trainer.train({ totalSteps: updates * env.count * trainer.config.nSteps, onUpdate: (log) => logs.push(log) });
  return { trainer, logs };
}

/** π(a | one-hot state s) for every state, as rows. */
function policyOfStates(trainer: PpoTrainer, states: number): number[][] {
  return tf.tidy(() => tf.softmax(trainer.network.forward(tf.eye(states) as tf.Tensor2D)[0]!).arraySync() as number[][]);
}

function valueOfStates(trainer: PpoTrainer, states: number): number[] {
  return tf.tidy(() => Array.from(trainer.network.forward(tf.eye(states) as tf.Tensor2D)[1]!.dataSync()));
}

describe('PPO on toy environments', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('finds the paying arm of a contextual bandit for every context', async () => {
    const { trainer, logs } = await trainOn(new ContextualBandit(8, 3, 1), 16);
    expect(Array.from(trainer.act(tf.eye(3).dataSync() as Float32Array))).toEqual([0, 1, 2]);
    for (const [context, row] of policyOfStates(trainer, 3).entries()) expect(row[context]).toBeGreaterThan(0.9);
    expect(logs.at(-1)!.meanEpisodeReturn).toBeGreaterThan(0.9);
    expect(logs[0]!.meanEpisodeReturn).toBeLessThan(0.5);
    trainer.dispose();
  });

  it('finds nothing when the reward is noise: the policy stays spread over the arms', async () => {
    const { trainer, logs } = await trainOn(new ContextualBandit(8, 3, 1, { noise: true }), 16, { entropyCoef: 0.01 });
    for (const row of policyOfStates(trainer, 3)) expect(Math.max(...row)).toBeLessThan(0.7);
    expect(logs.at(-1)!.entropy).toBeGreaterThan(0.8);
    expect(logs.at(-1)!.meanEpisodeReturn).toBeCloseTo(0.5, 0);
    trainer.dispose();
  });

  it('walks a chain to its rewarding end, with time-limit truncations along the way', async () => {
    const env = new ChainWalk(8, 6, 15);
    const { trainer, logs } = await trainOn(env, 14, { gamma: 0.9 });
    expect(logs.slice(0, 3).some((log) => log.episodes > 0)).toBe(true);
    expect(Array.from(trainer.act(tf.eye(6).dataSync() as Float32Array)).slice(0, 5)).toEqual([1, 1, 1, 1, 1]);
    // The shortest walk is 5 steps.
    expect(logs.at(-1)!.meanEpisodeLength).toBeLessThan(5.3);
    expect(logs.at(-1)!.explainedVariance).toBeGreaterThan(0.5);
    trainer.dispose();
  });

  it('bootstraps a truncated episode from the value of its final observation', async () => {
    // γ = 0.5: V(B) = 1 / (1 - γ) = 2 and V(A) = γ V(B) = 1. Bootstrapping from the next
    // episode's first observation instead would give V(B) ≈ 1.78, a terminal ≈ 1.6.
    const { trainer } = await trainOn(new EndlessStream(4, 5), 15, { nSteps: 25, batchSize: 25, learningRate: 1e-2, hidden: [8], gamma: 0.5 });
    const [a, b] = valueOfStates(trainer, 2);
    expect(b).toBeCloseTo(2, 1);
    expect(a).toBeCloseTo(1, 1);
    trainer.dispose();
  });

  it('never takes a masked action, however well it would pay', async () => {
    const env = new ContextualBandit(8, 2, 3, { temptingMaskedArm: true });
    const { trainer, logs } = await trainOn(env, 10);
    expect(env.maskedPicks).toBe(0);
    const allowed = Uint8Array.of(1, 1, 0, 1, 1, 0);
    expect(Array.from(trainer.act(tf.eye(2).dataSync() as Float32Array, allowed))).toEqual([0, 1]);
    // Sampling and the loss agree on the masked distribution: the first epoch's ratios start at 1.
    expect(logs[0]!.approxKl).toBeLessThan(0.05);
    trainer.dispose();
  });
});
