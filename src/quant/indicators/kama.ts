import { nanArray } from './nan-array.js';

// TA-Lib fixes the fast and slow smoothing constants of KAMA at 2 and 30 periods.
const SLOW_CONSTANT = 2 / (30 + 1);
const CONSTANT_SPAN = 2 / (2 + 1) - SLOW_CONSTANT;

/**
 * Kaufman's adaptive moving average, exactly as TA-Lib's `KAMA` (first value on row n, 0-based):
 * ER = |x_t − x_{t−n}| / Σ_{j=t−n+1..t} |x_j − x_{j−1}| (1 when that sum is ~0), sc = (ER·(2/3 − 2/31) + 2/31)²,
 * KAMA_t = KAMA_{t−1} + sc·(x_t − KAMA_{t−1}), started from KAMA_{n−1} = x_{n−1}.
 * A non-finite value restarts the warm-up.
 */
export function kama(x: Float64Array, n: number): Float64Array {
  const out = nanArray(x.length);
  let run = 0;
  let pathLength = 0;
  let previous = 0;
  for (let t = 0; t < x.length; t++) {
    const v = x[t]!;
    if (!Number.isFinite(v)) {
      run = 0;
      continue;
    }
    if (++run <= n) continue;
    if (run === n + 1) {
      pathLength = 0;
      for (let j = t - n; j < t; j++) pathLength += Math.abs(x[j]! - x[j + 1]!);
      previous = x[t - 1]!;
    } else {
      pathLength -= Math.abs(x[t - n - 1]! - x[t - n]!);
      pathLength += Math.abs(v - x[t - 1]!);
    }
    const change = v - x[t - n]!;
    const efficiency = pathLength <= change || Math.abs(pathLength) < 1e-14 ? 1 : Math.abs(change / pathLength);
    let sc = efficiency * CONSTANT_SPAN + SLOW_CONSTANT;
    sc *= sc;
    previous = (v - previous) * sc + previous;
    out[t] = previous;
  }
  return out;
}
