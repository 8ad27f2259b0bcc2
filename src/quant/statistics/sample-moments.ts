/**
 * The sample moments the tests of significance need, in one pass each over a typed array:
 * 1. `checkFiniteSeries`: rejects short or non-finite input with a clear message;
 * 2. `sampleMean`, `sampleStd` (ddof 1);
 * 3. `perPeriodSharpe` mean / std (ddof 1), not annualized. This is the plain Sharpe
 *    ratio; it lives here, not in src/quant/metrics, only until the two are unified;
 * 4. `sampleShape`: skewness γ3 = m3 / m2^1.5 and RAW kurtosis γ4 = m4 / m2² (normal = 3)
 *    from the biased central moments m_k = mean((x - mean)^k), as Bailey & López de Prado
 *    use them (scipy.stats.skew and scipy.stats.kurtosis(fisher=False), bias=True).
 */
import { StatisticsInputError } from './statistics-input-error.js';

/** Throws unless `values` has at least `minLength` entries, all finite. */
export function checkFiniteSeries(where: string, name: string, values: ArrayLike<number>, minLength: number): void {
  if (values.length < minLength) {
    throw new StatisticsInputError({
      where,
      expected: `${name} with at least ${minLength} value${minLength === 1 ? '' : 's'}`,
      found: `${values.length}`,
      hint: 'too few observations for this estimate: use a longer period, or more seeds or trials',
    });
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new StatisticsInputError({
        where,
        expected: `${name} of finite numbers`,
        found: `${values[i]} at index ${i}`,
        hint: 'drop warm-up rows (NaN) before testing; returns are never zero-filled',
      });
    }
  }
}

/** The arithmetic mean. */
export function sampleMean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/**
 * The mean of `values` minus their first value: deviations from it are exactly 0 for a
 * constant series, where deviations from a rounded mean would leave a spurious std.
 */
function shiftedMean(values: ArrayLike<number>): number {
  const origin = values[0]!;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! - origin;
  return origin + sum / values.length;
}

/** The sample standard deviation with ddof 1 (two passes, for accuracy); exactly 0 for a constant series. */
export function sampleStd(values: ArrayLike<number>): number {
  const origin = values[0]!;
  const shift = shiftedMean(values) - origin;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - origin - shift;
    sum += d * d;
  }
  return Math.sqrt(sum / (values.length - 1));
}

/** mean / std (ddof 1) per period, not annualized; NaN for a constant series. */
export function perPeriodSharpe(values: ArrayLike<number>): number {
  const std = sampleStd(values);
  return std > 0 ? sampleMean(values) / std : NaN;
}

/** Skewness and raw kurtosis of a sample (biased central moments). */
export interface SampleShape {
  /** γ3 = m3 / m2^1.5. */
  skewness: number;
  /** γ4 = m4 / m2², RAW (a normal sample gives about 3, not 0). */
  kurtosis: number;
}

/** γ3 and raw γ4 of `values`; NaN for a constant series. */
export function sampleShape(values: ArrayLike<number>): SampleShape {
  const origin = values[0]!;
  const shift = shiftedMean(values) - origin;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - origin - shift;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const n = values.length;
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { skewness: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}
