import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../src/quant/backtest/run-backtest.js';

// Hand-computed with exact fractions (commission c = 0.001, slippage s = 0.002, 1000 of cash):
// bar 0 buys q = 1000 / (100 x 1.002 x 1.001) = 9.970069850309372 shares at the open of 100;
// bar 2 sells q / 2 at 110 (target 0.5 of equity q x 110); bar 3 sells the rest at 105.
const open = Float64Array.of(100, 102, 110, 105);
const close = Float64Array.of(101, 104, 108, 106);
const weights = Float64Array.of(1, NaN, 0.5, 0);
const q = 9.970069850309372;
const close12 = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));

describe('a hand-computed backtest with costs', () => {
  const r = runBacktest({ tickers: [{ open, close, orders: { kind: 'weight', weights } }], costBps: 10, slippageBps: 20, initialCash: 1000 });

  it('marks equity, returns and position at each close', () => {
    [1006.9770548812465, 1036.8872644321746, 1085.0936488661039, 1068.5693049465503].forEach((e, t) => close12(r.equity[t]!, e));
    [0.006977054881246498, 0.0297029702970297, 0.04649144230769231, -0.015228495657329697].forEach((x, t) => close12(r.returns[t]!, x));
    [1, 1, 0.49616341638281986, 0].forEach((x, t) => expect(r.position[t]).toBeCloseTo(x, 14));
  });

  it('journals one trade from the first buy to the last sell with vwap prices, costs and net P&L', () => {
    const t = r.trades;
    expect(t.count).toBe(1);
    expect([t.ticker[0], t.side[0], t.entryBar[0], t.exitBar[0], t.holdingBars[0]]).toEqual([0, 1, 0, 3, 3]);
    expect(t.entryPrice[0]).toBe(100);
    close12(t.exitPrice[0]!, 107.5);
    close12(t.maxShares[0]!, q);
    close12(t.grossPnl[0]!, 74.77552387732028);
    close12(t.fees[0]!, 2.0686399428914397);
    close12(t.slippage[0]!, 4.137578987878389);
    close12(t.netPnl[0]!, 68.56930494655046);
  });

  it('reports exposure, one-way turnover and cost totals per ticker', () => {
    expect(r.exposure[0]).toBe(0.75);
    // 0.997007 (buy at bar 0) + 0.5 (half the position) + 0.489122 (the rest, against equity at bar 3's open).
    close12(r.turnover[0]!, 1.9861293234717325);
    close12(r.fees[0]!, 2.0686399428914397);
    close12(r.slippage[0]!, 4.137578987878389);
    expect([r.tradeCount[0], r.infeasible[0], r.fallbackFills[0]]).toEqual([1, 0, 0]);
  });

  it('closes a long and opens a short at a sign flip, splitting the fill', () => {
    const flip = runBacktest({
      tickers: [{ open: Float64Array.of(10, 20, 40), close: Float64Array.of(10, 20, 40), orders: { kind: 'weight', weights: Float64Array.of(1, -1, 0) } }],
      costBps: 0,
      slippageBps: 0,
      allowShort: true,
    });
    const t = flip.trades;
    expect(t.count).toBe(2);
    // Long 0.1 shares 10 -> 20: +1; at bar 1 equity is 2, so short 0.1 shares at 20, covered at 40: -2.
    expect([...t.side]).toEqual([1, -1]);
    expect([...t.entryBar, ...t.exitBar]).toEqual([0, 1, 1, 2]);
    expect(t.netPnl[0]).toBeCloseTo(1, 14);
    expect(t.netPnl[1]).toBeCloseTo(-2, 14);
    expect(flip.equity[2]).toBeCloseTo(0, 14);
    expect([...flip.position.subarray(0, 2)].map((x) => Math.round(x * 1e12) / 1e12)).toEqual([1, -1]);
  });
});
