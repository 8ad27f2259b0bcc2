/**
 * The conventions every performance metric in tradelab is computed under, in one place so
 * that the backtest, compare and report stages cannot disagree:
 * 1. `PerformanceConventions`: periods per year P and the annual risk-free rate;
 * 2. `riskFreePerPeriod`: the per-period rate (1 + rf)^(1/P) - 1, compounded, not rf / P;
 * 3. `describeConventions`: the conventions and every definition as plain JSON, which
 *    exports embed so that a number in a report always travels with its meaning.
 */
import { MetricsInputError } from './metrics-input-error.js';

/** How returns are annualized and what they are measured against. */
export interface PerformanceConventions {
  /** Periods (bars) per year P used to annualize: 252 for daily bars, 52 weekly, 12 monthly. */
  periodsPerYear: number;
  /** Annual risk-free rate as a fraction (0.03 = 3%), compounded to a per-period rate. */
  riskFreeAnnual: number;
}

/** Daily bars, 252 a year, and a zero risk-free rate. */
export const DEFAULT_CONVENTIONS: Readonly<PerformanceConventions> = Object.freeze({ periodsPerYear: 252, riskFreeAnnual: 0 });

/** The conventions and the definitions behind every metric, as a plain JSON object. */
export interface ConventionsDescription {
  periodsPerYear: number;
  riskFreeAnnual: number;
  riskFreePerPeriod: number;
  returns: string;
  equity: string;
  totalReturn: string;
  cagr: string;
  annualReturn: string;
  annualVolatility: string;
  sharpe: string;
  sortino: string;
  drawdown: string;
  calmar: string;
  durations: string;
  undefinedRatios: string;
}

/** Throws a `MetricsInputError` unless P is a finite number > 0 and rf a finite number > -1. */
export function checkConventions(c: PerformanceConventions): void {
  if (!Number.isFinite(c.periodsPerYear) || c.periodsPerYear <= 0) {
    throw new MetricsInputError({
      where: 'performance conventions',
      expected: 'periodsPerYear a finite number > 0',
      found: String(c.periodsPerYear),
      hint: 'use 252 for daily bars, 52 for weekly, 12 for monthly',
    });
  }
  if (!Number.isFinite(c.riskFreeAnnual) || c.riskFreeAnnual <= -1) {
    throw new MetricsInputError({
      where: 'performance conventions',
      expected: 'riskFreeAnnual a finite fraction > -1',
      found: String(c.riskFreeAnnual),
      hint: 'give the rate as a fraction: 0.03 for 3% a year',
    });
  }
}

/** Per-period risk-free rate (1 + rf)^(1/P) - 1, so that compounding it P times gives rf. */
export function riskFreePerPeriod(c: PerformanceConventions): number {
  checkConventions(c);
  // expm1/log1p keep full precision for the small rates of daily bars.
  return Math.expm1(Math.log1p(c.riskFreeAnnual) / c.periodsPerYear);
}

/** The conventions `c` and the definition of every metric, for embedding in exports. */
export function describeConventions(c: PerformanceConventions = DEFAULT_CONVENTIONS): ConventionsDescription {
  return {
    periodsPerYear: c.periodsPerYear,
    riskFreeAnnual: c.riskFreeAnnual,
    riskFreePerPeriod: riskFreePerPeriod(c),
    returns: 'simple period returns r_t = W_t / W_{t-1} - 1',
    equity: 'W_0 = 1, W_t = prod_{s<=t} (1 + r_s)',
    totalReturn: 'W_T - 1',
    cagr: 'W_T^(P / T) - 1',
    annualReturn: 'arithmetic: mean(r) * P',
    annualVolatility: 'std(r, ddof 1) * sqrt(P)',
    sharpe: 'mean(r - rf) / std(r, ddof 1) * sqrt(P), rf per period',
    sortino: 'mean(r - rf) / sqrt(mean(min(r - rf, 0)^2)) * sqrt(P), downside deviation over all periods',
    drawdown: 'positive fraction of the running peak: 1 - W_t / max_{s<=t} W_s, W_0 counted as a peak',
    calmar: 'CAGR / max drawdown',
    durations: 'bars; a drawdown lasts from its peak to the first bar back at or above that peak',
    undefinedRatios: 'NaN (zero volatility, no downside, no drawdown, fewer than 2 periods for a standard deviation)',
  };
}
