import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buyAndHoldSignals, randomPolicySignals } from '../../../src/quant/backtest/baseline-signals.js';
import { ordersFromSignals } from '../../../src/quant/backtest/orders-from-signals.js';
import { runBacktest } from '../../../src/quant/backtest/run-backtest.js';
import { bps, pricePath } from './backtest-arbitraries.js';

describe('the baselines', () => {
  it('buy-and-hold with next-open fills buys all-in at bar 1 with costs and holds to the end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }).chain(pricePath), bps, bps, (path, costBps, slippageBps) => {
        const n = path.close.length;
        const { orders, fillAt } = ordersFromSignals(buyAndHoldSignals(n), { fill: 'next-open' });
        const r = runBacktest({ tickers: [{ ...path, orders }], costBps, slippageBps, fillAt });
        const fill = Number.isNaN(path.open[1]!) ? path.close[1]! : path.open[1]!;
        const expected = path.close[n - 1]! / (fill * (1 + slippageBps / 1e4) * (1 + costBps / 1e4));
        expect(Math.abs(r.equity[n - 1]! - expected)).toBeLessThanOrEqual(1e-12 * expected);
        expect([r.trades.count, r.trades.entryBar[0], r.trades.exitBar[0]]).toEqual([1, 1, -1]);
        expect(r.exposure[0]).toBe((n - 1) / n);
      }),
    );
  });

  it('draws the random policy from (seed, ticker) alone: the same pair repeats, another ticker or seed differs', () => {
    const a = randomPolicySignals(500, { seed: 7, ticker: 3 });
    expect(randomPolicySignals(500, { seed: 7, ticker: 3 })).toEqual(a);
    expect(randomPolicySignals(500, { seed: 7, ticker: 4 })).not.toEqual(a);
    expect(randomPolicySignals(500, { seed: 8, ticker: 3 })).not.toEqual(a);
    expect(randomPolicySignals(200, { seed: 7, ticker: 3 })).toEqual(a.subarray(0, 200));
  });

  it('holds all-in long about half of the bars under the random policy and flat otherwise', () => {
    const signals = randomPolicySignals(20_000, { seed: 1, ticker: 0 });
    expect(signals.every((x) => x === 0 || x === 1)).toBe(true);
    const longs = signals.reduce((sum, x) => sum + x, 0);
    // Binomial(20,000, 1/2): sd 70.7, so +-400 is more than 5 sd.
    expect(Math.abs(longs - 10_000)).toBeLessThan(400);
  });

  it('charges the random policy the same costs: it pays more than buy-and-hold and earns less on a flat market', () => {
    const n = 300;
    const flat = { open: new Float64Array(n).fill(50), close: new Float64Array(n).fill(50) };
    const run = (signals: Float64Array): ReturnType<typeof runBacktest> => {
      const { orders, fillAt } = ordersFromSignals(signals, { fill: 'next-open' });
      return runBacktest({ tickers: [{ ...flat, orders }], costBps: 5, slippageBps: 2, fillAt });
    };
    const hold = run(buyAndHoldSignals(n));
    const random = run(randomPolicySignals(n, { seed: 5, ticker: 0 }));
    expect(random.tradeCount[0]).toBeGreaterThan(30);
    expect(random.fees[0]).toBeGreaterThan(hold.fees[0]! * 30);
    expect(random.equity[n - 1]).toBeLessThan(hold.equity[n - 1]!);
  });

  it('rejects a bar count that is not a non-negative integer', () => {
    expect(() => buyAndHoldSignals(-1)).toThrow(/expected a bar count .* found -1/);
    expect(() => randomPolicySignals(2.5, { seed: 1, ticker: 0 })).toThrow(/found 2.5/);
  });
});
