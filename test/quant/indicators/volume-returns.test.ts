/** Volume indicators and returns not in the TTR reference, against hand-worked values. */
import { describe, it } from 'vitest';
import { logReturns } from '../../../src/quant/indicators/returns.js';
import { stddev } from '../../../src/quant/indicators/volatility.js';
import { accumulationDistribution, chaikinOscillator } from '../../../src/quant/indicators/volume.js';
import { expectValues, series } from './hand-values.js';

// CLV·V per bar: 0·100, 0.5·200, −1·100, 1·300, and 0 for the bar without range.
const high = series([10, 11, 12, 12, 12]);
const low = series([8, 9, 10, 11, 12]);
const close = series([9, 10.5, 10, 12, 12]);
const volume = series([100, 200, 100, 300, 50]);

describe('Chaikin accumulation/distribution', () => {
  it('accumulates CLV·V from the first row', () => {
    expectValues(accumulationDistribution(high, low, close, volume), [0, 100, 0, 300, 300]);
  });

  it('takes EMA_fast − EMA_slow of the A/D line, both seeded with its first value (TA-Lib ADOSC)', () => {
    // fast 2 (α 2/3), slow 3 (α 1/2): F = 0, 200/3, 200/9, 5600/27, 21800/81; S = 0, 50, 25, 162.5, 231.25
    expectValues(chaikinOscillator(high, low, close, volume, 2, 3), [null, null, 200 / 9 - 25, 5600 / 27 - 162.5, 21800 / 81 - 231.25]);
  });
});

describe('returns and dispersion', () => {
  it('computes log returns at several lags', () => {
    const [lag1, lag2] = logReturns(series([100, 110, 99, 121]), [1, 2]);
    expectValues(lag1!, [null, Math.log(1.1), Math.log(0.9), Math.log(121 / 99)]);
    expectValues(lag2!, [null, null, Math.log(0.99), Math.log(1.1)]);
  });

  it('uses the population standard deviation', () => {
    expectValues(stddev(series([2, 4, 6, 8]), 3), [null, null, Math.sqrt(8 / 3), Math.sqrt(8 / 3)]);
  });
});
