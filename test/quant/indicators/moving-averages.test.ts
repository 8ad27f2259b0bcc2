/** Moving averages, SAR and slopes against values worked out by hand from their definitions. */
import { describe, expect, it } from 'vitest';
import { kama } from '../../../src/quant/indicators/kama.js';
import { linregSlope } from '../../../src/quant/indicators/linear-regression.js';
import { ema, sma, t3, tema, trima, wma } from '../../../src/quant/indicators/moving-averages.js';
import { parabolicSar } from '../../../src/quant/indicators/parabolic-sar.js';
import { rollingMax, rollingMin } from '../../../src/quant/indicators/rolling-extreme.js';
import { rollingSum, rollingVariance } from '../../../src/quant/indicators/rolling-sum.js';
import { expectValues, series } from './hand-values.js';

describe('window sums and extremes', () => {
  it('sums n values and restarts n finite values after a gap', () => {
    expectValues(rollingSum(series([1, 2, null, 3, 4, 5]), 2), [null, 3, null, null, 7, 9]);
  });

  it('skips leading NaNs, so derived series compose', () => {
    expectValues(rollingSum(series([null, null, 1, 2, 4]), 2), [null, null, null, 3, 6]);
  });

  it('keeps the rolling variance exact for a window of equal values', () => {
    expectValues(rollingVariance(series([2, 4, 6, 8, 8, 8, 8]), 3, 0), [null, null, 8 / 3, 8 / 3, 8 / 9, 0, 0]);
    expectValues(rollingVariance(series([2, 4, 6, 8]), 3, 1), [null, null, 4, 4]);
  });

  it('tracks rolling highs and lows with the deque', () => {
    const x = series([5, 1, 4, 2, 3, 9, 0]);
    expectValues(rollingMax(x, 3), [null, null, 5, 4, 4, 9, 9]);
    expectValues(rollingMin(x, 3), [null, null, 1, 1, 2, 2, 0]);
  });
});

describe('moving averages', () => {
  it('computes SMA, WMA and an SMA-seeded EMA', () => {
    const x = series([1, 2, 3, 4, 5]);
    expectValues(sma(x, 2), [null, 1.5, 2.5, 3.5, 4.5]);
    // weights 1, 2, 3 over 6: (1 + 4 + 9)/6, (2 + 6 + 12)/6, (3 + 8 + 15)/6
    expectValues(wma(x, 3), [null, null, 14 / 6, 20 / 6, 26 / 6]);
    // alpha = 2/(3+1) = 1/2, seed mean(1, 2, 3) = 2: then 4/2 + 2/2 = 3, 5/2 + 3/2 = 4
    expectValues(ema(x, 3), [null, null, 2, 3, 4]);
  });

  it('seeds an EMA on the first n finite values and carries it over a NaN', () => {
    // seed (1 + 3)/2 = 2; then 5·2/3 + 2/3 = 4; row 4 is NaN and row 5 continues from 4: 7·2/3 + 4/3 = 6
    expectValues(ema(series([1, null, 3, 5, null, 7]), 2), [null, null, 2, 4, null, 6]);
  });

  it('computes TEMA from three cascaded EMAs', () => {
    // n = 2 (alpha 2/3) on 1, 2, 4, 8, 16: E1 = 3/2, 19/6, 115/18, 691/54; E2 = 7/3, 136/27, 827/81;
    // E3 = 199/54, 3905/486. TEMA = 3·E1 − 3·E2 + E3 = 209/27 and 3838/243.
    expectValues(tema(series([1, 2, 4, 8, 16]), 2), [null, null, null, 209 / 27, 3838 / 243]);
  });

  it('weights a triangular MA 1, 2, 2, 1 (n = 4) and 1, 2, 3, 2, 1 (n = 5)', () => {
    const x = series([2, 4, 8, 6, 10, 12]);
    expectValues(trima(x, 4), [null, null, null, (2 + 8 + 16 + 6) / 6, (4 + 16 + 12 + 10) / 6, (8 + 12 + 20 + 12) / 6]);
    expectValues(trima(x, 5), [null, null, null, null, (2 + 8 + 24 + 12 + 10) / 9, (4 + 16 + 18 + 20 + 12) / 9]);
  });

  it('combines six EMAs into T3 with volume factor 0.7', () => {
    // n = 2 on 10, 12, 11, 13, 15, 14, 16, 18, 17, with exact fractions:
    // c1 = −0.343, c2 = 2.499, c3 = −6.069, c4 = 4.913 applied to E6, E5, E4, E3.
    const x = series([10, 12, 11, 13, 15, 14, 16, 18, 17]);
    expectValues(t3(x, 2, 0.7), [null, null, null, null, null, null, 12581338 / 820125, 41856436 / 2460375, 127820191 / 7381125]);
  });

  it('adapts KAMA to the efficiency ratio like TA-Lib', () => {
    // n = 3 on 10, 11, 10, 12, 13, 15. Row 3: path |1|+|−1|+|2| = 4, change 2, ER 1/2,
    // sc = (ER·(2/3 − 2/31) + 2/31)² = (34/93)², KAMA = 10 + sc·(12 − 10) from the previous close 10.
    // Row 4: path 4, change 2, same sc. Row 5: path 5 = change 5, so ER = 1 and sc = 4/9.
    const sc = (34 / 93) ** 2;
    const k3 = 10 + sc * 2;
    const k4 = k3 + sc * (13 - k3);
    const k5 = k4 + (4 / 9) * (15 - k4);
    expectValues(kama(series([10, 11, 10, 12, 13, 15]), 3), [null, null, null, k3, k4, k5]);
    expect(k3).toBeCloseTo(88802 / 8649, 12);
  });
});

