/**
 * Window sums in one pass, O(n) whatever the window length:
 * 1. `rollingSum`: the sum of the last n values, updated the way TTR's runSum is (previous + new − oldest).
 * 2. `rollingLinearSums`: that sum plus the linearly weighted sum (weights 1..n, newest n), for WMA and
 *    regression slopes.
 * 3. `rollingVariance`: the variance of the last n values by a Welford-style add-and-remove update,
 *    which stays accurate where the textbook sum-of-squares form cancels.
 * A window is complete after n consecutive finite values. A non-finite value empties it: the output is NaN
 * until n finite values follow, and then the sums start afresh from a direct sum, so a gap never poisons
 * the rest of the series.
 */
import { nanArray } from './nan-array.js';

export function rollingSum(x: Float64Array, n: number): Float64Array {
  const out = nanArray(x.length);
  let run = 0;
  let sum = 0;
  for (let t = 0; t < x.length; t++) {
    const v = x[t]!;
    if (!Number.isFinite(v)) {
      run = 0;
      continue;
    }
    if (++run < n) continue;
    if (run === n) {
      sum = 0;
      for (let j = t - n + 1; j <= t; j++) sum += x[j]!;
    } else {
      sum = sum + v - x[t - n]!;
    }
    out[t] = sum;
  }
  return out;
}

/** Running sums of a window: `sum` = Σ x, `weighted` = Σ j·x_j with j = 1 (oldest) .. n (newest). */
export interface LinearSums {
  sum: Float64Array;
  weighted: Float64Array;
}

export function rollingLinearSums(x: Float64Array, n: number): LinearSums {
  const sums = nanArray(x.length);
  const weighted = nanArray(x.length);
  let run = 0;
  let s = 0;
  let w = 0;
  for (let t = 0; t < x.length; t++) {
    const v = x[t]!;
    if (!Number.isFinite(v)) {
      run = 0;
      continue;
    }
    if (++run < n) continue;
    if (run === n) {
      s = 0;
      w = 0;
      for (let j = 1; j <= n; j++) {
        const value = x[t - n + j]!;
        s += value;
        w += j * value;
      }
    } else {
      // Every weight drops by one (the oldest value's weight reaches zero) and the new value enters at n.
      w = w - s + n * v;
      s = s + v - x[t - n]!;
    }
    sums[t] = s;
    weighted[t] = w;
  }
  return { sum: sums, weighted };
}

/** Variance of the last n values with denominator n − ddof (ddof 0: population, 1: sample). */
export function rollingVariance(x: Float64Array, n: number, ddof: 0 | 1): Float64Array {
  const out = nanArray(x.length);
  const denominator = n - ddof;
  let run = 0;
  let mean = 0;
  let m2 = 0;
  for (let t = 0; t < x.length; t++) {
    const v = x[t]!;
    if (!Number.isFinite(v)) {
      run = 0;
      continue;
    }
    if (++run < n) continue;
    if (run === n) {
      let sum = 0;
      for (let j = t - n + 1; j <= t; j++) sum += x[j]! / n;
      mean = sum;
      m2 = 0;
      for (let j = t - n + 1; j <= t; j++) {
        const d = x[j]! - mean;
        m2 += d * d;
      }
    } else {
      const old = x[t - n]!;
      const delta = v - old;
      const nextMean = mean + delta / n;
      m2 += delta * (v - nextMean + old - mean);
      mean = nextMean;
      if (m2 < 0) m2 = 0;
    }
    out[t] = denominator > 0 ? m2 / denominator : Number.NaN;
  }
  return out;
}
