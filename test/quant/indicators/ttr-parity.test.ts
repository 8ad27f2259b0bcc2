/**
 * Parity with R's TTR 0.24.3 on 249 MSFT rows: every one of the 50 reference columns, relative
 * difference <= 1e-9 from the first valid row, NaN exactly where the reference is NA.
 * TTR's scale conventions are converted explicitly where ours differ (stochastics and %R on 0..1,
 * discrete ROC as a fraction, TRIX's signal bug); see /work/shared/data/reference/README.md.
 */
import { describe, expect, it } from 'vitest';
import { donchian, keltner } from '../../../src/quant/indicators/channels.js';
import {
  closeToCloseVolatility,
  garmanKlassVolatility,
  parkinsonVolatility,
  rogersSatchellVolatility,
  yangZhangVolatility,
} from '../../../src/quant/indicators/historical-volatility.js';
import { macd, momentum, roc, rsi, trix } from '../../../src/quant/indicators/momentum.js';
import { dema, ema, sma, wma } from '../../../src/quant/indicators/moving-averages.js';
import { aroon, cci, stochastic, ultimateOscillator, williamsR } from '../../../src/quant/indicators/range-oscillators.js';
import { logReturn } from '../../../src/quant/indicators/returns.js';
import { directionalMovement } from '../../../src/quant/indicators/trend-strength.js';
import { atr, bollinger, chaikinVolatility, trueRange } from '../../../src/quant/indicators/volatility.js';
import { chaikinMoneyFlow, mfi, obv } from '../../../src/quant/indicators/volume.js';
import { firstValidRow, msft, reference } from './msft-fixture.js';

const TOLERANCE = 1e-9;
const { open, high, low, close, volume } = msft;

const scaled = (factor: number) => (v: number) => factor * v;

