/**
 * Wilder's directional movement system, seeded exactly as TTR's `ADX`:
 * 1. +DM / −DM from bar-to-bar changes of high and low.
 * 2. `wilderSum` of +DM, −DM and the true range (TTR's seed: v_{f+n−1} + (n−1)/n·Σ v_f..v_{f+n−2}).
 * 3. +DI, −DI, DX, then ADX = Wilder average of DX seeded with the mean of its first n values, and
 *    ADXR = (ADX_t + ADX_{t−n+1})/2 (TA-Lib `ADXR`).
 * TA-Lib seeds the sums with the plain sum of the first n − 1 values instead, so its first values differ.
 */
import { wilderAverage } from './moving-averages.js';
import { nanArray } from './nan-array.js';
import { trueRange } from './volatility.js';

/**
 * TTR's `wilderSum`: S_t = v_t + S_{t−1}·(n−1)/n, started at the n-th finite value with
 * v + Σ(previous n − 1 values)·(n−1)/n. A non-finite value after that gives NaN and keeps the state.
 */
export function wilderSum(x: Float64Array, n: number): Float64Array {
  const out = nanArray(x.length);
  let t = 0;
  let count = 0;
  let sum = 0;
  for (; t < x.length && count < n - 1; t++) {
    const v = x[t]!;
    if (!Number.isFinite(v)) continue;
    sum += v;
    count++;
  }
  for (; t < x.length; t++) {
    const v = x[t]!;
    if (!Number.isFinite(v)) continue;
    sum = v + (sum * (n - 1)) / n;
    out[t] = sum;
    break;
  }
  for (t++; t < x.length; t++) {
    const v = x[t]!;
    if (!Number.isFinite(v)) continue;
    sum = v + (sum * (n - 1)) / n;
    out[t] = sum;
  }
  return out;
}

/** The directional movement system; all lines 0..100. */
export interface DirectionalMovement {
  plusDi: Float64Array;
  minusDi: Float64Array;
  dx: Float64Array;
  adx: Float64Array;
  adxr: Float64Array;
}

/**
 * +DM_t = dH if dH > dL and not (dH = dL or both < 0), else 0, with dH = H_t − H_{t−1}, dL = L_{t−1} − L_t;
 * −DM likewise. DI± = 100·wilderSum(±DM)/wilderSum(TR); DX = 100·|DI+ − DI−|/(DI+ + DI−).
 */
export function directionalMovement(high: Float64Array, low: Float64Array, close: Float64Array, n: number): DirectionalMovement {
  const len = close.length;
  const plusDm = nanArray(len);
  const minusDm = nanArray(len);
  for (let t = 1; t < len; t++) {
    const dH = high[t]! - high[t - 1]!;
    const dL = low[t - 1]! - low[t]!;
    if (!Number.isFinite(dH) || !Number.isFinite(dL)) continue;
    const none = dH === dL || (dH < 0 && dL < 0);
    plusDm[t] = none || !(dH > dL) ? 0 : dH;
    minusDm[t] = none || !(dH < dL) ? 0 : dL;
  }
  const trSum = wilderSum(trueRange(high, low, close), n);
  const plusSum = wilderSum(plusDm, n);
  const minusSum = wilderSum(minusDm, n);
  const plusDi = nanArray(len);
  const minusDi = nanArray(len);
  const dx = nanArray(len);
  for (let t = 0; t < len; t++) {
    const tr = trSum[t]!;
    if (tr === 0) continue;
    plusDi[t] = (100 * plusSum[t]!) / tr;
    minusDi[t] = (100 * minusSum[t]!) / tr;
    const total = plusDi[t]! + minusDi[t]!;
    if (total !== 0) dx[t] = 100 * (Math.abs(plusDi[t]! - minusDi[t]!) / total);
  }
  const adx = wilderAverage(dx, n);
  return { plusDi, minusDi, dx, adx, adxr: adxr(adx, n) };
}

/** ADXR: (ADX_t + ADX_{t−n+1})/2 (TA-Lib `ADXR`). */
export function adxr(adx: Float64Array, n: number): Float64Array {
  const out = nanArray(adx.length);
  for (let t = n - 1; t < adx.length; t++) out[t] = (adx[t]! + adx[t - n + 1]!) / 2;
  return out;
}
