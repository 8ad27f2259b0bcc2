import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readWeights } from '../../../src/quant/rl/mlp.js';
import { PpoTrainer, type PpoState, type PpoUpdateLog } from '../../../src/quant/rl/ppo.js';
import { DEFAULT_PPO_CONFIG, resolvePpoConfig, type PpoConfig } from '../../../src/quant/rl/ppo-config.js';
import { ChainWalk, ContextualBandit } from './toy-envs.js';

const SMALL: Partial<PpoConfig> = { nSteps: 16, batchSize: 32, nEpochs: 3, learningRate: 3e-3, hidden: [8, 8], seed: 5 };
const ROLLOUT = 4 * 16;

/** Every weight's bytes, concatenated in creation order. */
function weightBytes(trainer: PpoTrainer): Buffer {
  return Buffer.concat([...readWeights(trainer.network.weights).values()].map((w) => Buffer.from(w.buffer)));
}

/** A log without the wall-clock fields, which differ from run to run. */
function deterministicPart(log: PpoUpdateLog): Partial<PpoUpdateLog> {
  const { framesPerSecond, envSeconds, forwardSeconds, updateSeconds, ...rest } = log;
  void [framesPerSecond, envSeconds, forwardSeconds, updateSeconds];
  return rest;
}

describe('PpoTrainer', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('gives byte-identical weights for the same seed, and different ones for another', async () => {
    const run = async (seed: number) => {
      const trainer = new PpoTrainer(tf, new ContextualBandit(4, 3, 9), { ...SMALL, seed });
      await trainer.train({ totalSteps: 3 * ROLLOUT });
      const bytes = weightBytes(trainer);
      trainer.dispose();
      return bytes;
    };
    const first = await run(5);
    expect((await run(5)).equals(first)).toBe(true);
    expect((await run(6)).equals(first)).toBe(false);
  });

  it('continues from a saved state exactly as an uninterrupted run, annealed learning rate included', async () => {
    const config = { ...SMALL, annealLearningRate: true };
    const totalSteps = 4 * ROLLOUT;
    const straight = new PpoTrainer(tf, new ChainWalk(4, 5, 6, 0.01), config);
    const straightLogs: PpoUpdateLog[] = [];
    await straight.train({ totalSteps, onUpdate: (log) => straightLogs.push(log) });

    const env = new ChainWalk(4, 5, 6, 0.01);
    const first = new PpoTrainer(tf, env, config);
    const stop = new AbortController();
    const firstResult = await first.train({ totalSteps, signal: stop.signal, onUpdate: (log) => log.update === 2 && stop.abort() });
    expect(firstResult).toEqual({ updates: 2, stopped: true });
    const saved: PpoState = structuredClone(first.state());
    first.dispose();

    const resumed = new PpoTrainer(tf, env, config);
    resumed.restore(saved);
    const resumedLogs: PpoUpdateLog[] = [];
    await resumed.train({ totalSteps, onUpdate: (log) => resumedLogs.push(log) });
    expect(resumedLogs.map(deterministicPart)).toEqual(straightLogs.slice(2).map(deterministicPart));
    expect(weightBytes(resumed).equals(weightBytes(straight))).toBe(true);
    expect(resumed.state().adam).toEqual(straight.state().adam);
    expect(resumed.steps).toBe(totalSteps);
    expect(straightLogs.map((log) => log.learningRate)).toEqual([1, 0.75, 0.5, 0.25].map((f) => expect.closeTo(3e-3 * f, 12)));
    straight.dispose();
    resumed.dispose();
  });

  it('refuses a state saved under another seed or for another number of environments', () => {
    const trainer = new PpoTrainer(tf, new ChainWalk(4, 5, 6), SMALL);
    const other = new PpoTrainer(tf, new ChainWalk(2, 5, 6), SMALL);
    expect(() => trainer.restore({ ...trainer.state(), seed: 99 })).toThrow(/seed 99/);
    expect(() => trainer.restore(other.state())).toThrow(/2 environments/);
    trainer.dispose();
    other.dispose();
  });

  it('runs one forward pass per env step for all envs, and one more for the bootstrap values', async () => {
    // 4 envs truncated every 3 steps; 9 steps make 36 transitions: minibatches of 16, 16 and 4.
    const trainer = new PpoTrainer(tf, new ChainWalk(4, 20, 3), { ...SMALL, nSteps: 9, batchSize: 16, nEpochs: 2 });
    const forward = vi.spyOn(trainer.network, 'forward');
    const logs: PpoUpdateLog[] = [];
    await trainer.train({ totalSteps: 36, onUpdate: (log) => logs.push(log) });
    expect(forward).toHaveBeenCalledTimes(9 + 1 + 2 * 3);
    expect(forward.mock.calls.slice(0, 9).every(([x]) => x.shape[0] === 4)).toBe(true);
    // The bootstrap pass values the 12 truncated final observations and the 4 next ones together.
    expect(forward.mock.calls[9]![0].shape[0]).toBe(12 + 4);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ update: 1, steps: 36, episodes: 12, meanEpisodeLength: 3, epochs: 2 });
    for (const key of ['envSeconds', 'forwardSeconds', 'updateSeconds'] as const) expect(logs[0]![key]).toBeGreaterThanOrEqual(0);
    expect(logs[0]!.framesPerSecond).toBeGreaterThan(0);
    trainer.dispose();
  });

  it('stops an update early once the approximate KL passes 1.5 x targetKl', async () => {
    const trainer = new PpoTrainer(tf, new ContextualBandit(4, 3, 2), { ...SMALL, nEpochs: 10, learningRate: 0.05, targetKl: 1e-4 });
    const logs: PpoUpdateLog[] = [];
    await trainer.train({ totalSteps: 2 * ROLLOUT, onUpdate: (log) => logs.push(log) });
    expect(logs.some((log) => log.epochs < 10)).toBe(true);
    trainer.dispose();
  });

  it('does nothing when the signal is already aborted or the budget already spent', async () => {
    const trainer = new PpoTrainer(tf, new ContextualBandit(4, 3, 2), SMALL);
    const before = weightBytes(trainer);
    expect(await trainer.train({ totalSteps: ROLLOUT, signal: AbortSignal.abort() })).toEqual({ updates: 0, stopped: true });
    expect(await trainer.train({ totalSteps: 0 })).toEqual({ updates: 0, stopped: false });
    expect(weightBytes(trainer).equals(before)).toBe(true);
    trainer.dispose();
  });
});

