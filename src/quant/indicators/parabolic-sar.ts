import { nanArray } from './nan-array.js';

/**
 * Wilder's parabolic SAR, step for step as TA-Lib's `SAR` (first value on the second row): the first
 * trend is short when the second bar's −DM is positive, else long; the SAR starts at the first bar's
 * low (long) or high (short) with the second bar's high/low as extreme point; the acceleration factor
 * starts at `acceleration`, grows by it at each new extreme up to `maximum`, and the SAR never enters
 * the previous or current bar's range. A row with a non-finite high or low restarts the indicator.
 */
export function parabolicSar(high: Float64Array, low: Float64Array, acceleration = 0.02, maximum = 0.2): Float64Array {
  const out = nanArray(high.length);
  const step = Math.min(acceleration, maximum);
  let start = 0;
  while (start < high.length) {
    while (start < high.length && !finiteBar(high, low, start)) start++;
    let end = start;
    while (end < high.length && finiteBar(high, low, end)) end++;
    if (end - start >= 2) sarRun(high, low, start, end, step, maximum, out);
    start = end;
  }
  return out;
}

function finiteBar(high: Float64Array, low: Float64Array, t: number): boolean {
  return Number.isFinite(high[t]!) && Number.isFinite(low[t]!);
}

// One uninterrupted run of bars [start, end), end − start >= 2.
function sarRun(high: Float64Array, low: Float64Array, start: number, end: number, step: number, maximum: number, out: Float64Array): void {
  const upMove = high[start + 1]! - high[start]!;
  const downMove = low[start]! - low[start + 1]!;
  let isLong = !(downMove > 0 && upMove < downMove);
  let af = step;
  let ep = isLong ? high[start + 1]! : low[start + 1]!;
  let sar = isLong ? low[start]! : high[start]!;
  let newHigh = high[start + 1]!;
  let newLow = low[start + 1]!;
  for (let t = start + 1; t < end; t++) {
    const prevHigh = newHigh;
    const prevLow = newLow;
    newHigh = high[t]!;
    newLow = low[t]!;
    if (isLong) {
      if (newLow <= sar) {
        isLong = false;
        sar = Math.max(ep, prevHigh, newHigh);
        out[t] = sar;
        af = step;
        ep = newLow;
        sar = Math.max(sar + af * (ep - sar), prevHigh, newHigh);
      } else {
        out[t] = sar;
        if (newHigh > ep) {
          ep = newHigh;
          af = Math.min(af + step, maximum);
        }
        sar = Math.min(sar + af * (ep - sar), prevLow, newLow);
      }
    } else if (newHigh >= sar) {
      isLong = true;
      sar = Math.min(ep, prevLow, newLow);
      out[t] = sar;
      af = step;
      ep = newHigh;
      sar = Math.min(sar + af * (ep - sar), prevLow, newLow);
    } else {
      out[t] = sar;
      if (newLow < ep) {
        ep = newLow;
        af = Math.min(af + step, maximum);
      }
      sar = Math.max(sar + af * (ep - sar), prevHigh, newHigh);
    }
  }
}
