/**
 * Range and dispersion measures:
 * 1. `trueRange`, `atr` (Wilder), `natr` (ATR in % of close).
 * 2. `bollinger` (SMA ± k population standard deviations, %B) and `stddev` (population).
 * 3. `chaikinVolatility` (rate of change of the EMA of H − L).
 * Close-to-close, Parkinson, Garman–Klass, Rogers–Satchell and Yang–Zhang are in `historical-volatility.ts`.
 */
import { ema, sma, wilderAverage } from './moving-averages.js';
import { nanArray } from './nan-array.js';
import { rollingVariance } from './rolling-sum.js';

/** True low min(L_t, C_{t−1}) and true range max(H_t, C_{t−1}) − min(L_t, C_{t−1}); NaN on the first row. */
export function trueLowAndRange(high: Float64Array, low: Float64Array, close: Float64Array): { trueLow: Float64Array; range: Float64Array } {
  const trueLow = nanArray(close.length);
  const range = nanArray(close.length);
  for (let t = 1; t < close.length; t++) {
    const previous = close[t - 1]!;
    const l = low[t]! < previous ? low[t]! : previous;
    const h = high[t]! > previous ? high[t]! : previous;
    // A missing input must stay missing: the comparisons above would drop a NaN.
    const bad = !Number.isFinite(previous + high[t]! + low[t]!);
    trueLow[t] = bad ? Number.NaN : l;
    range[t] = bad ? Number.NaN : h - l;
  }
  return { trueLow, range };
}

/** True range (TTR `ATR()$tr`, TA-Lib `TRANGE`). */
export function trueRange(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  return trueLowAndRange(high, low, close).range;
}

/** Average true range: Wilder average of the true range, seeded with the mean of rows 2..n+1 (TTR `ATR`). */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, n: number): Float64Array {
  return wilderAverage(trueRange(high, low, close), n);
}

/** Normalized ATR: 100·ATR/C (TA-Lib `NATR`). */
export function natr(high: Float64Array, low: Float64Array, close: Float64Array, n: number): Float64Array {
  const out = atr(high, low, close, n);
  for (let t = 0; t < out.length; t++) out[t] = close[t] === 0 ? Number.NaN : (out[t]! / close[t]!) * 100;
  return out;
}

/** Bollinger bands and %B = (x − lower)/(upper − lower). */
export interface Bollinger {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
  percentB: Float64Array;
}

/** Bollinger bands (TTR `BBands(maType = SMA)`): SMA_n ± k·σ_n with σ the population standard deviation. */
export function bollinger(x: Float64Array, n: number, k: number): Bollinger {
  const middle = sma(x, n);
  const sd = stddev(x, n);
  const upper = nanArray(x.length);
  const lower = nanArray(x.length);
  const percentB = nanArray(x.length);
  for (let t = 0; t < x.length; t++) {
    const width = k * sd[t]!;
    upper[t] = middle[t]! + width;
    lower[t] = middle[t]! - width;
    const span = upper[t]! - lower[t]!;
    percentB[t] = span === 0 ? Number.NaN : (x[t]! - lower[t]!) / span;
  }
  return { upper, middle, lower, percentB };
}

/** Population standard deviation of the last n values (TA-Lib `STDDEV(nbdev = 1)`). */
export function stddev(x: Float64Array, n: number): Float64Array {
  const out = rollingVariance(x, n, 0);
  for (let t = 0; t < out.length; t++) out[t] = Math.sqrt(out[t]!);
  return out;
}

/** Chaikin volatility (TTR `chaikinVolatility`): E_t/E_{t−n} − 1 with E = EMA_n(H − L), a fraction. */
export function chaikinVolatility(high: Float64Array, low: Float64Array, n: number): Float64Array {
  const spread = nanArray(high.length);
  for (let t = 0; t < high.length; t++) spread[t] = high[t]! - low[t]!;
  const e = ema(spread, n);
  const out = nanArray(high.length);
  for (let t = n; t < high.length; t++) out[t] = e[t - n] === 0 ? Number.NaN : e[t]! / e[t - n]! - 1;
  return out;
}
