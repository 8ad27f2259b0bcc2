/**
 * The stationary bootstrap of Politis & Romano (1994, "The stationary bootstrap", JASA
 * 89:1303-1313) and a percentile confidence interval for the Sharpe ratio built on it:
 * 1. `fillStationaryResample` draws one resample: blocks of the series, wrapped around its
 *    end, starting at uniform positions, with lengths geometric of mean L (each step
 *    starts a new block with probability 1/L). Resampling blocks keeps the serial
 *    dependence of returns (volatility clustering) that an iid bootstrap would destroy.
 * 2. `bootstrapSharpeInterval` resamples the returns many times, accumulating each
 *    resample's sums as it is drawn (no per-resample allocation, no resample written
 *    out), takes the annualized Sharpe of each, and reads the percentile interval off them.
 * The default mean block length is n^(1/3), the rate-optimal order for the variance of
 * smooth functions of means (Politis & White 2004; Hall, Horowitz & Jing 1995).
 */
import { RandomStream } from '../data/random-stream.js';
import { checkFiniteSeries, perPeriodSharpe, sampleMean, sampleStd } from './sample-moments.js';
import { StatisticsInputError } from './statistics-input-error.js';

/** Inputs of one stationary-bootstrap resample. */
export interface StationaryResampleOptions {
  /** The series to resample. */
  source: ArrayLike<number>;
  /** Out: the resample, of any length (usually `source.length`). */
  out: Float64Array;
  /** The stream the block starts and lengths are drawn from. */
  random: RandomStream;
  /** Mean block length L >= 1; L = 1 is the iid bootstrap. */
  meanBlockLength: number;
}

/** Fills `out` with one stationary-bootstrap resample of `source`. */
export function fillStationaryResample({ source, out, random, meanBlockLength }: StationaryResampleOptions): void {
  const n = source.length;
  // Block lengths are Geometric(p), p = 1/L, drawn by inversion: 1 + floor(ln U / ln(1 - p)).
  const logStay = Math.log1p(-1 / meanBlockLength);
  let i = 0;
  while (i < out.length) {
    let position = Math.floor(random.nextFloat() * n);
    const length = 1 + Math.floor(Math.log(1 - random.nextFloat()) / logStay);
    const end = Math.min(out.length, i + length);
    for (; i < end; i++) {
      out[i] = source[position]!;
      position = position + 1 === n ? 0 : position + 1;
    }
  }
}

/** Options of `bootstrapSharpeInterval`. */
export interface SharpeIntervalOptions {
  /** Periods per year for annualizing, e.g. 252 for daily returns. */
  periodsPerYear: number;
  /** Coverage of the interval, in (0, 1); default 0.95. */
  confidence?: number;
  /** Number of bootstrap resamples; default 2000. */
  resamples?: number;
  /** Mean block length L >= 1; default n^(1/3) for n returns. */
  meanBlockLength?: number;
  /** Seed of the resampling stream: the same seed gives the same interval. */
  seed: number;
}

/** An annualized Sharpe ratio with its bootstrap percentile interval. */
export interface SharpeInterval {
  /** Annualized Sharpe of the returns themselves: mean / std (ddof 1) * sqrt(periodsPerYear). */
  sharpe: number;
  /** Lower end of the percentile interval, the (1 - confidence)/2 quantile of the resamples. */
  lower: number;
  /** Upper end, the (1 + confidence)/2 quantile (linear interpolation, numpy's default). */
  upper: number;
  /** The confidence level used. */
  confidence: number;
  /** The number of resamples drawn. */
  resamples: number;
  /** The mean block length used. */
  meanBlockLength: number;
}

function checkOption(ok: boolean, expected: string, found: unknown, hint: string): void {
  if (!ok) throw new StatisticsInputError({ where: 'bootstrapSharpeInterval', expected, found: String(found), hint });
}

