import { describe, expect, it } from 'vitest';
import { dateAxis } from '../../../src/quant/backtest/date-axis.js';
import { portfolioReturns } from '../../../src/quant/backtest/portfolio-returns.js';

describe('dateAxis', () => {
  it('puts the tickers on the sorted union of their dates with -1 where a ticker has no bar', () => {
    const axis = dateAxis({ dates: Int32Array.of(10, 11, 13, 11, 12, 13, 14, 12), offsets: Int32Array.of(0, 3, 7, 8) });
    expect([...axis.dates]).toEqual([10, 11, 12, 13, 14]);
    expect(axis.tickers).toBe(3);
    expect([...axis.bars]).toEqual([3, 4, 1]);
    expect([...axis.bar]).toEqual([0, 1, -1, 2, -1, -1, 0, 1, 2, 3, -1, -1, 0, -1, -1]);
  });

  it('rejects dates that do not strictly increase within a ticker, naming the ticker and bar', () => {
    expect(() => dateAxis({ dates: Int32Array.of(1, 2, 5, 5), offsets: Int32Array.of(0, 2, 4) })).toThrow(/ticker 1 bar 1: expected dates to strictly increase, found 5 after 5/);
    expect(() => dateAxis({ dates: Int32Array.of(1, 2), offsets: Int32Array.of(0, 1) })).toThrow(/expected offsets from 0 to dates.length \(2\)/);
  });
});

describe('portfolioReturns', () => {
  it('averages never-rebalanced 1/N sleeves, cash before a ticker starts and its last equity on dates it has no bar', () => {
    // Ticker 0 on dates 10, 11, 13; ticker 1 on 11, 12, 13, 14 (initial cash 2).
    const axis = dateAxis({ dates: Int32Array.of(10, 11, 13, 11, 12, 13, 14), offsets: Int32Array.of(0, 3, 7) });
    const equity = Float64Array.of(2.2, 2.4, 1.8, 2, 3, 4, 1);
    const { value, returns } = portfolioReturns({ axis, equity, offsets: Int32Array.of(0, 3, 7), initialCash: 2 });
    // Sleeves (equity / 2): date 10: 1.1 and cash 1; 11: 1.2, 1; 12: 1.2 (held), 1.5; 13: 0.9, 2; 14: 0.9 (held), 0.5.
    const expected = [1.05, 1.1, 1.35, 1.45, 0.7];
    expected.forEach((v, d) => expect(value[d]).toBeCloseTo(v, 14));
    [1.05 - 1, 1.1 / 1.05 - 1, 1.35 / 1.1 - 1, 1.45 / 1.35 - 1, 0.7 / 1.45 - 1].forEach((x, d) => expect(returns[d]).toBeCloseTo(x, 14));
  });

  it('rejects equity whose offsets do not match the axis', () => {
    const axis = dateAxis({ dates: Int32Array.of(1, 2), offsets: Int32Array.of(0, 2) });
    expect(() => portfolioReturns({ axis, equity: new Float64Array(3), offsets: Int32Array.of(0, 3), initialCash: 1 })).toThrow(/ticker 0 has 2 bars on the axis, but 3 in the equity/);
    expect(() => portfolioReturns({ axis, equity: new Float64Array(3), offsets: Int32Array.of(0, 1, 3), initialCash: 1 })).toThrow(/expected 2 offsets ending at equity.length \(3\), found 3/);
  });
});