function relativeDifference(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

/** Our values against a reference column (optionally converted to our scale). */
function expectParity(column: string, ours: Float64Array, convert: (v: number) => number = (v) => v): void {
  const expected = reference.get(column);
  expect(expected, column).toBeDefined();
  const first = firstValidRow.get(column)!;
  expect(ours.length, column).toBe(expected!.length);
  let worst = 0;
  for (let row = 0; row < expected!.length; row++) {
    const want = expected![row]!;
    const got = ours[row]!;
    if (Number.isNaN(want)) {
      expect(got, `${column} row ${row + 1} should be NaN (warm-up)`).toBeNaN();
      continue;
    }
    expect(row + 1, `${column}: reference starts on row ${first}`).toBeGreaterThanOrEqual(first);
    const diff = relativeDifference(got, convert(want));
    worst = Math.max(worst, diff);
    expect(diff, `${column} row ${row + 1}: ours ${got}, TTR ${convert(want)}`).toBeLessThanOrEqual(TOLERANCE);
  }
  expect(Number.isNaN(ours[first - 1]!), `${column} first value on row ${first}`).toBe(false);
  expect(worst).toBeLessThanOrEqual(TOLERANCE);
}

const trix20 = trix(close, 20);

/** Reference column -> how we compute it (and the conversion of TTR's value to our scale). */
const cases: [string, () => Float64Array, ((v: number) => number)?][] = [
  ['sma20', () => sma(close, 20)],
  ['ema20', () => ema(close, 20)],
  ['wma20', () => wma(close, 20)],
  ['dema20', () => dema(close, 20)],
  ['rsi14', () => rsi(close, 14)],
  ['macd', () => macd(close, 12, 26, 9).line],
  ['macd_signal', () => macd(close, 12, 26, 9).signal],
  ['macd_pct', () => macd(close, 12, 26, 9, 'percent').line],
  ['macd_pct_signal', () => macd(close, 12, 26, 9, 'percent').signal],
  ['bb20_dn', () => bollinger(close, 20, 2).lower],
  ['bb20_mavg', () => bollinger(close, 20, 2).middle],
  ['bb20_up', () => bollinger(close, 20, 2).upper],
  ['bb20_pctB', () => bollinger(close, 20, 2).percentB],
  ['tr', () => trueRange(high, low, close)],
  ['atr14', () => atr(high, low, close, 14)],
  ['adx14_DIp', () => directionalMovement(high, low, close, 14).plusDi],
  ['adx14_DIn', () => directionalMovement(high, low, close, 14).minusDi],
  ['adx14_DX', () => directionalMovement(high, low, close, 14).dx],
  ['adx14', () => directionalMovement(high, low, close, 14).adx],
  // TTR's stoch() is on 0..1; its fastD is the slow %K.
  ['stoch_fastK', () => stochastic(high, low, close, 14, 3, 3).fastK, scaled(100)],
  ['stoch_fastD', () => stochastic(high, low, close, 14, 3, 3).slowK, scaled(100)],
  ['stoch_slowD', () => stochastic(high, low, close, 14, 3, 3).slowD, scaled(100)],
  // TTR's WPR is (HH − C)/(HH − LL) on 0..1; conventional %R is −100 times that.
  ['wpr14_ttr', () => williamsR(high, low, close, 14), scaled(-100)],
  ['williams_r14', () => williamsR(high, low, close, 14)],
  ['cci20', () => cci(high, low, close, 20)],
  // TTR's discrete ROC is a fraction; ours is in percent.
  ['roc10_discrete', () => roc(close, 10), scaled(100)],
  ['roc10_continuous', () => logReturn(close, 10)],
  ['mom10', () => momentum(close, 10)],
  ['obv', () => obv(close, volume)],
  ['mfi14', () => mfi(high, low, close, volume, 14)],
  ['cmf20', () => chaikinMoneyFlow(high, low, close, volume, 20)],
  ['aroon25_up', () => aroon(high, low, 25).up],
  ['aroon25_dn', () => aroon(high, low, 25).down],
  ['aroon25_osc', () => aroon(high, low, 25).oscillator],
  ['trix20', () => trix20],
  // TTR 0.24.3 ignores nSig and smooths TRIX with n = 20; the conventional signal is EMA9.
  ['trix20_signal_ttr', () => ema(trix20, 20)],
  ['trix20_signal9', () => ema(trix20, 9)],
  ['ultosc', () => ultimateOscillator(high, low, close, 7, 14, 28)],
  ['donchian20_high', () => donchian(high, low, 20).upper],
  ['donchian20_mid', () => donchian(high, low, 20).middle],
  ['donchian20_low', () => donchian(high, low, 20).lower],
  ['keltner20_dn', () => keltner(high, low, close, 20, 2).lower],
  ['keltner20_mavg', () => keltner(high, low, close, 20, 2).middle],
  ['keltner20_up', () => keltner(high, low, close, 20, 2).upper],
  ['chaikinvol10', () => chaikinVolatility(high, low, 10)],
  ['vol_close20', () => closeToCloseVolatility(close, 20, 252)],
  ['vol_parkinson20', () => parkinsonVolatility(high, low, 20, 252)],
  ['vol_garmanklass20', () => garmanKlassVolatility(open, high, low, close, 20, 252)],
  ['vol_rogerssatchell20', () => rogersSatchellVolatility(open, high, low, close, 20, 252)],
  ['vol_yangzhang20', () => yangZhangVolatility(open, high, low, close, 20, 252)],
];

describe('TTR 0.24.3 parity on MSFT 2000-2001 (relative 1e-9, same NaN pattern)', () => {
  it('reads the same inputs as the OHLCV fixture', () => {
    for (const name of ['open', 'high', 'low', 'close', 'volume'] as const) {
      expect(Array.from(reference.get(name)!), name).toEqual(Array.from(msft[name]));
    }
  });

  it('covers every indicator column of the reference file', () => {
    const indicatorColumns = [...reference.keys()].filter((name) => !['date', 'open', 'high', 'low', 'close', 'volume'].includes(name));
    expect(indicatorColumns).toHaveLength(50);
    expect(cases.map(([name]) => name).sort()).toEqual(indicatorColumns.sort());
  });

  it.each(cases)('matches %s', (column, compute, convert) => {
    expectParity(column, compute(), convert);
  });
});
