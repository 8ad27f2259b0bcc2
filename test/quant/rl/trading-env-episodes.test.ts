import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/quant/data/random-stream.js';
import { ACTION } from '../../../src/quant/rl/env-actions.js';
import { createEnvMarket } from '../../../src/quant/rl/env-market.js';
import { syntheticEnvMarket } from '../../../src/quant/rl/env-synthetic-market.js';
import { episodeStats } from '../../../src/quant/rl/episode-stats.js';
import { TradingEnv } from '../../../src/quant/rl/trading-env.js';

const market = syntheticEnvMarket({ tickers: 5, rows: 120, featureCount: 4, seed: 3, missingOpen: 0.1 });
const config = { lookback: 10, episodeSteps: 16 };

/** The (ticker, startRow) of every episode each env starts over `steps` steps of random actions. */
function episodesOf(env: TradingEnv, steps: number): string[][] {
  const seen = Array.from({ length: env.count }, (_, i) => [`${env.ticker[i]}@${env.startRow[i]}`]);
  const random = new RandomStream(1);
  const actions = new Int32Array(env.count);
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < env.count; i++) actions[i] = random.nextUint32() % 9;
    env.step(actions);
    for (let i = 0; i < env.count; i++) if (env.truncated[i]) seen[i]!.push(`${env.ticker[i]}@${env.startRow[i]}`);
  }
  return seen;
}

