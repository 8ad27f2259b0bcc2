import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ordersFromSignals } from '../../../src/quant/backtest/orders-from-signals.js';
import { runBacktest } from '../../../src/quant/backtest/run-backtest.js';
import { pricePath } from './backtest-arbitraries.js';

/** close 100 up to bar `t`, open and close 200 from bar t + 1 on. */
function jumpAfter(t: number, n: number): { open: Float64Array; close: Float64Array } {
  const close = Float64Array.from({ length: n }, (_, k) => (k <= t ? 100 : 200));
  return { open: close.slice(), close };
}

function longFrom(t: number, n: number): Float64Array {
  const signals = new Float64Array(n).fill(NaN);
  signals[t] = 1;
  return signals;
}

describe('fill timing', () => {
  it('enters a next-open signal decided at the close of bar t at the open of bar t + 1, missing the jump', () => {
    const prices = jumpAfter(3, 8);
    const { orders, fillAt } = ordersFromSignals(longFrom(3, 8), { fill: 'next-open' });
    const r = runBacktest({ tickers: [{ ...prices, orders }], costBps: 0, slippageBps: 0, fillAt });
    expect(r.trades.count).toBe(1);
    expect(r.trades.entryBar[0]).toBe(4);
    expect(r.trades.entryPrice[0]).toBe(200);
    expect(r.trades.netPnl[0]).toBe(0);
    expect(r.equity.at(-1)).toBe(1);
  });

  it('enters a same-close signal at the close it was decided on, catching the jump', () => {
    const prices = jumpAfter(3, 8);
    const { orders, fillAt } = ordersFromSignals(longFrom(3, 8), { fill: 'same-close' });
    expect(fillAt).toBe('close');
    const r = runBacktest({ tickers: [{ ...prices, orders }], costBps: 0, slippageBps: 0, fillAt });
    expect(r.trades.entryBar[0]).toBe(3);
    expect(r.trades.entryPrice[0]).toBe(100);
    expect(r.trades.netPnl[0]).toBeCloseTo(1, 14);
    expect(r.equity.at(-1)).toBeCloseTo(2, 14);
  });

  it('never lets a next-open signal at bar t change equity at bar t or earlier', () => {
    const market = fc.integer({ min: 2, max: 30 }).chain((n) =>
      fc.record({
        path: pricePath(n),
        signals: fc.array(fc.oneof(fc.constant(NaN), fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: n, maxLength: n }),
        t: fc.integer({ min: 0, max: n - 1 }),
        other: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(market, ({ path, signals, t, other }) => {
        const run = (s: number[]): Float64Array => {
          const { orders, fillAt } = ordersFromSignals(Float64Array.from(s), { fill: 'next-open' });
          return runBacktest({ tickers: [{ ...path, orders }], costBps: 5, slippageBps: 2, fillAt }).equity;
        };
        const changed = signals.slice();
        changed[t] = other;
        expect(run(changed).subarray(0, t + 1)).toEqual(run(signals).subarray(0, t + 1));
      }),
    );
  });

  it('fills at the close when the open is missing, and counts it', () => {
    const close = Float64Array.of(100, 110, 120, 130);
    const open = Float64Array.of(100, NaN, 120, 130);
    const weights = Float64Array.of(NaN, 1, NaN, 0);
    const r = runBacktest({ tickers: [{ open, close, orders: { kind: 'weight', weights } }], costBps: 0, slippageBps: 0 });
    expect(r.trades.entryPrice[0]).toBe(110);
    expect(r.fallbackFills[0]).toBe(1);
  });

  it('drops a next-open signal on the last bar, counts it, and passes the count through the backtest', () => {
    const weights = ordersFromSignals(Float64Array.of(1, NaN, 0.5), { fill: 'next-open' });
    expect([...weights.orders.weights]).toEqual([NaN, 1, NaN]);
    expect(weights.orders.dropped).toBe(1);
    const actions = ordersFromSignals(Int8Array.of(4, -1, -1), { fill: 'next-open' });
    expect([...actions.orders.actions]).toEqual([-1, 4, -1]);
    expect(actions.orders.dropped).toBe(0);
    const prices = { open: Float64Array.of(1, 1, 1), close: Float64Array.of(1, 1, 1) };
    const r = runBacktest({ tickers: [{ ...prices, orders: weights.orders }, { ...prices, orders: actions.orders }], costBps: 0, slippageBps: 0 });
    expect([...r.droppedSignals]).toEqual([1, 0]);
  });
});
