/**
 * Price channels (not in the standard set; kept as raw functions and tested against TTR):
 * 1. `donchian`: highest high, lowest low and their midpoint over n rows, current row included.
 * 2. `keltner`: EMA of the typical price ± k·ATR.
 */
import { ema } from './moving-averages.js';
import { nanArray } from './nan-array.js';
import { typicalPrice } from './price-series.js';
import { rollingMax, rollingMin } from './rolling-extreme.js';
import { atr } from './volatility.js';

/** Upper, middle and lower lines of a channel. */
export interface Channel {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

/**
 * Donchian channel (TTR `DonchianChannel(include.lag = FALSE)`). It includes row t, so a breakout rule
 * must compare against the previous row's channel to avoid look-ahead.
 */
export function donchian(high: Float64Array, low: Float64Array, n: number): Channel {
  const upper = rollingMax(high, n);
  const lower = rollingMin(low, n);
  const middle = nanArray(high.length);
  for (let t = 0; t < high.length; t++) middle[t] = (upper[t]! + lower[t]!) / 2;
  return { upper, middle, lower };
}

/** Keltner channel (TTR `keltnerChannels`): EMA_n(TP) ± k·ATR_n (Wilder). */
export function keltner(high: Float64Array, low: Float64Array, close: Float64Array, n: number, k: number): Channel {
  const middle = ema(typicalPrice(high, low, close), n);
  const range = atr(high, low, close, n);
  const upper = nanArray(close.length);
  const lower = nanArray(close.length);
  for (let t = 0; t < close.length; t++) {
    const width = k * range[t]!;
    upper[t] = middle[t]! + width;
    lower[t] = middle[t]! - width;
  }
  return { upper, middle, lower };
}
