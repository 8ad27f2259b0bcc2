/**
 * The deflated Sharpe ratio (Bailey & López de Prado 2014, "The deflated Sharpe ratio:
 * correcting for selection bias, backtest overfitting and non-normality", Journal of
 * Portfolio Management 40(5), eqs. 1-2): the PSR of the selected strategy against the
 * Sharpe ratio the best of N unskilled trials would reach by luck,
 *   SR0 = √V[{SR_n}] ((1 - γ) Φ⁻¹(1 - 1/N) + γ Φ⁻¹(1 - 1/(N e))),   DSR = PSR(SR0),
 * with γ the Euler–Mascheroni constant and all Sharpe ratios per period.
 * 1. `expectedMaxSharpe` gives SR0 from the trial Sharpe ratios; V is their sample
 *    variance (ddof 1). With N = 1 nothing was selected from many, so SR0 = 0 and the
 *    DSR is the plain PSR(0).
 * 2. `deflatedSharpeRatio` gives the DSR of the selected strategy's returns.
 */
import { normalCdf, normalQuantile } from './normal-distribution.js';
import { probabilisticSharpeScore, sharpeMoments, type SharpeMoments } from './probabilistic-sharpe.js';
import { checkFiniteSeries, sampleStd } from './sample-moments.js';

const EULER_GAMMA = 0.57721566490153286061;

/** SR0, the expected maximum Sharpe ratio of N trials with no skill. */
export function expectedMaxSharpe(trialSharpes: ArrayLike<number>): number {
  checkFiniteSeries('expectedMaxSharpe', 'trialSharpes', trialSharpes, 1);
  const n = trialSharpes.length;
  if (n === 1) return 0;
  const spread = sampleStd(trialSharpes);
  return spread * ((1 - EULER_GAMMA) * normalQuantile(1 - 1 / n) + EULER_GAMMA * normalQuantile(1 - 1 / (n * Math.E)));
}

/** Options of `deflatedSharpeRatio`. */
export interface DeflatedSharpeOptions {
  /** Per-period returns of the selected strategy. */
  returns: ArrayLike<number>;
  /** Per-period Sharpe ratios of ALL N variants tried, the selected one included. */
  trialSharpes: ArrayLike<number>;
}

/** The outcome of `deflatedSharpeRatio`. */
export interface DeflatedSharpeResult extends SharpeMoments {
  /** DSR = PSR(SR0), in [0, 1]: the probability the selected strategy has real skill. */
  dsr: number;
  /** SR0, the per-period Sharpe the best of `trials` lucky trials would reach. */
  expectedMaxSharpe: number;
  /** N, the number of variants tried. */
  trials: number;
  /** The standard-normal score inside Φ. */
  zScore: number;
}

/** The deflated Sharpe ratio of the selected strategy among `trialSharpes.length` trials. */
export function deflatedSharpeRatio({ returns, trialSharpes }: DeflatedSharpeOptions): DeflatedSharpeResult {
  const moments = sharpeMoments('deflatedSharpeRatio', returns);
  const threshold = expectedMaxSharpe(trialSharpes);
  const zScore = probabilisticSharpeScore(moments, threshold);
  return { ...moments, dsr: normalCdf(zScore), expectedMaxSharpe: threshold, trials: trialSharpes.length, zScore };
}
