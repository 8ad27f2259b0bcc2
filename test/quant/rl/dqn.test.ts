import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveDqnConfig, type DqnConfig } from '../../../src/quant/rl/dqn-config.js';
import type { DqnLog } from '../../../src/quant/rl/dqn-log.js';
import { DqnTrainer } from '../../../src/quant/rl/dqn.js';
import type { VectorEnv } from '../../../src/quant/rl/vector-env.js';
import { ChainWalk, ContextualBandit, EndlessStream } from './toy-envs.js';

/** A small, fast configuration: learning from the 64th frame, a gradient step every vector step. */
const fast = (extra: Partial<DqnConfig> = {}): Partial<DqnConfig> => ({
  hidden: [32], learningRate: 3e-3, bufferSize: 4000, replayFinalCapacity: 4000, learningStarts: 64, batchSize: 32,
  trainFreq: 1, targetUpdateInterval: 64, exploration: { start: 1, end: 0.05, fraction: 0.3 }, logInterval: 400, seed: 3, ...extra,
});

/** Q-values [rows, actions] of the one-hot observations 0 .. rows - 1 (width `size`). */
function oneHotQ(trainer: DqnTrainer, rows: number, size: number): number[][] {
  const q = trainer.qValues(Float32Array.from({ length: rows * size }, (_, i) => (i % size === Math.floor(i / size) ? 1 : 0)));
  const A = q.length / rows;
  return Array.from({ length: rows }, (_, r) => Array.from(q.subarray(r * A, (r + 1) * A)));
}

/** sha256 of both networks' weights, byte for byte. */
function digest(trainer: DqnTrainer): string {
  const hash = createHash('sha256');
  for (const net of [trainer.online, trainer.target]) {
    for (const [name, v] of net.weights) {
      hash.update(name);
      const values = v.dataSync() as Float32Array;
      hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    }
  }
  return hash.digest('hex');
}

/** `env` with every reward multiplied by `factor` (a market's ~1e-2 log returns, in miniature). */
function scaledRewards(env: VectorEnv, factor: number): VectorEnv {
  const rewards = new Float32Array(env.count);
  return {
    count: env.count, observationSize: env.observationSize, actionCount: env.actionCount,
    rewards, dones: env.dones, truncated: env.truncated, finalObservations: env.finalObservations,
    observe: (into) => env.observe(into),
    step: (actions) => {
      env.step(actions);
      for (let i = 0; i < env.count; i++) rewards[i] = env.rewards[i]! * factor;
    },
  };
}

async function trained(env: VectorEnv, totalSteps: number, config: Partial<DqnConfig>, logs: DqnLog[] = []): Promise<DqnTrainer> {
  const trainer = new DqnTrainer(tf, env, config);
  await trainer.train({ totalSteps, onLog: (log) => logs.push(log) });
  return trainer;
}

