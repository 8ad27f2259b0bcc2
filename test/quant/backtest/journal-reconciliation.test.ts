import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBacktest, type BacktestTicker } from '../../../src/quant/backtest/run-backtest.js';
import { bps, ticker } from './backtest-arbitraries.js';

const options = fc.record({
  costBps: bps,
  slippageBps: bps,
  fillAt: fc.constantFrom('open' as const, 'close' as const),
  initialCash: fc.double({ min: 0.5, max: 1e6, noNaN: true }),
  liquidateAtEnd: fc.boolean(),
});

/** The ticker with its negative weights made positive, for a long-only run. */
function longOnly(t: BacktestTicker): BacktestTicker {
  return t.orders.kind === 'weight' ? { ...t, orders: { kind: 'weight', weights: t.orders.weights.map(Math.abs) } } : t;
}

function checkReconciles(allowShort: boolean): void {
  fc.assert(
    fc.property(fc.array(ticker(allowShort), { minLength: 1, maxLength: 3 }), options, (tickers, opts) => {
      const r = runBacktest({ tickers, allowShort, ...opts });
      const { trades, tradeOffsets, offsets } = r;
      for (let i = 0; i < tickers.length; i++) {
        let net = 0;
        for (let k = tradeOffsets[i]!; k < tradeOffsets[i + 1]!; k++) {
          net += trades.netPnl[k]!;
          expect(trades.ticker[k]).toBe(i);
          expect(Math.abs(trades.grossPnl[k]! - trades.fees[k]! - trades.slippage[k]! - trades.netPnl[k]!)).toBeLessThanOrEqual(1e-9 * opts.initialCash);
          expect(trades.fees[k]).toBeGreaterThanOrEqual(-1e-12 * opts.initialCash);
          expect(trades.slippage[k]).toBeGreaterThanOrEqual(0);
          if (trades.exitBar[k] === -1) expect(k).toBe(tradeOffsets[i + 1]! - 1);
        }
        const final = r.equity[offsets[i + 1]! - 1]!;
        expect(Math.abs(net - (final - opts.initialCash))).toBeLessThanOrEqual(1e-9 * opts.initialCash);
      }
    }),
    { numRuns: 300 },
  );
}

describe('the trade journal', () => {
  it('counts as many holding bars over a ticker\'s trades as bars with a position, and the ticker\'s costs', () => {
    fc.assert(
      fc.property(fc.array(ticker(true), { minLength: 1, maxLength: 3 }), options, fc.boolean(), (tickers, opts, allowShort) => {
        const r = runBacktest({ tickers: allowShort ? tickers : tickers.map(longOnly), allowShort, ...opts });
        for (let i = 0; i < tickers.length; i++) {
          const [from, to] = [r.tradeOffsets[i]!, r.tradeOffsets[i + 1]!];
          const sum = (column: ArrayLike<number>): number => Array.prototype.slice.call(column, from, to).reduce((a: number, b: number) => a + b, 0);
          const bars = r.offsets[i + 1]! - r.offsets[i]!;
          expect(sum(r.trades.holdingBars)).toBe(Math.round(r.exposure[i]! * bars));
          expect(to - from).toBe(r.tradeCount[i]);
          expect(Math.abs(sum(r.trades.fees) - r.fees[i]!)).toBeLessThanOrEqual(1e-9 * opts.initialCash);
          expect(Math.abs(sum(r.trades.slippage) - r.slippage[i]!)).toBeLessThanOrEqual(1e-9 * opts.initialCash);
        }
      }),
    );
  });

  it('sums closed-trade net P&L and the open trade marked to market to final minus initial equity, long-only', () => {
    checkReconciles(false);
  });

  it('sums closed-trade net P&L and the open trade marked to market to final minus initial equity, long-short', () => {
    checkReconciles(true);
  });
});
