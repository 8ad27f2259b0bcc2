import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Orders } from '../../../src/quant/backtest/backtest-orders.js';
import { runBacktest } from '../../../src/quant/backtest/run-backtest.js';
import { actionOrders, bps, pricePath, weightOrders, type PricePath } from './backtest-arbitraries.js';

const market = (allowShort: boolean): fc.Arbitrary<{ path: PricePath; orders: Orders }> =>
  fc.integer({ min: 1, max: 40 }).chain((n) => fc.record({ path: pricePath(n), orders: fc.oneof(weightOrders(n, allowShort), actionOrders(n)) }));
const relative = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('backtest costs and account limits', () => {
  it('leaves equity exactly at the initial cash when it never holds a position', () => {
    fc.assert(
      fc.property(market(false), bps, bps, fc.boolean(), ({ path }, costBps, slippageBps, flatWithZeros) => {
        const n = path.close.length;
        const weights = new Float64Array(n).fill(flatWithZeros ? 0 : NaN);
        const r = runBacktest({ tickers: [{ ...path, orders: { kind: 'weight', weights } }], costBps, slippageBps, initialCash: 12_345.678 });
        expect(r.equity.every((e) => e === 12_345.678)).toBe(true);
        expect(r.returns.every((x) => x === 0)).toBe(true);
        expect([r.trades.count, r.exposure[0], r.turnover[0]]).toEqual([0, 0, 0]);
      }),
    );
  });

  it('ends buy-and-hold at E0 P_T / (P_fill (1 + s)(1 + c)), times (1 - s)(1 - c) when liquidated', () => {
    fc.assert(
      fc.property(market(false), bps, bps, fc.boolean(), ({ path }, costBps, slippageBps, liquidateAtEnd) => {
        const n = path.close.length;
        const weights = new Float64Array(n).fill(NaN);
        weights[0] = 1;
        const r = runBacktest({ tickers: [{ ...path, orders: { kind: 'weight', weights } }], costBps, slippageBps, liquidateAtEnd, initialCash: 1000 });
        const [c, s] = [costBps / 1e4, slippageBps / 1e4];
        const fill = Number.isNaN(path.open[0]!) ? path.close[0]! : path.open[0]!;
        const held = (1000 * path.close[n - 1]!) / (fill * (1 + s) * (1 + c));
        expect(relative(r.equity[n - 1]!, liquidateAtEnd ? held * (1 - s) * (1 - c) : held)).toBeLessThan(1e-12);
        expect(r.trades.exitBar[0]).toBe(liquidateAtEnd ? n - 1 : -1);
      }),
    );
  });

  it('never ends with more equity when commission or slippage rises, for a fixed long-only order sequence', () => {
    const more = fc.double({ min: 0, max: 100, noNaN: true });
    fc.assert(
      fc.property(market(false), bps, bps, more, more, fc.boolean(), ({ path, orders }, c, s, dc, ds, liquidateAtEnd) => {
        const final = (costBps: number, slippageBps: number): number => runBacktest({ tickers: [{ ...path, orders }], costBps, slippageBps, liquidateAtEnd }).equity.at(-1)!;
        expect(final(c + dc, s + ds)).toBeLessThanOrEqual(final(c, s) * (1 + 1e-12));
      }),
      { numRuns: 300 },
    );
  });

  it('never lets cash or shares go negative in long-only mode: every position fraction is in [0, 1]', () => {
    fc.assert(
      fc.property(market(false), bps, bps, fc.constantFrom('open' as const, 'close' as const), ({ path, orders }, costBps, slippageBps, fillAt) => {
        const r = runBacktest({ tickers: [{ ...path, orders }], costBps, slippageBps, fillAt });
        for (let t = 0; t < r.position.length; t++) {
          expect(r.equity[t]).toBeGreaterThan(0);
          expect(r.position[t]).toBeGreaterThanOrEqual(0);
          expect(r.position[t]).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(r.trades.side.every((side) => side === 1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
