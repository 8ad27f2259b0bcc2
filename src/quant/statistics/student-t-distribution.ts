/**
 * Student's t distribution with ν > 0 degrees of freedom (not necessarily an integer),
 * through the regularized incomplete beta (Abramowitz & Stegun 26.7.1):
 *   P(T > t) = ½ I_{ν/(ν+t²)}(ν/2, ½)   for t >= 0,
 * with the small side always computed directly, so both tails keep their relative accuracy.
 */
import { regularizedIncompleteBeta } from './incomplete-beta.js';

/** P(T > |t|), the one-sided tail beyond |t|. */
function upperTail(t: number, dof: number): number {
  const t2 = t * t;
  // x and y = 1 - x both from their own formula: y is tiny for small t, x for large t.
  const x = dof / (dof + t2);
  const y = t2 / (dof + t2);
  return 0.5 * regularizedIncompleteBeta(dof / 2, 0.5, x, y);
}

/** P(T <= t) for Student's t with `dof` degrees of freedom; NaN when dof <= 0 or t is NaN. */
export function studentTCdf(t: number, dof: number): number {
  if (!(dof > 0) || Number.isNaN(t)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  return t < 0 ? upperTail(t, dof) : 1 - upperTail(t, dof);
}

/** P(T > t), the survival function, accurate in the upper tail. */
export function studentTSf(t: number, dof: number): number {
  if (!(dof > 0) || Number.isNaN(t)) return NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  return t > 0 ? upperTail(t, dof) : 1 - upperTail(t, dof);
}
