/**
 * The probabilistic Sharpe ratio (Bailey & López de Prado 2012, "The Sharpe ratio
 * efficient frontier", Journal of Risk 15(2), eq. 11): the probability that the true
 * Sharpe ratio exceeds a benchmark SR*, given the estimate's non-normality,
 *   PSR(SR*) = Φ( (SR - SR*) √(T - 1) / √(1 - γ3 SR + (γ4 - 1)/4 SR²) )
 * with SR per period (NOT annualized), T the number of returns, γ3 the skewness and γ4
 * the RAW kurtosis (3 for a normal). Two popular open-source implementations pass the
 * excess kurtosis (γ4 - 3) into this formula, which understates the variance of SR for
 * every return distribution; the test of this module pins the raw form.
 * SR is mean / std (ddof 1); γ3 and γ4 come from the biased central moments (see
 * sample-moments.ts). The denominator is never negative for sample moments (Pearson's
 * inequality γ4 >= γ3² + 1 makes it >= (1 - γ3 SR / 2)²); where it is 0 the result is
 * the limit, 0 or 1, or NaN when SR = SR* too.
 */
import { normalCdf } from './normal-distribution.js';
import { checkFiniteSeries, perPeriodSharpe, sampleShape } from './sample-moments.js';
import { StatisticsInputError } from './statistics-input-error.js';

/** The estimated moments PSR is a function of. */
export interface SharpeMoments {
  /** Per-period Sharpe ratio SR = mean / std (ddof 1). */
  sharpe: number;
  /** Skewness γ3. */
  skewness: number;
  /** RAW kurtosis γ4 (normal = 3), not excess kurtosis. */
  kurtosis: number;
  /** Number of returns T. */
  observations: number;
}

/** The outcome of `probabilisticSharpeRatio`. */
export interface ProbabilisticSharpeResult extends SharpeMoments {
  /** P(true SR > benchmarkSharpe), in [0, 1]. */
  psr: number;
  /** The per-period benchmark SR* it was computed against. */
  benchmarkSharpe: number;
  /** The standard-normal score inside Φ. */
  zScore: number;
}

/** The z-score of PSR from the moments: (SR - SR*) √(T - 1) / √(1 - γ3 SR + (γ4 - 1)/4 SR²). */
export function probabilisticSharpeScore(moments: SharpeMoments, benchmarkSharpe: number): number {
  const { sharpe, skewness, kurtosis, observations } = moments;
  const variance = 1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  return ((sharpe - benchmarkSharpe) * Math.sqrt(observations - 1)) / Math.sqrt(Math.max(0, variance));
}

/** The sample moments of `returns` that PSR needs. */
export function sharpeMoments(where: string, returns: ArrayLike<number>): SharpeMoments {
  checkFiniteSeries(where, 'returns', returns, 3);
  const sharpe = perPeriodSharpe(returns);
  if (Number.isNaN(sharpe)) {
    throw new StatisticsInputError({ where, expected: 'returns that vary', found: 'a constant series', hint: 'the Sharpe ratio of a constant series is undefined' });
  }
  const { skewness, kurtosis } = sampleShape(returns);
  return { sharpe, skewness, kurtosis, observations: returns.length };
}

/** Options of `probabilisticSharpeRatio`. */
export interface ProbabilisticSharpeOptions {
  /** Per-period returns of the strategy (at least 3, all finite). */
  returns: ArrayLike<number>;
  /** Per-period (not annualized) benchmark Sharpe SR*; default 0. */
  benchmarkSharpe?: number;
}

/** PSR(SR*) of a return series, with the moments it used. */
export function probabilisticSharpeRatio({ returns, benchmarkSharpe = 0 }: ProbabilisticSharpeOptions): ProbabilisticSharpeResult {
  const moments = sharpeMoments('probabilisticSharpeRatio', returns);
  const zScore = probabilisticSharpeScore(moments, benchmarkSharpe);
  return { ...moments, benchmarkSharpe, zScore, psr: normalCdf(zScore) };
}
