/**
 * Annualized volatility estimators over a rolling window (TTR `volatility(calc = ...)`), N periods a year:
 * 1. `closeToCloseVolatility`: sample SD of the last n − 1 log returns (TTR's convention), × √N.
 * 2. `parkinsonVolatility`, `garmanKlassVolatility`, `rogersSatchellVolatility`: range-based, running sums.
 * 3. `yangZhangVolatility`: overnight, open-to-close and Rogers–Satchell variances combined.
 * All sums are O(n) whatever the window.
 */
import { logReturn } from './returns.js';
import { nanArray } from './nan-array.js';
import { rollingSum, rollingVariance } from './rolling-sum.js';

const LN2 = Math.log(2);

/** √N · sd(r_{t−n+2..t}), r = ln C_t − ln C_{t−1}, ddof 1 (first value on row n). */
export function closeToCloseVolatility(close: Float64Array, n: number, periodsPerYear = 252): Float64Array {
  const out = rollingVariance(logReturn(close, 1), n - 1, 1);
  const scale = Math.sqrt(periodsPerYear);
  for (let t = 0; t < out.length; t++) out[t] = scale * Math.sqrt(out[t]!);
  return out;
}

/** Parkinson: √(N/(4n·ln2) · Σ_n ln(H/L)²). */
export function parkinsonVolatility(high: Float64Array, low: Float64Array, n: number, periodsPerYear = 252): Float64Array {
  const term = nanArray(high.length);
  for (let t = 0; t < high.length; t++) {
    const hl = Math.log(high[t]! / low[t]!);
    term[t] = hl * hl;
  }
  return rootOfScaledSum(term, n, periodsPerYear / (4 * n * LN2));
}

/** Garman–Klass: √(N/n · Σ_n [½·ln(H/L)² − (2ln2 − 1)·ln(C/O)²]). */
export function garmanKlassVolatility(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, n: number, periodsPerYear = 252): Float64Array {
  const term = nanArray(close.length);
  for (let t = 0; t < close.length; t++) {
    const hl = Math.log(high[t]! / low[t]!);
    const co = Math.log(close[t]! / open[t]!);
    term[t] = 0.5 * (hl * hl) - (2 * LN2 - 1) * (co * co);
  }
  return rootOfScaledSum(term, n, periodsPerYear / n);
}

/** Rogers–Satchell: √(N/n · Σ_n [ln(H/C)·ln(H/O) + ln(L/C)·ln(L/O)]). */
export function rogersSatchellVolatility(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, n: number, periodsPerYear = 252): Float64Array {
  const term = nanArray(close.length);
  for (let t = 0; t < close.length; t++) {
    const h = high[t]!;
    const l = low[t]!;
    term[t] = Math.log(h / close[t]!) * Math.log(h / open[t]!) + Math.log(l / close[t]!) * Math.log(l / open[t]!);
  }
  return rootOfScaledSum(term, n, periodsPerYear / n);
}

/**
 * Yang–Zhang: √(σo² + k·σc² + (1 − k)·σrs²) with σo² = N·var_n(ln O_t/C_{t−1}), σc² = N·var_n(ln C/O)
 * (ddof 1), σrs the Rogers–Satchell estimate and k = 0.34/(1.34 + (n+1)/(n−1)). First value on row n + 1.
 */
export function yangZhangVolatility(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, n: number, periodsPerYear = 252): Float64Array {
  const overnight = nanArray(close.length);
  const intraday = nanArray(close.length);
  for (let t = 0; t < close.length; t++) {
    if (t > 0) overnight[t] = Math.log(open[t]! / close[t - 1]!);
    intraday[t] = Math.log(close[t]! / open[t]!);
  }
  const varOvernight = rollingVariance(overnight, n, 1);
  const varIntraday = rollingVariance(intraday, n, 1);
  const rs = rogersSatchellVolatility(open, high, low, close, n, periodsPerYear);
  const alpha = 1.34;
  const k = (alpha - 1) / (alpha + (n + 1) / (n - 1));
  const out = nanArray(close.length);
  for (let t = 0; t < close.length; t++) {
    const s2o = periodsPerYear * varOvernight[t]!;
    const s2c = periodsPerYear * varIntraday[t]!;
    out[t] = Math.sqrt(s2o + k * s2c + (1 - k) * (rs[t]! * rs[t]!));
  }
  return out;
}

function rootOfScaledSum(term: Float64Array, n: number, scale: number): Float64Array {
  const out = rollingSum(term, n);
  for (let t = 0; t < out.length; t++) out[t] = Math.sqrt(scale * out[t]!);
  return out;
}
