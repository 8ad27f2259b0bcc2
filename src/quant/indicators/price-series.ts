/**
 * Per-row price transforms that several indicators share:
 * 1. `typicalPrice`: (H + L + C) / 3 (CCI, MFI, Keltner).
 * 2. `closeLocationValue`: where the close sits in the bar's range, −1..1 (CMF, A/D).
 */
import { nanArray } from './nan-array.js';

export function typicalPrice(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const out = nanArray(close.length);
  for (let t = 0; t < close.length; t++) out[t] = (high[t]! + low[t]! + close[t]!) / 3;
  return out;
}

/** ((C − L) − (H − C)) / (H − L), 0 when H = L (TTR `CLV`). */
export function closeLocationValue(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const out = nanArray(close.length);
  for (let t = 0; t < close.length; t++) {
    const h = high[t]!;
    const l = low[t]!;
    const c = close[t]!;
    const range = h - l;
    out[t] = range === 0 ? 0 : (c - l - (h - c)) / range;
  }
  return out;
}
