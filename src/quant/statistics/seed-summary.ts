/**
 * A metric summarized across training seeds, the way results are reported: the mean, the
 * sample standard deviation (ddof 1) and the number of seeds, as numbers and as text,
 * e.g. `0.512 ± 0.013 (n=5)`. One seed has no spread: its std is NaN and its text
 * `0.512 (n=1)`, never a misleading `± 0.000`.
 */
import { checkFiniteSeries, sampleMean, sampleStd } from './sample-moments.js';
import { StatisticsInputError } from './statistics-input-error.js';

/** A metric's mean and spread across seeds. */
export interface SeedSummary {
  /** Mean across seeds. */
  mean: number;
  /** Sample standard deviation across seeds (ddof 1); NaN for one seed. */
  std: number;
  /** Number of seeds. */
  n: number;
  /** `mean ± std (n=N)` with `digits` decimals, or `mean (n=1)`. */
  text: string;
}

/** Options of `summarizeSeeds`. */
export interface SeedSummaryOptions {
  /** Decimals in `text`; default 3. */
  digits?: number;
}

/** Mean ± std (ddof 1) of one metric's values, one per seed. */
export function summarizeSeeds(values: ArrayLike<number>, { digits = 3 }: SeedSummaryOptions = {}): SeedSummary {
  checkFiniteSeries('summarizeSeeds', 'values (one per seed)', values, 1);
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new StatisticsInputError({ where: 'summarizeSeeds', expected: 'digits an integer in [0, 20]', found: String(digits), hint: 'use 3 for metrics in [0, 1]' });
  }
  const n = values.length;
  const mean = sampleMean(values);
  const std = n > 1 ? sampleStd(values) : NaN;
  const text = n > 1 ? `${mean.toFixed(digits)} ± ${std.toFixed(digits)} (n=${n})` : `${mean.toFixed(digits)} (n=1)`;
  return { mean, std, n, text };
}
