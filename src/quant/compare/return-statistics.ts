/**
 * The statistics of each strategy's test returns, all on the same aligned days:
 * 1. annualized Sharpe with a 95% stationary-bootstrap interval (seeded);
 * 2. the probabilistic Sharpe ratio PSR(0);
 * 3. Diebold–Mariano (HLN) against buy-and-hold, loss = -return: one-sided p that the
 *    strategy earns more, and Holm-adjusted over the candidates (every non-baseline);
 * 4. the deflated Sharpe ratio of each candidate given the per-period Sharpes of all of
 *    them (N = every variant compared, so a sweep pays for its trials).
 * A stream that never varies (a strategy that never traded) has no Sharpe: its statistics
 * are NaN and `undefinedReason` says why, instead of failing the comparison.
 */
import { deflatedSharpeRatio } from '../statistics/deflated-sharpe.js';
import { dieboldMarianoReturns } from '../statistics/diebold-mariano.js';
import { holmAdjust } from '../statistics/multiple-comparison.js';
import { probabilisticSharpeRatio } from '../statistics/probabilistic-sharpe.js';
import { perPeriodSharpe } from '../statistics/sample-moments.js';
import { bootstrapSharpeInterval } from '../statistics/stationary-bootstrap.js';

export interface ReturnStatisticsOptions {
  periodsPerYear: number;
  /** Seed of the bootstrap. */
  seed: number;
  resamples: number;
  /** Mean block length of the bootstrap; undefined for T^(1/3). */
  meanBlockLength?: number;
}

export interface StreamStatistics {
  sharpe: number;
  sharpeLower: number;
  sharpeUpper: number;
  psr: number;
  /** DM statistic vs buy-and-hold (> 0: earns more); NaN for buy-and-hold itself. */
  dmStatistic: number;
  /** One-sided p (earns more than buy-and-hold). */
  dmP: number;
  /** Holm-adjusted over the candidates; NaN for baselines. */
  dmPAdjusted: number;
  /** Deflated Sharpe ratio among the candidates; NaN for baselines. */
  dsr: number;
  undefinedReason?: string;
}

export function returnStatistics(o: { returns: readonly Float64Array[]; candidate: readonly boolean[]; benchmark: number; options: ReturnStatisticsOptions }): StreamStatistics[] {
  const { returns, candidate, benchmark, options } = o;
  const varies = returns.map((r) => r.length >= 3 && Number.isFinite(perPeriodSharpe(r)));
  const stats = returns.map((r, i) => streamStatistics(r, varies[i]!, i === benchmark ? undefined : returns[benchmark], options));
  const candidates = returns.map((_, i) => i).filter((i) => candidate[i]);
  const adjusted = holmAdjust(candidates.map((i) => (Number.isNaN(stats[i]!.dmP) ? 1 : stats[i]!.dmP)));
  candidates.forEach((i, k) => (stats[i]!.dmPAdjusted = adjusted[k]!));
  const trialSharpes = candidates.filter((i) => varies[i]).map((i) => perPeriodSharpe(returns[i]!));
  for (const i of candidates) if (varies[i]) stats[i]!.dsr = deflatedSharpeRatio({ returns: returns[i]!, trialSharpes }).dsr;
  return stats;
}

function streamStatistics(r: Float64Array, varies: boolean, benchmark: Float64Array | undefined, o: ReturnStatisticsOptions): StreamStatistics {
  const out: StreamStatistics = { sharpe: NaN, sharpeLower: NaN, sharpeUpper: NaN, psr: NaN, dmStatistic: NaN, dmP: NaN, dmPAdjusted: NaN, dsr: NaN };
  if (benchmark && r.length >= 3) {
    // Defined whenever the differential varies, even for a strategy that never traded.
    const dm = dieboldMarianoReturns({ model: r, benchmark });
    out.dmStatistic = dm.statistic;
    out.dmP = dm.pGreater;
  }
  if (!varies) return { ...out, undefinedReason: r.length < 3 ? 'fewer than 3 periods' : 'returns never vary (the strategy never held a position)' };
  const interval = bootstrapSharpeInterval(r, { periodsPerYear: o.periodsPerYear, seed: o.seed, resamples: o.resamples, ...(o.meanBlockLength ? { meanBlockLength: o.meanBlockLength } : {}) });
  out.sharpe = interval.sharpe;
  out.sharpeLower = interval.lower;
  out.sharpeUpper = interval.upper;
  out.psr = probabilisticSharpeRatio({ returns: r }).psr;
  return out;
}
