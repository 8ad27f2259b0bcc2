/**
 * The performance metrics of a series of simple period returns r_1 .. r_T, the one
 * definition the backtest, compare and report stages share:
 * 1. equity W_0 = 1, W_t = prod_{s<=t} (1 + r_s); total return W_T - 1; CAGR W_T^(P/T) - 1;
 * 2. annual return mean(r) * P — ARITHMETIC, not compounded (CAGR is the compounded one) —
 *    and annual volatility std(r, ddof 1) * sqrt(P);
 * 3. Sharpe mean(r - rf) / std(r, ddof 1) * sqrt(P) and Sortino
 *    mean(r - rf) / sqrt(mean(min(r - rf, 0)^2)) * sqrt(P), the downside deviation taken
 *    over ALL T periods (a period at or above rf counts as 0), rf the per-period rate;
 * 4. drawdowns of [W_0, W_1 .. W_T] (see drawdown.ts) and Calmar CAGR / max drawdown;
 * 5. `equityFromReturns` and `returnsFromEquity` convert between the two views, so a stage
 *    holding an equity curve measures it by the same definitions.
 * Degenerate cases, on purpose and never by accident:
 * - an empty series throws: there is nothing to measure;
 * - one period: annual volatility, Sharpe NaN (ddof 1 needs two);
 * - all returns equal (zero volatility, detected exactly, not by a tiny float): Sharpe NaN;
 * - no period below rf (no downside): Sortino NaN;
 * - no drawdown: Calmar NaN;
 * - W_T < 0 (returns below -1): CAGR NaN, no real annual rate; W_T = 0 gives CAGR -1.
 */
import { drawdownStats } from './drawdown.js';
import { MetricsInputError, requireFinite } from './metrics-input-error.js';
import { DEFAULT_CONVENTIONS, type PerformanceConventions, riskFreePerPeriod } from './performance-conventions.js';

/** The metrics of one return series; NaN where a ratio is undefined (see the module notes). */
export interface ReturnMetrics {
  /** T, the number of returns. */
  periods: number;
  /** W_T - 1. */
  totalReturn: number;
  /** Compound annual growth W_T^(P/T) - 1. */
  cagr: number;
  /** Arithmetic annual return mean(r) * P. */
  annualReturn: number;
  /** std(r, ddof 1) * sqrt(P). */
  annualVolatility: number;
  /** mean(r - rf) / std(r, ddof 1) * sqrt(P). */
  sharpe: number;
  /** mean(r - rf) / downside deviation over all periods * sqrt(P). */
  sortino: number;
  /** CAGR / max drawdown. */
  calmar: number;
  /** Largest fall from a running peak as a positive fraction of the peak, W_0 a peak. */
  maxDrawdown: number;
  /** Longest recovered drawdown in bars, peak to recovery; 0 when none recovered. */
  maxDrawdownDuration: number;
  /** Drawdown at the last bar; 0 when the series ends at a peak. */
  openDrawdown: number;
  /** Bars since the last peak when the series ends in a drawdown, else 0. */
  openDrawdownDuration: number;
}

/** W_0 = 1 followed by W_t = prod (1 + r_s): the equity path of `returns`, length T + 1. */
export function equityFromReturns(returns: Float64Array): Float64Array {
  const equity = new Float64Array(returns.length + 1);
  let w = 1;
  equity[0] = 1;
  for (let t = 0; t < returns.length; t++) {
    w *= 1 + returns[t]!;
    equity[t + 1] = w;
  }
  return equity;
}

/**
 * Simple period returns r_t = W_t / W_{t-1} - 1 of an equity path W_0 .. W_T (length T),
 * the inverse of `equityFromReturns` for a path that starts at 1.
 */
export function returnsFromEquity(equity: Float64Array): Float64Array {
  requireFinite(equity, 'returnsFromEquity', 'equity');
  const returns = new Float64Array(Math.max(0, equity.length - 1));
  for (let t = 1; t < equity.length; t++) {
    const previous = equity[t - 1]!;
    if (!(previous > 0)) {
      throw new MetricsInputError({ where: 'returnsFromEquity', expected: 'equity > 0 before every period', found: `${previous} at bar ${t - 1}`, hint: 'a return after a wipe-out is undefined; end the path at the bar where equity reached 0' });
    }
    returns[t - 1] = equity[t]! / previous - 1;
  }
  return returns;
}

/** Mean and sample standard deviation (ddof 1) of r; the deviation is exactly 0 when all r are equal. */
function meanAndStd(returns: Float64Array): { mean: number; std: number } {
  const n = returns.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let t = 0; t < n; t++) {
    const r = returns[t]!;
    sum += r;
    if (r < min) min = r;
    if (r > max) max = r;
  }
  const mean = sum / n;
  if (n < 2) return { mean, std: NaN };
  // sum / n of equal values can miss the value by an ulp; the exact test keeps a constant
  // series from getting a 1e-17 volatility and an astronomical Sharpe.
  if (min === max) return { mean, std: 0 };
  let ss = 0;
  for (let t = 0; t < n; t++) ss += (returns[t]! - mean) ** 2;
  return { mean, std: Math.sqrt(ss / (n - 1)) };
}

/** Root mean square of min(r - rf, 0) over all periods. */
function downsideDeviation(returns: Float64Array, rf: number): number {
  let ss = 0;
  for (let t = 0; t < returns.length; t++) {
    const excess = returns[t]! - rf;
    if (excess < 0) ss += excess * excess;
  }
  return Math.sqrt(ss / returns.length);
}

/** A ratio that is NaN when its denominator is 0 or undefined, rather than ±Infinity. */
function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : NaN;
}

/** Performance metrics of the simple period returns `returns` under `conventions`. */
export function returnMetrics(returns: Float64Array, conventions: PerformanceConventions = DEFAULT_CONVENTIONS): ReturnMetrics {
  if (returns.length === 0) {
    throw new MetricsInputError({ where: 'returnMetrics', expected: 'at least one period return', found: 'an empty series', hint: 'a backtest over an empty test period has no performance; check the split dates and the signals' });
  }
  requireFinite(returns, 'returnMetrics', 'returns');
  const rf = riskFreePerPeriod(conventions);
  const P = conventions.periodsPerYear;
  const T = returns.length;
  const { mean, std } = meanAndStd(returns);
  const excessMean = mean - rf;
  const equity = equityFromReturns(returns);
  const growth = equity[T]!;
  const cagr = growth >= 0 ? growth ** (P / T) - 1 : NaN;
  const dd = drawdownStats(equity);
  return {
    periods: T,
    totalReturn: growth - 1,
    cagr,
    annualReturn: mean * P,
    annualVolatility: std * Math.sqrt(P),
    sharpe: ratio(excessMean, std) * Math.sqrt(P),
    sortino: ratio(excessMean, downsideDeviation(returns, rf)) * Math.sqrt(P),
    calmar: ratio(cagr, dd.maxDrawdown),
    maxDrawdown: dd.maxDrawdown,
    maxDrawdownDuration: dd.maxDrawdownDuration,
    openDrawdown: dd.openDrawdown,
    openDrawdownDuration: dd.openDrawdownDuration,
  };
}
