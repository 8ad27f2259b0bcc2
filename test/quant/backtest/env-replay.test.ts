import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ordersFromSignals } from '../../../src/quant/backtest/orders-from-signals.js';
import { runBacktest } from '../../../src/quant/backtest/run-backtest.js';
import { createEnvMarket, type EnvMarket } from '../../../src/quant/rl/env-market.js';
import { TradingEnv } from '../../../src/quant/rl/trading-env.js';
import { bps, pricePath } from './backtest-arbitraries.js';

/** One ticker, every row in train, one constant feature: an evaluation over 'train' runs rows 0 .. n-1 once (as in trading-env-fills.test.ts). */
function oneTicker(close: Float64Array, open: Float64Array): EnvMarket {
  const n = close.length;
  return createEnvMarket({
    tickerStart: Int32Array.of(0, n),
    dates: Int32Array.from({ length: n }, (_, t) => 10_957 + t),
    open,
    close,
    features: new Float32Array(n),
    featureCount: 1,
    segment: new Int8Array(n),
  });
}

const episode = fc.integer({ min: 2, max: 40 }).chain((n) =>
  fc.record({ path: pricePath(n), actions: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: n - 1, maxLength: n - 1 }) }),
);

describe('replaying trading-env actions', () => {
  it("matches TradingEnv's equity at every bar, its infeasible actions and fallback fills, for the same actions, prices and costs", () => {
    fc.assert(
      fc.property(episode, bps, bps, fc.boolean(), ({ path, actions }, commissionBps, slippageBps, liquidateAtEnd) => {
        const env = TradingEnv.evaluation({ market: oneTicker(path.close, path.open), segment: 'train', config: { lookback: 1, commissionBps, slippageBps, liquidateAtEnd, initialCash: 1000 } });
        const envEquity = [1000];
        for (const action of actions) {
          env.step(Int32Array.of(action));
          envEquity.push(env.trace.equity[0]!);
        }
        const episodeResult = env.drainEpisodes()[0]!;
        // The env decides at bar t and fills at bar t + 1: the signal of bar t is the action stepped there.
        const { orders, fillAt } = ordersFromSignals(Int8Array.from([...actions, -1]), { fill: 'next-open' });
        const r = runBacktest({ tickers: [{ ...path, orders }], costBps: commissionBps, slippageBps, liquidateAtEnd, fillAt, initialCash: 1000 });
        envEquity.forEach((e, t) => expect(Math.abs(r.equity[t]! - e)).toBeLessThanOrEqual(1e-9 * 1000));
        expect(r.infeasible[0]).toBe(episodeResult.infeasibleActions);
        expect(r.fallbackFills[0]).toBe(episodeResult.fallbackFills);
        expect(r.fees[0]! + r.slippage[0]!).toBeCloseTo(episodeResult.costPaid, 9);
      }),
      { numRuns: 300 },
    );
  });
});