describe('linear regression slope', () => {
  it('is the least-squares slope against time over the window', () => {
    // (1, 4, 2): Σ(t − 2)(y − 7/3)/Σ(t − 2)² = (4/3 − 1/3)/2 = 1/2; (4, 2, 8): (2/3 + 10/3)/2 = 2
    expectValues(linregSlope(series([1, 4, 2, 8]), 3), [null, null, 0.5, 2]);
  });
});

describe('parabolic SAR (TA-Lib rules)', () => {
  it('starts long, reverses short on a low through the SAR, then long again', () => {
    const high = series([10, 11, 12, 12.5, 11, 10, 12.3, 13]);
    const low = series([9, 10, 11, 9, 8, 7.5, 9, 11]);
    // row 1: SAR = first low 9, EP 11 → 9 + 0.02·2 = 9.04; row 2: new high 12, AF 0.04 → 9.1584;
    // row 3: low 9 ≤ 9.1584 → short at EP 12, lifted to the bar's high 12.5 (and held there by it);
    // row 6: high 12.3 ≥ 12.2 → long at EP 7.5.
    expectValues(parabolicSar(high, low), [null, 9, 9.04, 12.5, 12.5, 12.5, 7.5, 7.5]);
  });

  it('starts short when the second bar has a larger down move', () => {
    const high = series([10, 9.5, 9, 9.2]);
    const low = series([9, 8, 7, 7.5]);
    // SAR = first high 10, EP 8: 10 − 0.02·2 = 9.96; new low 7: AF 0.04 → 9.96 − 0.04·2.96 = 9.8416
    expectValues(parabolicSar(high, low), [null, 10, 9.96, 9.8416]);
  });

  it('caps the acceleration factor at the maximum', () => {
    const high = series([10, 11, 12, 13, 14, 15]);
    const low = series([9, 10, 11, 12, 13, 14]);
    // AF 0.1 → 0.2 → capped at 0.2: 9, 9.2, 9.2 + 0.2·2.8 = 9.76, 9.76 + 0.2·3.24 = 10.408, 10.408 + 0.2·3.592
    expectValues(parabolicSar(high, low, 0.1, 0.2), [null, 9, 9.2, 9.76, 10.408, 11.1264]);
  });
});