describe('DqnTrainer', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('finds the paying arm of a contextual bandit (a planted signal)', async () => {
    const trainer = await trained(new ContextualBandit(4, 4, 7), 2000, fast());
    const q = oneHotQ(trainer, 4, 4);
    q.forEach((row, context) => row.forEach((value, arm) => expect(Math.abs(value - (arm === context ? 1 : 0)), `Q(${context}, ${arm})`).toBeLessThan(0.1)));
    const actions = trainer.act(Float32Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? 1 : 0)), new Int32Array(4));
    expect(Array.from(actions)).toEqual([0, 1, 2, 3]);
    trainer.dispose();
  });

  it('learns rewards of 1e-2 in units of rewardScale: Q is 100 x the expected reward and the paying arms are found', async () => {
    const trainer = await trained(scaledRewards(new ContextualBandit(4, 4, 7), 0.01), 2000, fast({ rewardScale: 100 }));
    const q = oneHotQ(trainer, 4, 4);
    q.forEach((row, context) => row.forEach((value, arm) => expect(Math.abs(value - (arm === context ? 1 : 0)), `Q(${context}, ${arm})`).toBeLessThan(0.1)));
    const actions = trainer.act(Float32Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? 1 : 0)), new Int32Array(4));
    expect(Array.from(actions)).toEqual([0, 1, 2, 3]);
    trainer.dispose();
  });

  it('finds nothing when every arm pays a coin flip (noise): Q stays near the mean reward', async () => {
    const trainer = await trained(new ContextualBandit(4, 4, 7, { noise: true }), 2000, fast());
    for (const row of oneHotQ(trainer, 4, 4)) {
      for (const value of row) expect(Math.abs(value - 0.5)).toBeLessThan(0.35);
      expect(Math.max(...row) - Math.min(...row)).toBeLessThan(0.5);
    }
    trainer.dispose();
  });

  it('learns the discounted values of a chain: gamma^k before a terminal reward, no bootstrap after it', async () => {
    const trainer = await trained(new ChainWalk(4, 4, 20), 3000, fast({ gamma: 0.9, targetUpdateInterval: 100 }));
    const q = oneHotQ(trainer, 3, 4);
    const expected = [[0.729, 0.81], [0.729, 0.9], [0.81, 1]];
    q.forEach((row, cell) => row.forEach((value, a) => expect(Math.abs(value - expected[cell]![a]!), `Q(${cell}, ${a})`).toBeLessThan(0.03)));
    trainer.dispose();
  });

  it('bootstraps through time-limit truncations from the final observation', async () => {
    // gamma 0.5: V(B) = 1 / (1 - 0.5) = 2, V(A) = 0.5 V(B) = 1; a truncation taken as terminal,
    // or a bootstrap from the next episode's first observation, pulls V(B) towards 1.5.
    const trainer = await trained(new EndlessStream(4, 4), 2400, fast({ hidden: [16], gamma: 0.5, targetUpdateInterval: 40 }));
    const [a, b] = oneHotQ(trainer, 2, 2).map((row) => row[0]!);
    expect(a).toBeCloseTo(1, 1);
    expect(b).toBeCloseTo(2, 1);
    trainer.dispose();
  });

  it('bootstraps through time-limit truncations inside n-step windows and values the stream as one-step does', async () => {
    // Same values as above (one action, so the n-step targets carry no exploration bias):
    // a window that summed rewards across a truncation would lift V(A) above 1.
    const trainer = await trained(new EndlessStream(4, 4), 2400, fast({ hidden: [16], gamma: 0.5, targetUpdateInterval: 40, nSteps: 3 }));
    const [a, b] = oneHotQ(trainer, 2, 2).map((row) => row[0]!);
    expect(a).toBeCloseTo(1, 1);
    expect(b).toBeCloseTo(2, 1);
    trainer.dispose();
  });

  it('never takes a masked action, exploring or greedy, and learns the best allowed one', async () => {
    const env = new ContextualBandit(4, 3, 5, { temptingMaskedArm: true });
    const trainer = await trained(env, 1600, fast({ prioritized: { alpha: 0.6, beta0: 0.4, epsilon: 1e-6 } }));
    expect(env.maskedPicks).toBe(0);
    const mask = Uint8Array.from({ length: 12 }, (_, i) => (i % 4 === 3 ? 0 : 1));
    const actions = trainer.act(Float32Array.from({ length: 9 }, (_, i) => (i % 4 === 0 ? 1 : 0)), new Int32Array(3), mask.subarray(0, 12));
    expect(Array.from(actions)).toEqual([0, 1, 2]);
    trainer.dispose();
  });

  it('logs loss, mean Q, epsilon, beta, episode returns and frames per second', async () => {
    const logs: DqnLog[] = [];
    const trainer = await trained(new ContextualBandit(4, 2, 1), 800, fast({ logInterval: 200, learningStarts: 300, prioritized: { alpha: 0.6, beta0: 0.4, epsilon: 1e-6 } }), logs);
    expect(logs.map((l) => l.steps)).toEqual([200, 400, 600, 800]);
    expect(logs[0]!.loss).toBeNull();
    expect(logs[1]!.loss).toBeGreaterThan(0);
    expect(logs[1]!.meanQ).not.toBeNull();
    expect(logs.map((l) => l.epsilon)).toEqual([1 - 0.95 * (200 / 240), 0.05, 0.05, 0.05].map((e) => expect.closeTo(e, 12)));
    expect(logs.map((l) => l.beta)).toEqual([0.55, 0.7, 0.85, 1].map((b) => expect.closeTo(b, 12)));
    expect(logs[0]!.episodeReturns).toHaveLength(200);
    expect(logs.map((l) => l.replaySize)).toEqual([200, 400, 600, 800]);
    expect(logs[3]!.episodes).toBe(800);
    expect(logs[3]!.stepsPerSecond).toBeGreaterThan(0);
    trainer.dispose();
  });

  it('ends with byte-identical weights for the same seed, and other weights for another seed', async () => {
    const run = async (seed: number) => {
      const trainer = await trained(new ChainWalk(4, 4, 20), 800, fast({ seed, tau: 0.5, targetUpdateInterval: 16 }));
      const hash = digest(trainer);
      trainer.dispose();
      return hash;
    };
    const first = await run(3);
    expect(await run(3)).toBe(first);
    expect(await run(4)).not.toBe(first);
  });

  it('resumes from state() to the same weights as an uninterrupted run (prioritized replay, soft target updates)', async () => {
    const config = fast({ tau: 0.3, targetUpdateInterval: 16, bufferSize: 400, replayFinalCapacity: 100, prioritized: { alpha: 0.6, beta0: 0.4, epsilon: 1e-6 }, logInterval: 100 });
    const total = 1200;
    const whole = await trained(new ChainWalk(4, 4, 10), total, config);

    const env = new ChainWalk(4, 4, 10);
    const first = new DqnTrainer(tf, env, config);
    const controller = new AbortController();
    await first.train({ totalSteps: total, signal: controller.signal, onLog: (log) => log.steps >= 600 && controller.abort() });
    expect(first.steps).toBe(600);
    const saved = structuredClone(first.state());
    first.dispose();
    const resumed = new DqnTrainer(tf, env, config);
    resumed.restore(saved);
    const result = await resumed.train({ totalSteps: total });
    expect(result).toEqual({ steps: 600, stopped: false });
    expect(resumed.updates).toBe(whole.updates);
    expect(digest(resumed)).toBe(digest(whole));
    expect(resumed.state().replay).toEqual(whole.state().replay);
    expect(resumed.state().adam).toEqual(whole.state().adam);
    whole.dispose();
    resumed.dispose();
  });

  it('refuses a state saved with another seed', () => {
    const env = new ChainWalk(1, 3, 5);
    const a = new DqnTrainer(tf, env, fast({ seed: 1 }));
    const b = new DqnTrainer(tf, env, fast({ seed: 2 }));
    expect(() => b.restore(a.state())).toThrow(/seed 1/);
    a.dispose();
    b.dispose();
  });
});