describe('the PPO config', () => {
  it("defaults to Stable-Baselines3's PPO", () => {
    expect(DEFAULT_PPO_CONFIG).toMatchObject({
      nSteps: 2048, batchSize: 64, nEpochs: 10, gamma: 0.99, gaeLambda: 0.95, clipRange: 0.2, clipRangeValue: null,
      valueCoef: 0.5, entropyCoef: 0, learningRate: 3e-4, maxGradNorm: 0.5, adamEpsilon: 1e-5, normalizeAdvantage: true,
      hidden: [64, 64], activation: 'tanh', sharedTrunk: false, policyGain: 0.01, valueGain: 1,
    });
    expect(resolvePpoConfig({ nSteps: 8 })).toEqual({ ...DEFAULT_PPO_CONFIG, nSteps: 8, hidden: [64, 64] });
  });

  it('names the first unusable field', () => {
    expect(() => resolvePpoConfig({ batchSize: 0 })).toThrow(/batchSize must be an integer >= 1/);
    expect(() => resolvePpoConfig({ gamma: 1.5 })).toThrow(/gamma/);
    expect(() => resolvePpoConfig({ maxGradNorm: -1 })).toThrow(/maxGradNorm/);
    expect(() => resolvePpoConfig({ hidden: [64, 0] })).toThrow(/hidden/);
  });
});
