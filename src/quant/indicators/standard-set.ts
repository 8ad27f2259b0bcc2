/**
 * The standard set: 61 output columns in six families (16 trend, 22 momentum, 4 trend strength,
 * 11 volatility, 4 volume, 4 returns), in output order. Each column has its warm-up (lookback), the
 * price inputs its group needs and its output transform; price levels (moving averages, Bollinger
 * bands, SAR) are reported relative to the close. docs/indicators.md documents every column and a
 * test keeps the two in step.
 */
import type { IndicatorColumn, IndicatorFamily, IndicatorGroup, OhlcvSeries, OutputTransform, PriceInput, StandardColumn } from './indicator-group.js';
import { kama } from './kama.js';
import { linregSlope } from './linear-regression.js';
import { apo, balanceOfPower, cmo, macd, momentum, ppo, roc, rsi, trix } from './momentum.js';
import { dema, ema, sma, t3, tema, trima, wma } from './moving-averages.js';
import { parabolicSar } from './parabolic-sar.js';
import { aroon, cci, stochRsi, stochastic, ultimateOscillator, williamsR } from './range-oscillators.js';
import { logReturns } from './returns.js';
import { closeToCloseVolatility, garmanKlassVolatility, parkinsonVolatility } from './historical-volatility.js';
import { directionalMovement } from './trend-strength.js';
import { atr, bollinger, natr, stddev, trueRange } from './volatility.js';
import { accumulationDistribution, chaikinMoneyFlow, chaikinOscillator, mfi, obv } from './volume.js';

const C: readonly PriceInput[] = ['close'];
const HL: readonly PriceInput[] = ['high', 'low'];
const HLC: readonly PriceInput[] = ['high', 'low', 'close'];
const OHLC: readonly PriceInput[] = ['open', 'high', 'low', 'close'];
const HLCV: readonly PriceInput[] = ['high', 'low', 'close', 'volume'];
const CV: readonly PriceInput[] = ['close', 'volume'];

type Compute = (s: OhlcvSeries) => Float64Array;

function single(name: string, family: IndicatorFamily, lookback: number, needs: readonly PriceInput[], compute: Compute, transform: OutputTransform = 'raw'): IndicatorGroup {
  return { needs, columns: [{ name, family, lookback, transform }], compute: (s) => [compute(s)] };
}

function group(needs: readonly PriceInput[], columns: IndicatorColumn[], compute: (s: OhlcvSeries) => Float64Array[]): IndicatorGroup {
  return { needs, columns, compute };
}

const col = (name: string, family: IndicatorFamily, lookback: number, transform: OutputTransform = 'raw'): IndicatorColumn => ({ name, family, lookback, transform });

const level = (name: string, lookback: number, compute: Compute) => single(name, 'trend', lookback, C, compute, 'relative-to-close');

const trend: IndicatorGroup[] = [
  ...[5, 10, 20, 50, 200].map((n) => level(`sma_${n}_rel`, n - 1, (s) => sma(s.close, n))),
  ...[12, 26, 50].map((n) => level(`ema_${n}_rel`, n - 1, (s) => ema(s.close, n))),
  level('wma_20_rel', 19, (s) => wma(s.close, 20)),
  level('dema_20_rel', 38, (s) => dema(s.close, 20)),
  level('tema_20_rel', 57, (s) => tema(s.close, 20)),
  level('kama_30_rel', 30, (s) => kama(s.close, 30)),
  level('trima_20_rel', 19, (s) => trima(s.close, 20)),
  level('t3_5_rel', 24, (s) => t3(s.close, 5, 0.7)),
  single('sar_rel', 'trend', 1, HL, (s) => parabolicSar(s.high, s.low, 0.02, 0.2), 'relative-to-close'),
  single('linreg_slope_14', 'trend', 13, C, (s) => linregSlope(s.close, 14)),
];

