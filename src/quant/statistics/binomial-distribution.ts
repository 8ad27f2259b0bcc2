/**
 * The exact binomial distribution with success probability ½ (the null of McNemar's exact
 * test), in log space so that no C(n, k) or 2^n ever overflows:
 * 1. `binomialHalfPmf` C(n, k) 2^-n by Loader's saddle-point form (Loader 2000, "Fast and
 *    accurate computation of binomial probabilities"), relatively accurate for any n;
 * 2. `binomialHalfCdf` P(X <= k) by summing the pmf down from k with the exact ratio
 *    pmf(i-1) / pmf(i) = i / (n - i + 1), on the small side of the median only (the other
 *    side by symmetry, P(X <= k) = 1 - P(X <= n - k - 1)), so every sum is of a tail.
 */
import { devianceTerm } from './incomplete-beta.js';
import { stirlingError } from './special-functions.js';
import { StatisticsInputError } from './statistics-input-error.js';

const LOG_TWO_PI = 1.8378770664093454836;

function checkCount(where: string, name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new StatisticsInputError({
      where,
      expected: `${name} a non-negative integer`,
      found: String(value),
      hint: 'binomial counts are whole numbers of trials and successes',
    });
  }
}

/** C(n, k) 2^-n for integers 0 <= k <= n. */
function pmf(k: number, n: number): number {
  // 2^-n is exact (down to the subnormals), where exp(-n ln 2) would carry n ulps of ln 2.
  if (k === 0 || k === n) return n <= 1074 ? 2 ** -n : 0;
  const half = n / 2;
  const log =
    stirlingError(n) - stirlingError(k) - stirlingError(n - k) -
    devianceTerm(k, half) - devianceTerm(n - k, half) +
    0.5 * (Math.log(n) - LOG_TWO_PI - Math.log(k) - Math.log(n - k));
  return Math.exp(log);
}

/** P(X = k) for X ~ Binomial(n, ½); 0 for k > n. */
export function binomialHalfPmf(k: number, n: number): number {
  checkCount('binomialHalfPmf', 'k', k);
  checkCount('binomialHalfPmf', 'n', n);
  return k > n ? 0 : pmf(k, n);
}

/** P(X <= k) for 0 <= 2k < n, summing downward from the largest term. */
function lowerTail(k: number, n: number): number {
  let term = 1;
  let sum = 1;
  // Relative to pmf(k): each step down multiplies by i / (n - i + 1) < 1.
  for (let i = k; i > 0; i--) {
    term *= i / (n - i + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return pmf(k, n) * sum;
}

/**
 * P(X <= k) for X ~ Binomial(n, ½), exact up to rounding (about 1e-14 relative), for any
 * integers n >= 0 and k >= 0 (k >= n gives 1).
 */
export function binomialHalfCdf(k: number, n: number): number {
  checkCount('binomialHalfCdf', 'k', k);
  checkCount('binomialHalfCdf', 'n', n);
  if (k >= n) return 1;
  if (2 * k < n) return lowerTail(k, n);
  return 1 - lowerTail(n - k - 1, n);
}
