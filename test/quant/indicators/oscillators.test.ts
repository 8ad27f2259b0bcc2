/** Oscillators and trend-strength lines not in the TTR reference, against hand-worked values. */
import { describe, it } from 'vitest';
import { apo, balanceOfPower, cmo, ppo } from '../../../src/quant/indicators/momentum.js';
import { aroon, stochRsi, stochastic, williamsR } from '../../../src/quant/indicators/range-oscillators.js';
import { adxr } from '../../../src/quant/indicators/trend-strength.js';
import { natr } from '../../../src/quant/indicators/volatility.js';
import { expectValues, series } from './hand-values.js';

describe('momentum oscillators', () => {
  it('computes CMO from plain sums of up and down moves (TTR CMO)', () => {
    // moves +1, −0.5, +1.5, −1; n = 3: (2.5 − 0.5)/(2.5 + 0.5) and (1.5 − 1.5)/3
    expectValues(cmo(series([10, 11, 10.5, 12, 11]), 3), [null, null, null, (100 * 2) / 3, 0]);
  });

  it('computes APO and PPO from SMAs (TA-Lib default MA type)', () => {
    const x = series([10, 12, 11, 14]);
    // SMA2: 11, 11.5, 12.5; SMA3: 11, 37/3
    expectValues(apo(x, 2, 3), [null, null, 0.5, 12.5 - 37 / 3]);
    expectValues(ppo(x, 2, 3), [null, null, (100 * 0.5) / 11, 50 / 37]);
  });

  it('computes balance of power, 0 for a bar without range', () => {
    const bop = balanceOfPower(series([10, 10, 11]), series([12, 10, 12]), series([9, 10, 8]), series([11, 10, 9]));
    expectValues(bop, [1 / 3, 0, -0.5]);
  });

  it('computes stochastic RSI (RSI 2, %K over 3, %D over 2)', () => {
    // Wilder RSI(2) of 10, 11, 10.5, 12, 11, 11.5, 13, 12 = −, −, 200/3, 800/9, 800/17, 64, 6400/73, 6400/137
    const { k, d } = stochRsi(series([10, 11, 10.5, 12, 11, 11.5, 13, 12]), 2, 3, 2);
    expectValues(k, [null, null, null, null, 0, 40.5, 100, 0]);
    expectValues(d, [null, null, null, null, null, 81 / 4, 281 / 4, 50]);
  });
});

describe('range oscillators', () => {
  it('gives NaN stochastics and −50 Williams %R when the range is flat (TTR)', () => {
    const flat = series([5, 5, 5, 5]);
    expectValues(stochastic(flat, flat, flat, 2, 2, 2).fastK, [null, null, null, null]);
    expectValues(williamsR(flat, flat, flat, 2), [null, -50, -50, -50]);
  });

  it('counts Aroon bars since the most recent extreme over n + 1 rows', () => {
    // n = 2: the first value (row 1) uses the 2 rows there are, then 3 rows.
    const { up, down, oscillator } = aroon(series([1, 3, 3, 2, 1]), series([1, 2, 0.5, 0.5, 1]), 2);
    expectValues(up, [null, 100, 100, 50, 0]);
    expectValues(down, [null, 50, 100, 100, 50]);
    expectValues(oscillator, [null, 50, 0, -50, -50]);
  });
});

describe('trend strength and normalized range', () => {
  it('averages ADX with its value n − 1 rows earlier (ADXR)', () => {
    expectValues(adxr(series([null, null, 20, 30, 40, 50]), 3), [null, null, null, null, 30, 40]);
  });

  it('expresses ATR in percent of the close (NATR)', () => {
    // TR: −, 2, 2.5, 1.5; ATR(2): seed 2.25, then (1.5 + 2.25)/2 = 1.875
    const value = natr(series([10, 11, 12, 11.5]), series([8, 9, 9.5, 10]), series([9, 10, 11, 10.5]), 2);
    expectValues(value, [null, null, 225 / 11, 125 / 7]);
  });
});
