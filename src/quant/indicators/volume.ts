/**
 * Volume-weighted indicators (need volume; all but OBV also high and low):
 * 1. `obv` (TTR: starts at V_1, flat when |ln ΔC| < √ε), `accumulationDistribution` (Chaikin A/D line).
 * 2. `chaikinOscillator` (TA-Lib `ADOSC`), `chaikinMoneyFlow` (TTR `CMF`), `mfi` (TTR `MFI`).
 * The cumulative lines (OBV, A/D, ADOSC) start at the first row and a NaN input makes the rest NaN;
 * `computeIndicators` hands them only uninterrupted runs of rows.
 */
import { nanArray } from './nan-array.js';
import { closeLocationValue, typicalPrice } from './price-series.js';
import { rollingSum } from './rolling-sum.js';

const FLAT = Math.sqrt(Number.EPSILON);

/** On-balance volume (TTR `OBV`): OBV_1 = V_1; OBV_t = OBV_{t−1} ± V_t by the sign of the log change. */
export function obv(close: Float64Array, volume: Float64Array): Float64Array {
  const out = nanArray(close.length);
  if (close.length === 0) return out;
  let total = volume[0]!;
  out[0] = total;
  let previousLog = Math.log(close[0]!);
  for (let t = 1; t < close.length; t++) {
    const log = Math.log(close[t]!);
    const change = log - previousLog;
    previousLog = log;
    const v = volume[t]!;
    total += Math.abs(change) < FLAT ? 0 : change > 0 ? v : change < 0 ? -v : Number.NaN;
    out[t] = total;
  }
  return out;
}

/** Chaikin accumulation/distribution line: cumulative CLV·V from the first row (TA-Lib `AD`). */
export function accumulationDistribution(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array): Float64Array {
  const out = closeLocationValue(high, low, close);
  let total = 0;
  for (let t = 0; t < out.length; t++) {
    total += out[t]! * volume[t]!;
    out[t] = total;
  }
  return out;
}

/**
 * Chaikin A/D oscillator, exactly as TA-Lib `ADOSC`: EMA_fast(AD) − EMA_slow(AD) where both EMAs start at
 * the first A/D value (not an SMA seed); first value on row max(fast, slow) (1-based).
 */
export function chaikinOscillator(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, fast = 3, slow = 10): Float64Array {
  const ad = accumulationDistribution(high, low, close, volume);
  const out = nanArray(ad.length);
  const kFast = 2 / (fast + 1);
  const kSlow = 2 / (slow + 1);
  const first = Math.max(fast, slow) - 1;
  let emaFast = ad[0]!;
  let emaSlow = ad[0]!;
  for (let t = 1; t < ad.length; t++) {
    emaFast = kFast * ad[t]! + (1 - kFast) * emaFast;
    emaSlow = kSlow * ad[t]! + (1 - kSlow) * emaSlow;
    if (t >= first) out[t] = emaFast - emaSlow;
  }
  return out;
}

/** Chaikin money flow: Σ_n(CLV·V)/Σ_n(V) (TTR `CMF`). */
export function chaikinMoneyFlow(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, n: number): Float64Array {
  const flow = closeLocationValue(high, low, close);
  for (let t = 0; t < flow.length; t++) flow[t] = flow[t]! * volume[t]!;
  const num = rollingSum(flow, n);
  const den = rollingSum(volume, n);
  for (let t = 0; t < num.length; t++) num[t] = den[t] === 0 ? Number.NaN : num[t]! / den[t]!;
  return num;
}

/**
 * Money flow index (TTR `MFI`): MF = TP·V, positive when TP rises, negative when it falls;
 * 100 − 100/(1 + ΣPMF/ΣNMF) over n rows; 100 when ΣNMF = 0, 50 when both sums are 0.
 */
export function mfi(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, n: number): Float64Array {
  const tp = typicalPrice(high, low, close);
  const positive = nanArray(tp.length);
  const negative = nanArray(tp.length);
  for (let t = 1; t < tp.length; t++) {
    const flow = tp[t]! * volume[t]!;
    const up = tp[t]! > tp[t - 1]!;
    const down = tp[t]! < tp[t - 1]!;
    const known = Number.isFinite(flow) && Number.isFinite(tp[t - 1]!);
    positive[t] = known ? (up ? flow : 0) : Number.NaN;
    negative[t] = known ? (down ? flow : 0) : Number.NaN;
  }
  const pos = rollingSum(positive, n);
  const neg = rollingSum(negative, n);
  const out = nanArray(tp.length);
  for (let t = 0; t < tp.length; t++) {
    const p = pos[t]!;
    const q = neg[t]!;
    if (!Number.isFinite(p) || !Number.isFinite(q)) continue;
    out[t] = q === 0 ? (p === 0 ? 50 : 100) : 100 - 100 / (1 + p / q);
  }
  return out;
}
