import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BacktestWorkspace } from '../../../src/quant/backtest/backtest-workspace.js';
import { runBacktest, type BacktestTicker } from '../../../src/quant/backtest/run-backtest.js';
import { ticker } from './backtest-arbitraries.js';

const prices = { open: Float64Array.of(10, 11, 12), close: Float64Array.of(10, 11, 12) };
const weights = (...w: number[]): BacktestTicker => ({ ...prices, orders: { kind: 'weight', weights: Float64Array.from(w) } });
const costs = { costBps: 5, slippageBps: 2 };

describe('runBacktest input', () => {
  it('rejects weights outside [0, 1] long-only, with a hint to allow shorts', () => {
    expect(() => runBacktest({ tickers: [weights(NaN, -0.5, 0)], ...costs })).toThrow(/ticker 0 bar 1: expected a target weight in \[0, 1\] or NaN, found -0.5\n {2}hint: pass allowShort: true/);
    expect(() => runBacktest({ tickers: [weights(1.5, NaN, 0)], ...costs, allowShort: true })).toThrow(/expected a target weight in \[-1, 1\] or NaN, found 1.5\n {2}hint: weights are fractions of equity: no leverage/);
  });

  it('rejects env actions outside -1..8', () => {
    const actions = { ...prices, orders: { kind: 'action' as const, actions: Int8Array.of(-1, 9, 0) } };
    expect(() => runBacktest({ tickers: [actions], ...costs })).toThrow(/ticker 0 bar 1: expected an env action 0..8 or -1 \(none\), found 9/);
  });

  it('rejects bad prices, lengths, orders and options, saying what it expected and found', () => {
    const bad = (ticker: Partial<BacktestTicker>): unknown => runBacktest({ tickers: [{ ...weights(1, 1, 1), ...ticker }], ...costs });
    expect(() => bad({ close: Float64Array.of(10, NaN, 12) })).toThrow(/ticker 0 bar 1: expected a finite close > 0, found NaN/);
    expect(() => bad({ open: Float64Array.of(10, 0, 12) })).toThrow(/ticker 0 bar 1: expected a finite open > 0 or NaN, found 0/);
    expect(() => bad({ open: Float64Array.of(10, 11) })).toThrow(/expected open to have one value per bar \(3\), found 2/);
    expect(() => bad({ orders: { kind: 'weight', weights: Float64Array.of(1) } })).toThrow(/expected one order per bar \(3\), found 1/);
    expect(() => bad({ orders: { kind: 'action', actions: Float64Array.of(1, 1, 1) } as never })).toThrow(/expected orders .* found \{ kind: "action", actions: Float64Array \}/);
    expect(() => bad({ close: [10, 11, 12] as never })).toThrow(/expected \{ open: Float64Array, close: Float64Array, orders \}/);
    expect(() => runBacktest({ tickers: [], costBps: -1, slippageBps: 0 })).toThrow(/costBps: expected a number of basis points in \[0, 10000\), found -1/);
    expect(() => runBacktest({ tickers: [], ...costs, fillAt: 'next' as never })).toThrow(/fillAt: expected 'open' or 'close', found "next"/);
    expect(() => runBacktest({ tickers: [], ...costs, initialCash: 0 })).toThrow(/initialCash: expected a finite number > 0, found 0/);
  });
});

describe('BacktestWorkspace', () => {
  it('gives the same results as fresh memory when reused across runs of different sizes', () => {
    const workspace = new BacktestWorkspace(1);
    fc.assert(
      fc.property(fc.array(ticker(true), { minLength: 1, maxLength: 4 }), (tickers) => {
        const input = { tickers, ...costs, allowShort: true };
        const fresh = runBacktest(input);
        const reused = runBacktest({ ...input, workspace });
        for (const key of ['equity', 'returns', 'position', 'turnover', 'exposure', 'tradeOffsets'] as const) expect(reused[key]).toEqual(fresh[key]);
        expect(reused.trades).toEqual(fresh.trades);
      }),
    );
  });

  it('makes a result a view that the next run with the same workspace overwrites', () => {
    const workspace = new BacktestWorkspace();
    const first = runBacktest({ tickers: [weights(1, NaN, NaN)], ...costs, workspace });
    const before = first.equity[2];
    runBacktest({ tickers: [weights(NaN, NaN, NaN)], ...costs, workspace });
    expect(first.equity[2]).not.toBe(before);
    expect(first.equity[2]).toBe(1);
  });
});
