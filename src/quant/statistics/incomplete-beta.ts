/**
 * The regularized incomplete beta function I_x(a, b), which gives the Student t and the
 * binomial distributions:
 * 1. the power terms x^a y^b / B(a, b) in log space through Loader's deviance form
 *    (Loader 2000), so that the huge lnΓ terms of large a and b cancel analytically;
 * 2. the continued fraction of I_x(a, b) (Abramowitz & Stegun 26.5.8) evaluated by the
 *    modified Lentz method, on the side of x where it converges fast, and the symmetry
 *    I_x(a, b) = 1 - I_{1-x}(b, a) on the other side.
 * x and y = 1 - x are passed separately so a caller that knows y exactly (the t
 * distribution: y = t² / (ν + t²)) keeps its digits.
 */
import { stirlingError } from './special-functions.js';

const LOG_TWO_PI = 1.8378770664093454836;
const TINY = 1e-300;
const EPSILON = 1e-16;
const MAX_ITERATIONS = 100_000;

/**
 * Loader's deviance term bd0(x, m) = x ln(x / m) + m - x, by its series when x is near m,
 * where the plain formula would lose everything to cancellation.
 */
export function devianceTerm(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    const v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let term = 2 * x * v;
    const v2 = v * v;
    for (let j = 1; j < 1000; j++) {
      term *= v2;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / m) + m - x;
}

/**
 * ln( x^a y^b / B(a, b) ) with y = 1 - x, for a, b > 0:
 *   -bd0(a, x(a+b)) - bd0(b, y(a+b)) + ½ ln(ab / (2π(a+b))) - δ(a) - δ(b) + δ(a+b).
 */
export function logBetaPowerTerms(a: number, b: number, x: number, y: number): number {
  const total = a + b;
  return (
    -devianceTerm(a, x * total) -
    devianceTerm(b, y * total) +
    0.5 * (Math.log(a) + Math.log(b) - Math.log(total) - LOG_TWO_PI) -
    stirlingError(a) -
    stirlingError(b) +
    stirlingError(total)
  );
}

/** The continued fraction of I_x(a, b) / (x^a y^b / (a B(a, b))), by modified Lentz. */
function betaContinuedFraction(a: number, b: number, x: number, y: number): number {
  const guard = (v: number) => (Math.abs(v) < TINY ? TINY : v);
  let c = 1;
  // 1 - (a + b) x / (a + 1), rewritten with x + y = 1 as ((1 - b) x + (a + 1) y) / (a + 1):
  // near x = (a + 1) / (a + b + 2) with large a the plain form cancels to a few digits.
  let d = 1 / guard(((1 - b) * x + (a + 1) * y) / (a + 1));
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 / guard(1 + even * d);
    c = guard(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 / guard(1 + odd * d);
    c = guard(1 + odd / c);
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPSILON) return h;
  }
  throw new Error(`incomplete beta: continued fraction did not converge for a=${a}, b=${b}, x=${x}`);
}

/**
 * The regularized incomplete beta I_x(a, b) = B(x; a, b) / B(a, b) for a, b > 0 and
 * x in [0, 1]; `y` is 1 - x (default computed). Relative accuracy about 1e-14 on the side
 * returned directly; the other side is 1 minus it.
 */
export function regularizedIncompleteBeta(a: number, b: number, x: number, y = 1 - x): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(y >= 0)) return NaN;
  if (x === 0) return 0;
  if (y === 0) return 1;
  // The fraction converges fast for x below the mean-like point (a + 1) / (a + b + 2).
  if (x * (a + b + 2) < a + 1) return incompleteBetaByFraction(a, b, x, y);
  return 1 - incompleteBetaByFraction(b, a, y, x);
}

/**
 * I_x(a, b) by the continued fraction on the side given, with no reflection. It converges
 * fast for x < (a + 1) / (a + b + 2); for a <= 1 it also converges well a little beyond,
 * which the t distribution uses because for large b the other side loses digits: its
 * terms 1 - (a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)) cancel to O(1/a).
 */
export function incompleteBetaByFraction(a: number, b: number, x: number, y: number): number {
  return (Math.exp(logBetaPowerTerms(a, b, x, y)) * betaContinuedFraction(a, b, x, y)) / a;
}

/**
 * The upper side 1 - I_x(a, b) = I_y(b, a), computed without subtracting from 1 where that
 * side is the small one.
 */
export function regularizedIncompleteBetaComplement(a: number, b: number, x: number, y = 1 - x): number {
  return regularizedIncompleteBeta(b, a, y, x);
}
