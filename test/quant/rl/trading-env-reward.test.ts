import { describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/quant/rl/env-actions.js';
import { DEFAULT_ENV_CONFIG, type EnvConfig } from '../../../src/quant/rl/env-config.js';
import { createEnvMarket } from '../../../src/quant/rl/env-market.js';
import { TradingEnv } from '../../../src/quant/rl/trading-env.js';

const CLOSE = [100, 102, 101, 104, 107, 103, 99, 101, 106, 108, 108.5, 104, 110];
const ACTIONS = [ACTION.buy100, ACTION.hold, ACTION.hold, ACTION.sell50, ACTION.hold, ACTION.hold, ACTION.buy75, ACTION.hold, ACTION.hold, ACTION.sell25, ACTION.hold, ACTION.hold];

function runRewards(config: Partial<EnvConfig>): { rewards: number[]; equity: number[]; total: number } {
  const n = CLOSE.length;
  const market = createEnvMarket({
    tickerStart: Int32Array.of(0, n),
    dates: Int32Array.from({ length: n }, (_, t) => t),
    open: Float64Array.from(CLOSE, (c) => c - 0.5),
    close: Float64Array.from(CLOSE),
    features: new Float32Array(n),
    featureCount: 1,
    segment: new Int8Array(n),
  });
  const env = TradingEnv.evaluation({ market, segment: 'train', config: { lookback: 1, initialCash: 1, ...config } });
  const rewards: number[] = [];
  const equity = [1];
  for (const action of ACTIONS) {
    env.step(Int32Array.of(action));
    rewards.push(env.rewards[0]!);
    equity.push(env.trace.equity[0]!);
  }
  return { rewards, equity, total: env.drainEpisodes()[0]!.totalReward };
}

/** The reward written out from its definition in env-config.ts, step by step over an equity series. */
function expectedRewards(equity: number[], c: EnvConfig): number[] {
  let [a, b, peak, drawdown, run] = [0, 0, equity[0]!, 0, 0];
  return equity.slice(1).map((e, k) => {
    const r = e / equity[k]! - 1;
    const variance = b - a * a;
    const aNext = (1 - c.dsrEta) * a + c.dsrEta * r;
    const bNext = (1 - c.dsrEta) * b + c.dsrEta * r * r;
    const dsr = variance > c.dsrMinVariance ? (b * (aNext - a) - 0.5 * a * (bNext - b)) / variance ** 1.5 : 0;
    [a, b] = [aNext, bNext];
    peak = Math.max(peak, e);
    const deeper = Math.max(0, 1 - e / peak - drawdown);
    drawdown = 1 - e / peak;
    run = r > 0 ? run + 1 : 0;
    const bonus = r > 0 ? Math.min(run, c.consistencyCap) / c.consistencyCap : 0;
    return Math.log(e / equity[k]!) + c.dsrWeight * dsr - c.drawdownWeight * deeper + c.consistencyWeight * bonus;
  });
}

describe('TradingEnv reward', () => {
  it('is the change in log equity when every shaping weight is 0', () => {
    const { rewards, equity, total } = runRewards({ dsrWeight: 0, drawdownWeight: 0, consistencyWeight: 0 });
    rewards.forEach((reward, k) => expect(reward).toBe(Math.fround(Math.log(equity[k + 1]! / equity[k]!))));
    expect(total).toBeCloseTo(Math.log(equity.at(-1)!), 12);
  });

  it('adds the differential Sharpe ratio, the drawdown penalty and the positive-run bonus as defined', () => {
    const config: EnvConfig = { ...DEFAULT_ENV_CONFIG, lookback: 1, initialCash: 1, dsrWeight: 0.5, dsrMinVariance: 1e-6, dsrEta: 0.2, drawdownWeight: 2, consistencyWeight: 0.01, consistencyCap: 3 };
    const { rewards, equity, total } = runRewards(config);
    const expected = expectedRewards(equity, config);
    rewards.forEach((reward, k) => expect(Math.abs(reward - expected[k]!), `step ${k}`).toBeLessThanOrEqual(1e-6 * Math.abs(expected[k]!) + 1e-9));
    const sum = expected.reduce((s, x) => s + x, 0);
    expect(Math.abs(total - sum)).toBeLessThanOrEqual(1e-12 * Math.abs(sum));
    // Each term shows: the shaped rewards differ from the log-equity ones.
    const plain = runRewards({ dsrWeight: 0, drawdownWeight: 0, consistencyWeight: 0 }).rewards;
    expect(rewards.filter((reward, k) => Math.abs(reward - plain[k]!) > 1e-6).length).toBeGreaterThan(6);
  });
});