describe('TradingEnv episodes', () => {
  it('draws the same episodes from the same seed, other ones from another seed', () => {
    const draw = (seed: number, envs = 4) => episodesOf(TradingEnv.training({ market, envs, seed, config }), 100);
    expect(draw(7)).toEqual(draw(7));
    expect(draw(8)).not.toEqual(draw(7));
    expect(draw(7, 2)).toEqual(draw(7).slice(0, 2));
  });

  it('starts training episodes inside one train run, with a full window of the same ticker behind the start', () => {
    const env = TradingEnv.training({ market, envs: 8, seed: 2, config });
    for (let s = 0; s < 300; s++) {
      for (let i = 0; i < env.count; i++) {
        if (env.row[i] !== env.startRow[i]) continue;
        const [start, end, k] = [env.startRow[i]!, env.endRow[i]!, env.ticker[i]!];
        expect(end - start).toBe(16);
        expect(start - market.tickerStart[k]!).toBeGreaterThanOrEqual(9);
        expect(end).toBeLessThan(market.tickerStart[k + 1]!);
        for (let r = start; r <= end; r++) expect(market.segment[r]).toBe(0);
      }
      env.step(new Int32Array(env.count));
    }
  });

  it('moves a start past warm-up rows with NaN features that its window would show', () => {
    const rows = 30;
    const features = new Float32Array(rows).fill(1);
    features.fill(NaN, 0, 8);
    const m = createEnvMarket({
      tickerStart: Int32Array.of(0, rows),
      dates: Int32Array.from({ length: rows }, (_, r) => r),
      open: new Float64Array(rows).fill(10),
      close: new Float64Array(rows).fill(10),
      features,
      featureCount: 1,
      segment: Int8Array.from({ length: rows }, (_, r) => (r < 10 ? -1 : 1)),
    });
    const env = TradingEnv.evaluation({ market: m, segment: 'val', config: { lookback: 5 } });
    expect([env.startRow[0], env.endRow[0]]).toEqual([12, 29]);
    expect(TradingEnv.evaluation({ market: m, segment: 'val', config: { lookback: 2 } }).startRow[0]).toBe(10);
  });

  it('resets an ended training episode at once, truncated and not done, and reports it', () => {
    const env = TradingEnv.training({ market, envs: 3, seed: 5, config });
    const actions = new Int32Array(3).fill(ACTION.buy50);
    for (let s = 0; s < 15; s++) env.step(actions);
    expect(env.drainEpisodes()).toEqual([]);
    env.step(actions);
    expect([...env.truncated]).toEqual([1, 1, 1]);
    expect([...env.dones]).toEqual([0, 0, 0]);
    expect([...env.row]).toEqual([...env.startRow]);
    expect(env.portfolio.cash[0]).toBe(100_000);
    const results = env.drainEpisodes();
    expect(results.map((r) => r.env)).toEqual([0, 1, 2]);
    const first = results[0]!;
    expect(first.steps).toBe(16);
    expect(first.equity.length).toBe(17);
    expect(first.equity[0]).toBe(100_000);
    expect(first.trades.shares.length).toBe(16);
    expect(first.stats).toEqual(episodeStats(first.equity, first.trades));
    expect(first.startDate).toBe(market.dates[first.startRow]);
    env.step(actions);
    expect([...env.truncated]).toEqual([0, 0, 0]);
  });

  it('runs one env per ticker over its whole val range once, then stops', () => {
    const env = TradingEnv.evaluation({ market, segment: 'val', config });
    expect(env.count).toBe(5);
    for (let k = 0; k < 5; k++) {
      const val = [...market.segment.subarray(market.tickerStart[k], market.tickerStart[k + 1])].flatMap((s, r) => (s === 1 ? [market.tickerStart[k]! + r] : []));
      expect([env.ticker[k], env.startRow[k], env.endRow[k]]).toEqual([k, val[0], val.at(-1)]);
    }
    const steps = env.endRow[0]! - env.startRow[0]!;
    for (let s = 0; s < steps; s++) env.step(new Int32Array(5).fill(ACTION.buy25));
    expect(env.done).toBe(true);
    expect(env.drainEpisodes().map((r) => [r.ticker, r.segment, r.steps])).toEqual([0, 1, 2, 3, 4].map((k) => [k, 1, steps]));
    env.step(new Int32Array(5));
    expect([...env.trace.stepped, ...env.rewards]).toEqual(new Array(10).fill(0));
  });

  it('makes an evaluation batch over test from a training batch, with the same config', () => {
    const test = TradingEnv.training({ market, envs: 2, seed: 1, config }).evaluationBatch('test');
    expect(test.segment).toBe(2);
    expect(test.config.lookback).toBe(10);
    expect([...test.ticker]).toEqual([0, 1, 2, 3, 4]);
  });

  it('traces every step with ticker, date, action, position fraction and equity at the bar it ended at', () => {
    const env = TradingEnv.evaluation({ market, segment: 'test', config });
    const actions = Int32Array.of(ACTION.buy100, ACTION.hold, ACTION.sell25, ACTION.buy50, ACTION.hold);
    env.step(actions);
    for (let i = 0; i < 5; i++) {
      const row = env.startRow[i]! + 1;
      expect([env.trace.ticker[i], env.trace.row[i], env.trace.date[i], env.trace.action[i]]).toEqual([i, row, market.dates[row], actions[i]]);
      expect(env.trace.equity[i]).toBe(env.portfolio.equity[i]);
      expect(env.trace.positionFraction[i]).toBeCloseTo((env.portfolio.shares[i]! * market.close[row]!) / env.portfolio.equity[i]!, 12);
    }
    expect([...env.trace.outcome]).toEqual([1, 0, -1, 1, 0]);
    expect(env.trace.positionFraction[1]).toBe(0);
  });

  it('keeps rewards finite and accounts consistent over thousands of random steps with missing opens', () => {
    const env = TradingEnv.training({ market, envs: 16, seed: 9, config: { ...config, liquidateAtEnd: true } });
    const random = new RandomStream(4);
    const actions = new Int32Array(16);
    let fallbacks = 0;
    for (let s = 0; s < 2000; s++) {
      for (let i = 0; i < 16; i++) actions[i] = random.nextUint32() % 9;
      env.step(actions);
      for (let i = 0; i < 16; i++) {
        expect(Number.isFinite(env.rewards[i]!)).toBe(true);
        expect(env.portfolio.cash[i]! >= 0 && env.portfolio.shares[i]! >= 0).toBe(true);
        fallbacks += env.trace.fallback[i]!;
      }
    }
    const results = env.drainEpisodes();
    expect(results.length).toBe(2000);
    expect(fallbacks).toBeGreaterThan(100);
    expect(results.reduce((sum, r) => sum + r.fallbackFills, 0)).toBeLessThanOrEqual(fallbacks);
    for (const r of results) {
      expect(r.equity.at(-1)).toBe(r.equity.at(-1)); // not NaN
      expect(r.trades.positionAfter[r.trades.positionAfter.length - 1] ?? 0).toBe(0); // liquidated or never bought
      expect(r.stats.trades).toBe(r.trades.shares.length);
    }
  });

  it('says why no episode fits when the train runs are too short', () => {
    expect(() => TradingEnv.training({ market, envs: 1, seed: 1, config: { lookback: 10, episodeSteps: 80 } })).toThrow(/no training episode of 80 steps fits: the longest usable train run allows 62 steps/);
    expect(() => TradingEnv.training({ market, envs: 0, seed: 1 })).toThrow(/envs must be an integer >= 1/);
    expect(() => TradingEnv.training({ market, envs: 1, seed: 1, config: { lookbak: 3 } as never })).toThrow(/unknown field 'lookbak'/);
  });
});
