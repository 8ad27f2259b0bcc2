/**
 * Special functions under the distributions, all to near full double precision:
 * 1. `erf` and `erfc` by W. J. Cody's rational Chebyshev approximations (Cody 1969,
 *    "Rational Chebyshev approximations for the error function", Math. Comp. 23:631-637;
 *    the three ranges of his CALERF), with erfc relatively accurate far into the tail;
 * 2. `stirlingError` δ(x) = lnΓ(x) - [(x - ½) ln x - x + ½ ln 2π], by the asymptotic
 *    series for x >= 10 and by the recurrence Γ(x + 1) = x Γ(x) below that;
 * 3. `logGamma` lnΓ(x) for x > 0 from the same two pieces: about 1e-15 relative, and about
 *    2e-15 absolute near its zeros at 1 and 2.
 */

const INV_SQRT_PI = 0.56418958354775628695;
const HALF_LOG_TWO_PI = 0.91893853320467274178;

// Cody's coefficients: erf on |x| <= 0.46875, erfc on (0.46875, 4] and on (4, ∞).
const A = [3.1611237438705656, 113.86415415105016, 377.48523768530202, 3209.3775891384695, 0.18577770618460315];
const B = [23.601290952344121, 244.02463793444417, 1282.6165260773723, 2844.2368334391706];
const C = [
  0.56418849698867009, 8.8831497943883759, 66.119190637141630, 298.63513819740013, 881.95222124176909,
  1712.0476126340706, 2051.0783778260715, 1230.3393547979972, 2.1531153547440383e-8,
];
const D = [
  15.744926110709835, 117.69395089131250, 537.18110186200986, 1621.3895745666902, 3290.7992357334596,
  4362.6190901432472, 3439.3676741437216, 1230.3393548037494,
];
const P = [0.30532663496123236, 0.36034489994980445, 0.12578172611122925, 0.016083785148742277, 6.5874916152983780e-4, 0.016315387137302098];
const Q = [2.5685201922898224, 1.8729528499234673, 0.52790510295142841, 0.060518341312441319, 0.0023352049762686918];

/** erf(x) for |x| <= 0.46875 (Cody's first range). */
function erfSmall(x: number): number {
  const z = x * x;
  let num = A[4]! * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]!) * z;
    den = (den + B[i]!) * z;
  }
  return (x * (num + A[3]!)) / (den + B[3]!);
}

/** erfc(y) for y > 0.46875 (Cody's second and third ranges). */
function erfcLarge(y: number): number {
  if (y >= 27.3) return 0; // erfc(27.3) < 2^-1074: underflows to zero
  let ratio: number;
  if (y <= 4) {
    let num = C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    ratio = (num + C[7]!) / (den + D[7]!);
  } else {
    const z = 1 / (y * y);
    let num = P[5]! * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]!) * z;
      den = (den + Q[i]!) * z;
    }
    ratio = (INV_SQRT_PI - (z * (num + P[4]!)) / (den + Q[4]!)) / y;
  }
  // exp(-y²) in two factors: y² rounded loses digits the tail needs, so split y = y16 + rest
  // with y16 a multiple of 1/16 (y16² is exact) and y² = y16² + (y - y16)(y + y16).
  const y16 = Math.trunc(y * 16) / 16;
  return Math.exp(-y16 * y16) * Math.exp(-(y - y16) * (y + y16)) * ratio;
}

/** The complementary error function erfc(x) = 1 - erf(x), relatively accurate for large x. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  const tail = erfcLarge(y);
  return x < 0 ? 2 - tail : tail;
}

/** The error function erf(x). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  const value = 1 - erfcLarge(y);
  return x < 0 ? -value : value;
}

/** Stirling's base (x - ½) ln x - x + ½ ln 2π, the part of lnΓ(x) that δ(x) corrects. */
function stirlingBase(x: number): number {
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI;
}

// B_2k / (2k (2k - 1)) for k = 1..8: the asymptotic series of δ(x) in powers of 1/x.
const STIRLING_SERIES = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];

/**
 * The error of Stirling's formula, δ(x) = lnΓ(x) - [(x - ½) ln x - x + ½ ln 2π], for x > 0.
 * It is what the incomplete beta and the binomial need instead of lnΓ itself: their
 * large lnΓ terms cancel analytically, and δ is small, so nothing cancels numerically
 * (Loader 2000, "Fast and accurate computation of binomial probabilities").
 */
export function stirlingError(x: number): number {
  if (x >= 10) {
    const inv = 1 / x;
    const inv2 = inv * inv;
    let sum = 0;
    for (let k = STIRLING_SERIES.length - 1; k >= 0; k--) sum = sum * inv2 + STIRLING_SERIES[k]!;
    return sum * inv; // the first omitted term is below 1e-18 at x = 10
  }
  // lnΓ(x) = lnΓ(x + n) - ln(x (x + 1) ... (x + n - 1)), with x + n >= 10.
  let shifted = x;
  let product = 1;
  while (shifted < 10) {
    product *= shifted;
    shifted += 1;
  }
  return stirlingError(shifted) + stirlingBase(shifted) - Math.log(product) - stirlingBase(x);
}

/** lnΓ(x) for x > 0; NaN for x <= 0 or NaN. */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  if (x >= 10) return stirlingBase(x) + stirlingError(x);
  let shifted = x;
  let product = 1;
  while (shifted < 10) {
    product *= shifted;
    shifted += 1;
  }
  return stirlingBase(shifted) + stirlingError(shifted) - Math.log(product);
}
