import { nanArray } from './nan-array.js';
import { scratchFloat64 } from './scratch-arena.js';

/**
 * Log returns at several lags from one pass of logarithms: ln x_t − ln x_{t−lag} (TTR's continuous `ROC`
 * computes the same difference of logs). NaN on the first `lag` rows.
 */
export function logReturns(x: Float64Array, lags: readonly number[]): Float64Array[] {
  const logs = scratchFloat64(x.length);
  for (let t = 0; t < x.length; t++) logs[t] = Math.log(x[t]!);
  return lags.map((lag) => {
    const out = nanArray(x.length);
    for (let t = lag; t < x.length; t++) out[t] = logs[t]! - logs[t - lag]!;
    return out;
  });
}

export function logReturn(x: Float64Array, lag: number): Float64Array {
  return logReturns(x, [lag])[0]!;
}