/**
 * The annualized Sharpe ratio of `returns` with a stationary-bootstrap percentile interval.
 * A resample that happens to be constant (possible for short series and long blocks) gets
 * the limit of mean / std, ±Infinity or 0, or an extreme finite value up to rounding.
 */
export function bootstrapSharpeInterval(returns: ArrayLike<number>, options: SharpeIntervalOptions): SharpeInterval {
  const { periodsPerYear, seed, confidence = 0.95, resamples = 2000 } = options;
  checkFiniteSeries('bootstrapSharpeInterval', 'returns', returns, 3);
  const n = returns.length;
  const meanBlockLength = options.meanBlockLength ?? Math.cbrt(n);
  checkOption(periodsPerYear > 0, 'periodsPerYear > 0', periodsPerYear, 'use 252 for daily returns');
  checkOption(confidence > 0 && confidence < 1, 'confidence in (0, 1)', confidence, 'use 0.95 for a 95% interval');
  checkOption(Number.isSafeInteger(resamples) && resamples >= 2, 'resamples an integer >= 2', resamples, 'use 2000 or more');
  checkOption(meanBlockLength >= 1 && meanBlockLength <= n, `meanBlockLength in [1, ${n}]`, meanBlockLength, 'leave it out for n^(1/3)');
  checkOption(Number.isSafeInteger(seed), 'seed a safe integer', seed, 'pass the pipeline seed');
  checkOption(sampleStd(returns) > 0, 'returns that vary', 'a constant series', 'the Sharpe ratio of a constant series is undefined');

  const scale = Math.sqrt(periodsPerYear);
  const random = new RandomStream(seed);
  // Centered once, so each resample's variance (Σc² - (Σc)²/n) / (n - 1) does not cancel.
  const mean = sampleMean(returns);
  const centered = Float64Array.from(returns, (r) => r - mean);
  const sums = new Float64Array(2);
  const sharpes = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    resampleSums({ centered, random, meanBlockLength, sums });
    const sum = sums[0]!;
    const sumOfSquares = sums[1]!;
    const variance = Math.max(0, sumOfSquares - (sum * sum) / n) / (n - 1);
    const resampleMean = mean + sum / n;
    sharpes[r] = (variance > 0 ? resampleMean / Math.sqrt(variance) : constantSharpe(resampleMean)) * scale;
  }
  sharpes.sort();
  const tail = (1 - confidence) / 2;
  return {
    sharpe: perPeriodSharpe(returns) * scale,
    lower: sortedQuantile(sharpes, tail),
    upper: sortedQuantile(sharpes, 1 - tail),
    confidence,
    resamples,
    meanBlockLength,
  };
}

/**
 * Σc and Σc² of one stationary-bootstrap resample of `centered`, into `sums`: the same
 * draws, in the same order, as `fillStationaryResample`, without writing the resample out.
 */
function resampleSums(options: { centered: Float64Array; random: RandomStream; meanBlockLength: number; sums: Float64Array }): void {
  const { centered, random, sums } = options;
  const n = centered.length;
  const logStay = Math.log1p(-1 / options.meanBlockLength);
  let sum = 0;
  let sumOfSquares = 0;
  let i = 0;
  while (i < n) {
    let position = Math.floor(random.nextFloat() * n);
    const end = Math.min(n, i + 1 + Math.floor(Math.log(1 - random.nextFloat()) / logStay));
    for (; i < end; i++) {
      const value = centered[position]!;
      sum += value;
      sumOfSquares += value * value;
      position = position + 1 === n ? 0 : position + 1;
    }
  }
  sums[0] = sum;
  sums[1] = sumOfSquares;
}

/** The limit of mean / std as std -> 0: ±Infinity, or 0 for a zero mean. */
function constantSharpe(mean: number): number {
  return mean === 0 ? 0 : mean * Infinity;
}

/** The q-quantile of sorted values by linear interpolation at position (n - 1) q. */
export function sortedQuantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const weight = position - below;
  const low = sorted[below]!;
  const high = sorted[above]!;
  return weight === 0 || low === high ? low : low + (high - low) * weight;
}
