/**
 * Rolling maxima and minima in O(n) with a monotonic deque of row indices (each row enters and leaves
 * the deque once), for stochastics, Williams %R, Donchian channels and Aroon.
 * A non-finite value empties the window, as in `rolling-sum.ts`.
 */
import { nanArray } from './nan-array.js';
import { scratchInt32 } from './scratch-arena.js';

/** Which extreme a scan looks for: 1 = highest, −1 = lowest. */
export type ExtremeSign = 1 | -1;

/**
 * For each row t, the index of the most recent extreme of x over the last `window` rows (ties go to the
 * most recent row), once `minRun` consecutive finite values have been seen; −1 before that and while a
 * non-finite value is inside the window. `minRun` may be below `window` (Aroon reports from its n-th row
 * with the n rows it has, then uses n + 1).
 */
export function rollingExtremeIndex(x: Float64Array, window: number, minRun: number, sign: ExtremeSign): Int32Array {
  const out = scratchInt32(x.length).fill(-1);
  // The deque is deque[head..tail); indices only grow, so a plain array of length x.length never wraps.
  const deque = scratchInt32(x.length);
  let head = 0;
  let tail = 0;
  let run = 0;
  for (let t = 0; t < x.length; t++) {
    const v = x[t]!;
    if (!Number.isFinite(v)) {
      run = 0;
      head = tail;
      continue;
    }
    run++;
    if (head < tail && deque[head]! <= t - window) head++;
    if (sign > 0) {
      while (tail > head && x[deque[tail - 1]!]! <= v) tail--;
    } else {
      while (tail > head && x[deque[tail - 1]!]! >= v) tail--;
    }
    deque[tail++] = t;
    if (run >= minRun) out[t] = deque[head]!;
  }
  return out;
}

export function rollingMax(x: Float64Array, n: number): Float64Array {
  return valuesAt(x, rollingExtremeIndex(x, n, n, 1));
}

export function rollingMin(x: Float64Array, n: number): Float64Array {
  return valuesAt(x, rollingExtremeIndex(x, n, n, -1));
}

function valuesAt(x: Float64Array, index: Int32Array): Float64Array {
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) {
    const i = index[t]!;
    if (i >= 0) out[t] = x[i]!;
  }
  return out;
}
