/**
 * Moving averages of one series, TTR / TA-Lib definitions:
 * 1. `sma`, `wma`, `trima`: window averages from running sums (O(n) for any window).
 * 2. `ema`, `wilderAverage`: exponential smoothing seeded with the simple mean of the first n values,
 *    written the way TTR's C code is (seed Σ x/n, then x·α + prev·(1 − α)).
 * 3. `dema`, `tema`, `t3`: cascades of EMAs, each seeded on its own first n values.
 * Leading non-finite values are skipped (the warm-up starts at the first finite value), so the
 * functions compose: `ema(ema(x, n), n)` seeds on the first n values of the inner EMA.
 */
import { nanArray } from './nan-array.js';
import { rollingLinearSums, rollingSum } from './rolling-sum.js';

/** Simple moving average: mean of x[t−n+1..t] (TTR `SMA`, TA-Lib `SMA`). */
export function sma(x: Float64Array, n: number): Float64Array {
  const out = rollingSum(x, n);
  for (let t = 0; t < out.length; t++) out[t] = out[t]! / n;
  return out;
}

/**
 * Exponential smoothing with factor `alpha`, seeded with the mean of the first n finite values (on the row
 * of the n-th). A non-finite input after that gives NaN on its row and leaves the state as it was.
 */
export function exponentialSmoothing(x: Float64Array, n: number, alpha: number): Float64Array {
  const out = nanArray(x.length);
  const beta = 1 - alpha;
  let t = 0;
  let count = 0;
  let seed = 0;
  for (; t < x.length && count < n; t++) {
    const v = x[t]!;
    if (!Number.isFinite(v)) continue;
    seed += v / n;
    count++;
  }
  if (count < n) return out;
  let previous = seed;
  out[t - 1] = previous;
  for (; t < x.length; t++) {
    const v = x[t]!;
    if (!Number.isFinite(v)) continue;
    previous = v * alpha + previous * beta;
    out[t] = previous;
  }
  return out;
}

/** EMA with α = 2/(n+1), seeded by the SMA of the first n values (TTR `EMA`, TA-Lib `EMA`). */
export function ema(x: Float64Array, n: number): Float64Array {
  return exponentialSmoothing(x, n, 2 / (n + 1));
}

/** Wilder's smoothing: EMA with α = 1/n, seeded by the SMA of the first n values (TTR `EMA(wilder=TRUE)`). */
export function wilderAverage(x: Float64Array, n: number): Float64Array {
  return exponentialSmoothing(x, n, 1 / n);
}

/** Linearly weighted moving average, weights 1..n with the newest weighted n (TTR `WMA`). */
export function wma(x: Float64Array, n: number): Float64Array {
  const { weighted } = rollingLinearSums(x, n);
  const weightSum = (n * (n + 1)) / 2;
  for (let t = 0; t < weighted.length; t++) weighted[t] = weighted[t]! / weightSum;
  return weighted;
}

/** Double EMA: 2·EMA(x) − EMA(EMA(x)) (TTR `DEMA(v = 1)`, TA-Lib `DEMA`). */
export function dema(x: Float64Array, n: number): Float64Array {
  const e1 = ema(x, n);
  const e2 = ema(e1, n);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = 2 * e1[t]! - e2[t]!;
  return out;
}

/** Triple EMA: 3·E1 − 3·E2 + E3 with E_k = EMA applied k times (TA-Lib `TEMA`). */
export function tema(x: Float64Array, n: number): Float64Array {
  const e1 = ema(x, n);
  const e2 = ema(e1, n);
  const e3 = ema(e2, n);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = 3 * e1[t]! - 3 * e2[t]! + e3[t]!;
  return out;
}

/**
 * Triangular moving average (TA-Lib `TRIMA`): an SMA of an SMA, weights 1, 2, .., 2, 1.
 * n odd: both windows (n+1)/2; n even: n/2 then n/2 + 1.
 */
export function trima(x: Float64Array, n: number): Float64Array {
  const first = n % 2 === 1 ? (n + 1) / 2 : n / 2;
  const second = n % 2 === 1 ? (n + 1) / 2 : n / 2 + 1;
  return sma(sma(x, first), second);
}

/**
 * Tillson's T3 (TA-Lib `T3`): six cascaded EMAs combined as c1·e6 + c2·e5 + c3·e4 + c4·e3 with volume
 * factor a: c1 = −a³, c2 = 3a² + 3a³, c3 = −6a² − 3a − 3a³, c4 = 1 + 3a + a³ + 3a².
 */
export function t3(x: Float64Array, n: number, volumeFactor = 0.7): Float64Array {
  const e1 = ema(x, n);
  const e2 = ema(e1, n);
  const e3 = ema(e2, n);
  const e4 = ema(e3, n);
  const e5 = ema(e4, n);
  const e6 = ema(e5, n);
  const a = volumeFactor;
  const a2 = a * a;
  const c1 = -(a2 * a);
  const c2 = 3 * (a2 - c1);
  const c3 = -6 * a2 - 3 * (a - c1);
  const c4 = 1 + 3 * a - c1 + 3 * a2;
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) out[t] = c1 * e6[t]! + c2 * e5[t]! + c3 * e4[t]! + c4 * e3[t]!;
  return out;
}
