/**
 * Performance statistics of one episode from its per-bar equity series and its trades.
 *
 * 1. the return metrics of r_t = W_t / W_{t-1} - 1 over the T = equity.length - 1 periods,
 *    with risk-free rate 0, exactly as src/quant/metrics defines them for every stage
 *    (total return, CAGR, Sharpe, Sortino over all periods, max drawdown with W_0 a peak,
 *    Calmar);
 * 2. round trips: a trade that leaves the position at exactly 0 closes the trip opened by the
 *    first buy after the previous close; it wins when its cash flows (sale proceeds net of
 *    costs minus purchase outlays with costs) sum to > 0. A trip still open at the end is
 *    not counted.
 * A ratio with a zero or undefined denominator (no periods, one period, no volatility, no
 * downside, no drawdown, no closed trip) is NaN.
 */

import { returnMetrics, returnsFromEquity } from '../metrics/return-metrics.js';

/**
 * The fills of a series, column by column: entry n of every column is the n-th fill, in
 * time order (columns, not objects, so an env ending thousands of episodes allocates four
 * arrays per episode rather than one object per fill).
 */
export interface EpisodeTrades {
  /** Bar index within the series (1 .. T) at which each fill happened. */
  bar: ArrayLike<number>;
  /** Shares traded: > 0 bought, < 0 sold. */
  shares: ArrayLike<number>;
  /** Cash change, costs included: < 0 for a buy (outlay), > 0 for a sell (net proceeds). */
  cashFlow: ArrayLike<number>;
  /** Shares held after each fill; exactly 0 when the fill closed the position. */
  positionAfter: ArrayLike<number>;
}

/** The statistics `episodeStats` returns; NaN where undefined (see the module notes). */
export interface EpisodeStats {
  /** Periods T (bars after the first). */
  periods: number;
  /** W_T / W_0 - 1. */
  totalReturn: number;
  /** (W_T / W_0)^(periodsPerYear / T) - 1. */
  cagr: number;
  /** Annualized Sharpe ratio, ddof 1, risk-free rate 0. */
  sharpe: number;
  /** Annualized Sortino ratio, downside deviation over all periods. */
  sortino: number;
  /** CAGR / max drawdown. */
  calmar: number;
  /** Largest fall from a running peak, as a fraction of the peak (W_0 counts as a peak); 0 when none. */
  maxDrawdown: number;
  /** Winning closed round trips / closed round trips. */
  winRate: number;
  /** Fills, buys and sells. */
  trades: number;
  /** Closed round trips. */
  roundTrips: number;
  /** Closed round trips whose cash flows sum to > 0. */
  wins: number;
}

/** Statistics of `equity` (W_0 .. W_T, all > 0) and its `trades`. */
export function episodeStats(equity: ArrayLike<number>, trades: EpisodeTrades, periodsPerYear = 252): EpisodeStats {
  const periods = Math.max(0, equity.length - 1);
  const trips = roundTrips(trades);
  const base = { periods, trades: trades.shares.length, roundTrips: trips.closed, wins: trips.wins, winRate: trips.closed > 0 ? trips.wins / trips.closed : NaN };
  if (periods === 0) return { ...base, totalReturn: NaN, cagr: NaN, sharpe: NaN, sortino: NaN, calmar: NaN, maxDrawdown: 0 };
  const m = returnMetrics(returnsFromEquity(Float64Array.from(equity)), { periodsPerYear, riskFreeAnnual: 0 });
  return { ...base, totalReturn: m.totalReturn, cagr: m.cagr, sharpe: m.sharpe, sortino: m.sortino, calmar: m.calmar, maxDrawdown: m.maxDrawdown };
}

function roundTrips(trades: EpisodeTrades): { closed: number; wins: number } {
  let closed = 0;
  let wins = 0;
  let flow = 0;
  let open = false;
  for (let n = 0; n < trades.shares.length; n++) {
    if (!open && trades.shares[n]! > 0) {
      open = true;
      flow = 0;
    }
    if (!open) continue;
    flow += trades.cashFlow[n]!;
    if (trades.positionAfter[n] === 0) {
      closed++;
      if (flow > 0) wins++;
      open = false;
    }
  }
  return { closed, wins };
}
