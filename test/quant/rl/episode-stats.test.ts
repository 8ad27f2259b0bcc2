import { describe, expect, it } from 'vitest';
import { episodeStats } from '../../../src/quant/rl/episode-stats.js';

// Equity 100, 110, 99, 105, 120: returns 1/10, -1/10, 2/33, 1/7.
const EQUITY = [100, 110, 99, 105, 120];
const MEAN = 47 / 924; // (2/33 + 1/7) / 4
const STD = Math.sqrt(((0.1 - MEAN) ** 2 + (-0.1 - MEAN) ** 2 + (2 / 33 - MEAN) ** 2 + (1 / 7 - MEAN) ** 2) / 3);

const NO_TRADES = { bar: [], shares: [], cashFlow: [], positionAfter: [] };

describe('episodeStats', () => {
  it('gives the hand-computed ratios of a four-period series, annualized over 4 periods a year', () => {
    const s = episodeStats(EQUITY, NO_TRADES, 4);
    expect(s.periods).toBe(4);
    expect(s.totalReturn).toBeCloseTo(0.2, 14);
    expect(s.cagr).toBeCloseTo(0.2, 14); // 1.2^(4/4) - 1
    expect(s.maxDrawdown).toBeCloseTo(0.1, 14); // 110 -> 99
    expect(s.calmar).toBeCloseTo(2, 13);
    expect(s.sharpe).toBeCloseTo((MEAN / STD) * 2, 13);
    expect(s.sharpe).toBeCloseTo(0.95939, 5);
    // Downside over all 4 periods: sqrt(0.1^2 / 4) = 0.05.
    expect(s.sortino).toBeCloseTo((MEAN / 0.05) * 2, 13);
  });

  it('annualizes with sqrt(252) and CAGR W_T^(252/T) - 1 by default', () => {
    const s = episodeStats(EQUITY, NO_TRADES);
    expect(s.sharpe).toBeCloseTo(7.614933778675136, 11);
    expect(s.sortino).toBeCloseTo(16.14939111948517, 11);
    expect(s.cagr / (1.2 ** 63 - 1)).toBeCloseTo(1, 12);
  });

  it('counts W_0 as a peak, so a series that only falls has a drawdown from the start', () => {
    expect(episodeStats([100, 90, 95, 80, 120, 60], NO_TRADES).maxDrawdown).toBeCloseTo(0.5, 14);
    expect(episodeStats([100, 80, 90], NO_TRADES).maxDrawdown).toBeCloseTo(0.2, 14);
    expect(episodeStats([100, 101, 102], NO_TRADES).maxDrawdown).toBe(0);
  });

  it('scores closed round trips by their summed cash flows and leaves an open one out', () => {
    // Bought 10 for 1000, sold for 1100: +100, a win. Bought 5 for 500, sold in halves for 200
    // and 240: -60, a loss. Bought 1 for 100: still open.
    const trades = {
      bar: [1, 2, 3, 4, 5, 6],
      shares: [10, -10, 5, -2.5, -2.5, 1],
      cashFlow: [-1000, 1100, -500, 200, 240, -100],
      positionAfter: [10, 0, 5, 2.5, 0, 1],
    };
    expect(episodeStats([1, 1, 1, 1, 1, 1, 1], trades)).toMatchObject({ trades: 6, roundTrips: 2, wins: 1, winRate: 0.5 });
  });

  it('gives NaN for ratios without a denominator', () => {
    const flat = episodeStats([100, 100, 100], NO_TRADES);
    expect([flat.totalReturn, flat.maxDrawdown, flat.trades]).toEqual([0, 0, 0]);
    expect([flat.sharpe, flat.sortino, flat.calmar, flat.winRate]).toEqual([NaN, NaN, NaN, NaN]);
    const single = episodeStats([100], NO_TRADES);
    expect([single.periods, single.totalReturn, single.sharpe]).toEqual([0, NaN, NaN]);
  });
});