const momentumSet: IndicatorGroup[] = [
  single('rsi_14', 'momentum', 14, C, (s) => rsi(s.close, 14)),
  group(C, [col('macd_12_26_9', 'momentum', 25), col('macd_signal_12_26_9', 'momentum', 33), col('macd_hist_12_26_9', 'momentum', 33)], (s) => {
    const m = macd(s.close, 12, 26, 9);
    return [m.line, m.signal, m.histogram];
  }),
  group(HLC, [col('stoch_k_14_3_3', 'momentum', 15), col('stoch_d_14_3_3', 'momentum', 17)], (s) => {
    const st = stochastic(s.high, s.low, s.close, 14, 3, 3);
    return [st.slowK, st.slowD];
  }),
  group(C, [col('stochrsi_k_14_5_3', 'momentum', 18), col('stochrsi_d_14_5_3', 'momentum', 20)], (s) => {
    const st = stochRsi(s.close, 14, 5, 3);
    return [st.k, st.d];
  }),
  single('willr_14', 'momentum', 13, HLC, (s) => williamsR(s.high, s.low, s.close, 14)),
  single('cci_20', 'momentum', 19, HLC, (s) => cci(s.high, s.low, s.close, 20)),
  single('roc_10', 'momentum', 10, C, (s) => roc(s.close, 10)),
  single('mom_10', 'momentum', 10, C, (s) => momentum(s.close, 10)),
  single('cmo_14', 'momentum', 14, C, (s) => cmo(s.close, 14)),
  single('ppo_12_26', 'momentum', 25, C, (s) => ppo(s.close, 12, 26)),
  single('apo_12_26', 'momentum', 25, C, (s) => apo(s.close, 12, 26)),
  single('trix_30', 'momentum', 88, C, (s) => trix(s.close, 30)),
  single('ultosc_7_14_28', 'momentum', 28, HLC, (s) => ultimateOscillator(s.high, s.low, s.close, 7, 14, 28)),
  single('bop', 'momentum', 0, OHLC, (s) => balanceOfPower(s.open, s.high, s.low, s.close)),
  group(HL, [col('aroon_up_25', 'momentum', 24), col('aroon_down_25', 'momentum', 24), col('aroon_osc_25', 'momentum', 24)], (s) => {
    const a = aroon(s.high, s.low, 25);
    return [a.up, a.down, a.oscillator];
  }),
  single('mfi_14', 'momentum', 14, HLCV, (s) => mfi(s.high, s.low, s.close, s.volume, 14)),
];

const trendStrength: IndicatorGroup[] = [
  group(HLC, [col('adx_14', 'trend-strength', 27), col('adxr_14', 'trend-strength', 40), col('plus_di_14', 'trend-strength', 14), col('minus_di_14', 'trend-strength', 14)], (s) => {
    const dm = directionalMovement(s.high, s.low, s.close, 14);
    return [dm.adx, dm.adxr, dm.plusDi, dm.minusDi];
  }),
];

const volatilitySet: IndicatorGroup[] = [
  single('atr_14', 'volatility', 14, HLC, (s) => atr(s.high, s.low, s.close, 14)),
  single('natr_14', 'volatility', 14, HLC, (s) => natr(s.high, s.low, s.close, 14)),
  single('trange', 'volatility', 1, HLC, (s) => trueRange(s.high, s.low, s.close)),
  group(
    C,
    [col('bb_upper_20_2_rel', 'volatility', 19, 'relative-to-close'), col('bb_middle_20_2_rel', 'volatility', 19, 'relative-to-close'), col('bb_lower_20_2_rel', 'volatility', 19, 'relative-to-close'), col('bb_pctb_20_2', 'volatility', 19)],
    (s) => {
      const b = bollinger(s.close, 20, 2);
      return [b.upper, b.middle, b.lower, b.percentB];
    },
  ),
  single('stddev_20', 'volatility', 19, C, (s) => stddev(s.close, 20)),
  single('vol_close_20', 'volatility', 19, C, (s) => closeToCloseVolatility(s.close, 20, 252)),
  single('vol_parkinson_20', 'volatility', 19, HL, (s) => parkinsonVolatility(s.high, s.low, 20, 252)),
  single('vol_garman_klass_20', 'volatility', 19, OHLC, (s) => garmanKlassVolatility(s.open, s.high, s.low, s.close, 20, 252)),
];

const volumeSet: IndicatorGroup[] = [
  single('obv', 'volume', 0, CV, (s) => obv(s.close, s.volume)),
  single('ad', 'volume', 0, HLCV, (s) => accumulationDistribution(s.high, s.low, s.close, s.volume)),
  single('adosc_3_10', 'volume', 9, HLCV, (s) => chaikinOscillator(s.high, s.low, s.close, s.volume, 3, 10)),
  single('cmf_20', 'volume', 19, HLCV, (s) => chaikinMoneyFlow(s.high, s.low, s.close, s.volume, 20)),
];

const LAGS = [1, 5, 10, 20];
const returnsSet: IndicatorGroup[] = [
  group(
    C,
    LAGS.map((lag) => col(`logret_${lag}`, 'returns', lag)),
    (s) => logReturns(s.close, LAGS),
  ),
];

/** The groups in output order: trend, momentum, trend strength, volatility, volume, returns. */
export const STANDARD_GROUPS: readonly IndicatorGroup[] = [...trend, ...momentumSet, ...trendStrength, ...volatilitySet, ...volumeSet, ...returnsSet];

/** The 61 columns in output order, each with the inputs it needs. */
export const STANDARD_COLUMNS: readonly StandardColumn[] = STANDARD_GROUPS.flatMap((g) => g.columns.map((column) => ({ ...column, needs: g.needs })));
