import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tradeMetrics } from '../../../src/quant/metrics/trade-metrics.js';

describe('tradeMetrics', () => {
  it('matches numpy on a mix of wins, losses and a break-even trade', () => {
    // python3: pnl = np.array([120.5, -40.25, 0.0, 310.0, -95.75, 15.0, -60.0])
    //   (pnl > 0).sum() / len(pnl) -> 0.42857142857142855
    //   pnl[pnl > 0].sum() / abs(pnl[pnl < 0].sum()) -> 2.2729591836734695; pnl.mean() -> 35.642857142857146
    const m = tradeMetrics(Float64Array.from([120.5, -40.25, 0, 310, -95.75, 15, -60]));
    expect(m).toMatchObject({ count: 7, wins: 3, losses: 3, grossProfit: 445.5, grossLoss: -196, bestTrade: 310, worstTrade: -95.75 });
    expect(m.winRate).toBeCloseTo(0.42857142857142855, 15);
    expect(m.profitFactor).toBeCloseTo(2.2729591836734695, 14);
    expect(m.averageTrade).toBeCloseTo(35.642857142857146, 12);
  });

  it('gives profit factor Infinity with only wins, 0 with only losses, NaN with neither', () => {
    expect(tradeMetrics(Float64Array.from([1, 2])).profitFactor).toBe(Infinity);
    expect(tradeMetrics(Float64Array.from([-1, -2])).profitFactor).toBe(0);
    expect(tradeMetrics(Float64Array.from([0, 0])).profitFactor).toBeNaN();
  });

  it('gives NaN ratios and extremes with no closed trades', () => {
    const m = tradeMetrics(new Float64Array(0));
    expect(m.count).toBe(0);
    expect([m.winRate, m.profitFactor, m.averageTrade, m.bestTrade, m.worstTrade]).toEqual([NaN, NaN, NaN, NaN, NaN]);
  });

  it('throws a clear error for a NaN P&L', () => {
    expect(() => tradeMetrics(Float64Array.from([1, NaN]))).toThrow(/finite numbers in netPnl, found NaN at index 1/);
  });

  it('keeps its counts and sums consistent for any trades', () => {
    fc.assert(
      fc.property(fc.float64Array({ min: -1e6, max: 1e6, noNaN: true, minLength: 1, maxLength: 50 }), (pnl) => {
        const m = tradeMetrics(pnl);
        const net = m.grossProfit + m.grossLoss;
        const sums = Math.abs(m.averageTrade * m.count - net) <= 1e-6 * Math.max(1, Math.abs(m.grossProfit) + Math.abs(m.grossLoss));
        const pfSide = m.losses === 0 || m.wins === 0 || Math.abs(net) < 1e-6 || (m.profitFactor > 1) === (net > 0);
        return m.wins + m.losses <= m.count && m.winRate >= 0 && m.winRate <= 1 && m.worstTrade <= m.averageTrade && m.averageTrade <= m.bestTrade && sums && pfSide;
      }),
    );
  });
});
