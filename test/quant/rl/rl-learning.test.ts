import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/quant/data/random-stream.js';
import { DqnTrainer } from '../../../src/quant/rl/dqn.js';
import { syntheticEnvMarket } from '../../../src/quant/rl/env-synthetic-market.js';
import { PpoTrainer } from '../../../src/quant/rl/ppo.js';
import { TradingEnv } from '../../../src/quant/rl/trading-env.js';
import type { EnvConfig } from '../../../src/quant/rl/env-config.js';
import type { EnvMarket } from '../../../src/quant/rl/env-market.js';

// Issue 5's learning acceptance on the trading env itself: with a planted signal (feature 0
// of day t predicts the return of day t + 1 with correlation 0.5) a seeded run of seconds
// must beat buy-and-hold and a random policy on the TEST segment, by more than the spread
// across tickers; on a pure random walk it must not beat buy-and-hold by more than that.
const CONFIG: Partial<EnvConfig> = { observation: 'last-row', lookback: 1, episodeSteps: 64 };
const TICKERS = 8;
const DQN_FRAMES = 20_000;

/** Writes one action per env for [envs, obs] observations and [envs, 9] feasible-action masks. */
type Policy = (observations: Float32Array, actions: Int32Array, masks: Uint8Array) => void;

/** Per-ticker total return of `policy` run greedily over the test segment, seeing the masks as the stages' evaluation does. */
function testReturns(market: EnvMarket, policy: Policy): number[] {
  const env = TradingEnv.evaluation({ market, segment: 'test', config: CONFIG });
  const observations = new Float32Array(env.count * env.observationSize);
  const masks = new Uint8Array(env.count * env.actionCount);
  const actions = new Int32Array(env.count);
  while (!env.done) {
    env.observe(observations);
    env.actionMask(masks);
    policy(observations, actions, masks);
    env.step(actions);
  }
  return env.drainEpisodes().sort((a, b) => a.ticker - b.ticker).map((e) => e.stats.totalReturn);
}

const buyAndHold: Policy = (_, actions) => actions.fill(4); // buy 100% (a no-op once invested)
const randomPolicy = (seed: number): Policy => {
  const random = new RandomStream(seed);
  return (_, actions) => {
    for (let i = 0; i < actions.length; i++) actions[i] = random.nextUint32() % 9;
  };
};

/** Mean of a − b over tickers and its standard error. */
function excess(a: number[], b: number[]): { mean: number; standardError: number } {
  const d = a.map((x, i) => x - b[i]!);
  const mean = d.reduce((s, x) => s + x, 0) / d.length;
  const variance = d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1);
  return { mean, standardError: Math.sqrt(variance / d.length) };
}

async function trainedPolicy(algorithm: 'ppo' | 'dqn', market: EnvMarket): Promise<Policy> {
  const env = TradingEnv.training({ market, envs: 8, seed: 2, config: CONFIG });
  if (algorithm === 'ppo') {
    const ppo = new PpoTrainer(tf, env, { nSteps: 64, batchSize: 64, nEpochs: 4, seed: 3, learningRate: 1e-3, entCoef: 0.01 });
    await ppo.train({ totalSteps: 20_000 });
    return (observations, actions, masks) => actions.set(ppo.act(observations, masks));
  }
  // Rewards are per-step log returns (~1e-2): scaled by 100 so that Q-value differences
  // between actions stand above the network's initial noise and Adam's step (dqn-config.ts).
  const dqn = new DqnTrainer(tf, env, {
    seed: 3, gamma: 0.9, rewardScale: 100, learningRate: 1e-3, learningStarts: 500, bufferSize: 20_000, batchSize: 64, trainFreq: 1, targetUpdateInterval: 250,
  });
  await dqn.train({ totalSteps: DQN_FRAMES });
  return (observations, actions, masks) => {
    dqn.act(observations, actions, masks);
  };
}

describe.each(['ppo', 'dqn'] as const)('%s on the trading env', (algorithm) => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('beats buy-and-hold and a random policy on the test segment when a signal is planted', async () => {
    const market = syntheticEnvMarket({ tickers: TICKERS, rows: 1000, featureCount: 4, seed: 5, signal: 0.5 });
    const agent = testReturns(market, await trainedPolicy(algorithm, market));
    const overHold = excess(agent, testReturns(market, buyAndHold));
    const overRandom = excess(agent, testReturns(market, randomPolicy(9)));
    expect(overHold.mean).toBeGreaterThan(2 * overHold.standardError);
    expect(overRandom.mean).toBeGreaterThan(2 * overRandom.standardError);
  }, 180_000);

  it('does not beat buy-and-hold by more than sampling error on a pure random walk', async () => {
    const market = syntheticEnvMarket({ tickers: TICKERS, rows: 1000, featureCount: 4, seed: 5, signal: 0 });
    const agent = testReturns(market, await trainedPolicy(algorithm, market));
    const overHold = excess(agent, testReturns(market, buyAndHold));
    expect(overHold.mean).toBeLessThan(2 * overHold.standardError + 1e-3);
  }, 180_000);
});