describe('resolveDqnConfig', () => {
  it('fills SB3-like defaults with the issue\'s buffer and epsilon floor', () => {
    const c = resolveDqnConfig();
    expect(c).toMatchObject({ bufferSize: 100_000, learningRate: 1e-4, maxGradNorm: 10, tau: 1, rewardScale: 1, nSteps: 1, exploration: { start: 1, end: 0.01, fraction: 0.1 }, prioritized: null });
    expect(resolveDqnConfig({ prioritized: { alpha: 0.7 } as never }).prioritized).toEqual({ alpha: 0.7, beta0: 0.4, epsilon: 1e-6 });
  });

  it('names the first bad field', () => {
    expect(() => resolveDqnConfig({ tau: 0 })).toThrow(/tau must be in \(0, 1\]/);
    expect(() => resolveDqnConfig({ batchSize: 0.5 })).toThrow(/batchSize must be an integer >= 1/);
    expect(() => resolveDqnConfig({ exploration: { start: 1, end: 2, fraction: 0.1 } })).toThrow(/exploration/);
    expect(() => resolveDqnConfig({ rewardScale: 0 })).toThrow(/rewardScale must be finite and > 0/);
    expect(() => resolveDqnConfig({ nSteps: 0 })).toThrow(/nSteps must be an integer >= 1/);
  });
});
