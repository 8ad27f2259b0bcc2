/**
 * The equal-weight portfolio of a backtest's tickers on a common date axis. Each ticker is
 * a sleeve of 1/N of the capital that runs its own account and is never rebalanced (a
 * buy-and-hold of the N strategies: no cross-ticker trades, so no extra costs to charge):
 * - before a ticker's first bar its sleeve is cash (value 1/N);
 * - on a date the ticker has no bar (a holiday, a halt, after it ends) the sleeve keeps its
 *   last equity;
 * - portfolio value on date d = (1/N) sum_i equity_i(last bar <= d) / initialCash.
 */
import { BacktestInputError } from './backtest-input-error.js';
import type { DateAxis } from './date-axis.js';

/** Input of `portfolioReturns`: the axis and a backtest's per-bar equity with its offsets. */
export interface PortfolioInput {
  axis: DateAxis;
  /** Per-bar equity of all tickers end to end (`BacktestResult.equity`). */
  equity: Float64Array;
  /** Ticker i's bars are [offsets[i], offsets[i + 1]) of `equity`. */
  offsets: Int32Array;
  /** Each ticker account's starting equity (`BacktestResult.options.initialCash`). */
  initialCash: number;
}

/** The portfolio per axis date: value (starting from 1) and simple return (the first against 1). */
export interface PortfolioReturns {
  value: Float64Array;
  returns: Float64Array;
}

/** Equal-weight, never-rebalanced sleeves; see the module notes. */
export function portfolioReturns(input: PortfolioInput): PortfolioReturns {
  const { axis, equity, offsets, initialCash } = input;
  const n = axis.tickers;
  const width = axis.dates.length;
  const hint = 'build the axis from the dates of the same backtest';
  if (offsets.length !== n + 1 || offsets[n] !== equity.length) {
    throw new BacktestInputError(`portfolioReturns: expected ${n + 1} offsets ending at equity.length (${equity.length}), found ${offsets.length} ending at ${offsets[offsets.length - 1]}`, hint);
  }
  for (let i = 0; i < n; i++) {
    const count = offsets[i + 1]! - offsets[i]!;
    if (count !== axis.bars[i]) throw new BacktestInputError(`portfolioReturns: ticker ${i} has ${axis.bars[i]} bars on the axis, but ${count} in the equity`, hint);
  }
  const value = new Float64Array(width);
  const sleeve = 1 / n;
  for (let i = 0; i < n; i++) {
    const row = i * width;
    const first = offsets[i]!;
    let last = initialCash;
    for (let d = 0; d < width; d++) {
      const b = axis.bar[row + d]!;
      if (b >= 0) last = equity[first + b]!;
      value[d] = value[d]! + (sleeve * last) / initialCash;
    }
  }
  const returns = new Float64Array(width);
  for (let d = 0; d < width; d++) returns[d] = value[d]! / (d === 0 ? 1 : value[d - 1]!) - 1;
  return { value, returns };
}
