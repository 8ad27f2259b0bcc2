/**
 * Oscillators that place the close inside a recent range (0..100 scales unless noted):
 * 1. `stochastic` (fast %K, slow %K, slow %D), `stochRsi`, `williamsR` (−100..0), `cci` (unbounded).
 * 2. `ultimateOscillator` (buying pressure over true range at three horizons).
 * 3. `aroon` (bars since the highest high / lowest low).
 * TTR returns stochastics and %R on a 0..1 scale; these return the conventional TA-Lib scales.
 */
import { sma } from './moving-averages.js';
import { rsi } from './momentum.js';
import { nanArray } from './nan-array.js';
import { typicalPrice } from './price-series.js';
import { rollingExtremeIndex, rollingMax, rollingMin } from './rolling-extreme.js';
import { rollingSum } from './rolling-sum.js';
import { scratchFloat64 } from './scratch-arena.js';
import { trueLowAndRange } from './volatility.js';

/** Fast %K, slow %K (= SMA of fast %K, TTR's `fastD`) and slow %D (TTR's `slowD`), all 0..100. */
export interface Stochastic {
  fastK: Float64Array;
  slowK: Float64Array;
  slowD: Float64Array;
}

/**
 * Stochastic oscillator (TTR `stoch(bounded = TRUE, maType = SMA)` × 100, TA-Lib `STOCH`):
 * fast %K = 100·(C − LL_n)/(HH_n − LL_n), NaN when HH = LL (as TTR; TA-Lib gives 0).
 */
export function stochastic(high: Float64Array, low: Float64Array, close: Float64Array, nK: number, nSlowK: number, nSlowD: number): Stochastic {
  const fastK = fastStochastic(rollingMax(high, nK), rollingMin(low, nK), close);
  const slowK = sma(fastK, nSlowK);
  return { fastK, slowK, slowD: sma(slowK, nSlowD) };
}

function fastStochastic(highest: Float64Array, lowest: Float64Array, close: Float64Array): Float64Array {
  const out = nanArray(close.length);
  for (let t = 0; t < close.length; t++) {
    const range = highest[t]! - lowest[t]!;
    out[t] = range === 0 ? Number.NaN : (100 * (close[t]! - lowest[t]!)) / range;
  }
  return out;
}

/** Stochastic RSI (TA-Lib `STOCHRSI`): fast %K of RSI_n over nK rows, and its SMA over nD rows, 0..100. */
export function stochRsi(x: Float64Array, n: number, nK: number, nD: number): { k: Float64Array; d: Float64Array } {
  const r = rsi(x, n);
  const k = fastStochastic(rollingMax(r, nK), rollingMin(r, nK), r);
  return { k, d: sma(k, nD) };
}

/** Williams %R, −100..0: −100·(HH_n − C)/(HH_n − LL_n); −50 when HH = LL (TTR `WPR` gives 0.5 there). */
export function williamsR(high: Float64Array, low: Float64Array, close: Float64Array, n: number): Float64Array {
  const highest = rollingMax(high, n);
  const lowest = rollingMin(low, n);
  const out = nanArray(close.length);
  for (let t = 0; t < close.length; t++) {
    const range = highest[t]! - lowest[t]!;
    const fraction = range === 0 ? 0.5 : (highest[t]! - close[t]!) / range;
    out[t] = -100 * fraction;
  }
  return out;
}

/**
 * Commodity channel index (TTR `CCI`): (TP − SMA_n(TP)) / (c·MD), MD = mean |TP_j − SMA_n(TP)_t| over the
 * window. MD needs the current mean, so it costs O(n) per row (no running form exists).
 */
export function cci(high: Float64Array, low: Float64Array, close: Float64Array, n: number, constant = 0.015): Float64Array {
  const tp = typicalPrice(high, low, close);
  const mean = sma(tp, n);
  const out = nanArray(close.length);
  for (let t = n - 1; t < close.length; t++) {
    const center = mean[t]!;
    if (!Number.isFinite(center)) continue;
    let deviation = 0;
    for (let j = t - n + 1; j <= t; j++) deviation += Math.abs(tp[j]! - center);
    const scale = constant * (deviation / n);
    out[t] = scale === 0 ? Number.NaN : (tp[t]! - center) / scale;
  }
  return out;
}

/**
 * Ultimate oscillator (TTR `ultimateOscillator`, TA-Lib `ULTOSC`): BP = C − min(L, C_{t−1}),
 * TR = max(H, C_{t−1}) − min(L, C_{t−1}); 100·(4·ΣBP/ΣTR_{n1} + 2·ΣBP/ΣTR_{n2} + ΣBP/ΣTR_{n3}) / 7.
 */
export function ultimateOscillator(high: Float64Array, low: Float64Array, close: Float64Array, n1 = 7, n2 = 14, n3 = 28): Float64Array {
  const { trueLow, range } = trueLowAndRange(high, low, close);
  const pressure = nanArray(close.length);
  for (let t = 0; t < close.length; t++) pressure[t] = close[t]! - trueLow[t]!;
  const out = scratchFloat64(close.length).fill(0);
  const spans = [n1, n2, n3];
  const weights = [4, 2, 1];
  for (let k = 0; k < 3; k++) {
    const bp = rollingSum(pressure, spans[k]!);
    const tr = rollingSum(range, spans[k]!);
    const w = weights[k]!;
    for (let t = 0; t < close.length; t++) out[t] = out[t]! + w * (tr[t] === 0 ? Number.NaN : bp[t]! / tr[t]!);
  }
  for (let t = 0; t < close.length; t++) out[t] = (100 * out[t]!) / 7;
  return out;
}

/** Aroon up, down and oscillator (up − down), 0..100 / −100..100. */
export interface Aroon {
  up: Float64Array;
  down: Float64Array;
  oscillator: Float64Array;
}

/**
 * Aroon (TTR `aroon`): up = 100·(n − k)/n with k = rows since the most recent highest high over the last
 * n + 1 rows (ties: most recent); down likewise for the lowest low. As in TTR, the first value is on row n
 * (1-based) from the n rows available then.
 */
export function aroon(high: Float64Array, low: Float64Array, n: number): Aroon {
  const highAt = rollingExtremeIndex(high, n + 1, n, 1);
  const lowAt = rollingExtremeIndex(low, n + 1, n, -1);
  const up = nanArray(high.length);
  const down = nanArray(high.length);
  const oscillator = nanArray(high.length);
  for (let t = 0; t < high.length; t++) {
    if (highAt[t]! < 0 || lowAt[t]! < 0) continue;
    up[t] = (100 * (n - (t - highAt[t]!))) / n;
    down[t] = (100 * (n - (t - lowAt[t]!))) / n;
    oscillator[t] = up[t]! - down[t]!;
  }
  return { up, down, oscillator };
}
