import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../src/quant/backtest/run-backtest.js';
import { bps, ticker } from './backtest-arbitraries.js';

const options = fc.record({
  costBps: bps,
  slippageBps: bps,
  fillAt: fc.constantFrom('open' as const, 'close' as const),
  initialCash: fc.double({ min: 0.5, max: 1e6, noNaN: true }),
  liquidateAtEnd: fc.boolean(),
});

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
  it('sums closed-trade net P&L and the open trade marked to market to final minus initial equity, long-only', () => {
    checkReconciles(false);
  });

  it('sums closed-trade net P&L and the open trade marked to market to final minus initial equity, long-short', () => {
    checkReconciles(true);
  });
});
