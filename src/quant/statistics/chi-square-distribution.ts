/**
 * The chi-square distribution with one degree of freedom, the reference of McNemar's
 * statistic: X = Z² with Z standard normal, so P(X > x) = P(|Z| > √x) = erfc(√(x / 2)).
 */
import { erfc } from './special-functions.js';

/** P(X > x) for X ~ χ²(1); 1 for x <= 0, NaN for NaN. */
export function chiSquareOneDfSf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return erfc(Math.sqrt(x / 2));
}
