/** The standard set as a whole: names, warm-ups, transforms, skipping, constant and gapped input. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeIndicators } from '../../../src/quant/indicators/compute-indicators.js';
import type { OhlcvSeries } from '../../../src/quant/indicators/indicator-group.js';
import { macd, rsi } from '../../../src/quant/indicators/momentum.js';
import { kama } from '../../../src/quant/indicators/kama.js';
import { sma } from '../../../src/quant/indicators/moving-averages.js';
import { parabolicSar } from '../../../src/quant/indicators/parabolic-sar.js';
import { STANDARD_COLUMNS, STANDARD_GROUPS } from '../../../src/quant/indicators/standard-set.js';
import { bollinger } from '../../../src/quant/indicators/volatility.js';
import { msft } from './msft-fixture.js';

const ALL = { open: true, high: true, low: true, volume: true };
const CLOSE_ONLY = { open: false, high: false, low: false, volume: false };

const NAMES = [
  'sma_5_rel', 'sma_10_rel', 'sma_20_rel', 'sma_50_rel', 'sma_200_rel', 'ema_12_rel', 'ema_26_rel', 'ema_50_rel',
  'wma_20_rel', 'dema_20_rel', 'tema_20_rel', 'kama_30_rel', 'trima_20_rel', 't3_5_rel', 'sar_rel', 'linreg_slope_14',
  'rsi_14', 'macd_12_26_9', 'macd_signal_12_26_9', 'macd_hist_12_26_9', 'stoch_k_14_3_3', 'stoch_d_14_3_3',
  'stochrsi_k_14_5_3', 'stochrsi_d_14_5_3', 'willr_14', 'cci_20', 'roc_10', 'mom_10', 'cmo_14', 'ppo_12_26',
  'apo_12_26', 'trix_30', 'ultosc_7_14_28', 'bop', 'aroon_up_25', 'aroon_down_25', 'aroon_osc_25', 'mfi_14',
  'adx_14', 'adxr_14', 'plus_di_14', 'minus_di_14',
  'atr_14', 'natr_14', 'trange', 'bb_upper_20_2_rel', 'bb_middle_20_2_rel', 'bb_lower_20_2_rel', 'bb_pctb_20_2',
  'stddev_20', 'vol_close_20', 'vol_parkinson_20', 'vol_garman_klass_20',
  'obv', 'ad', 'adosc_3_10', 'cmf_20',
  'logret_1', 'logret_5', 'logret_10', 'logret_20',
];

const HL = 'needs high and low';
const SKIPPED_WITHOUT_OHLV = [
  ['sar_rel', HL], ['stoch_k_14_3_3', HL], ['stoch_d_14_3_3', HL], ['willr_14', HL], ['cci_20', HL],
  ['ultosc_7_14_28', HL], ['bop', 'needs open, high and low'], ['aroon_up_25', HL], ['aroon_down_25', HL],
  ['aroon_osc_25', HL], ['mfi_14', 'needs high, low and volume'], ['adx_14', HL], ['adxr_14', HL],
  ['plus_di_14', HL], ['minus_di_14', HL], ['atr_14', HL], ['natr_14', HL], ['trange', HL],
  ['vol_parkinson_20', HL], ['vol_garman_klass_20', 'needs open, high and low'], ['obv', 'needs volume'],
  ['ad', 'needs high, low and volume'], ['adosc_3_10', 'needs high, low and volume'], ['cmf_20', 'needs high, low and volume'],
].map(([name, reason]) => ({ name, reason }));

function constantSeries(length: number): OhlcvSeries {
  const price = new Float64Array(length).fill(10);
  return { open: price, high: price, low: price, close: price, volume: new Float64Array(length).fill(1000) };
}

function slice(s: OhlcvSeries, start: number, end: number): OhlcvSeries {
  return { open: s.open.slice(start, end), high: s.high.slice(start, end), low: s.low.slice(start, end), close: s.close.slice(start, end), volume: s.volume.slice(start, end) };
}

function expectIdentical(actual: Float64Array, expected: Float64Array, label: string): void {
  expect(actual.length, label).toBe(expected.length);
  for (let t = 0; t < expected.length; t++) {
    if (!Object.is(actual[t], expected[t])) expect(actual[t], `${label} row ${t}`).toBe(expected[t]);
  }
}

describe('the standard set', () => {
  it('has exactly the 61 documented snake_case columns, in order', () => {
    expect(STANDARD_COLUMNS.map((c) => c.name)).toEqual(NAMES);
    expect(new Set(NAMES).size).toBe(61);
    for (const name of NAMES) expect(name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it('returns exactly 61 columns for full OHLCV input, none skipped', () => {
    const result = computeIndicators(msft, { has: ALL });
    expect([...result.columns.keys()]).toEqual(NAMES);
    expect(result.skipped).toEqual([]);
    for (const values of result.columns.values()) expect(values).toHaveLength(msft.close.length);
  });

  it('starts every column on its documented row and keeps it finite afterwards on MSFT', () => {
    const result = computeIndicators(msft, { has: ALL });
    for (const column of STANDARD_COLUMNS) {
      const values = result.columns.get(column.name)!;
      const first = values.findIndex((v) => !Number.isNaN(v));
      expect(first, column.name).toBe(column.lookback);
      expect(values.subarray(first).every(Number.isFinite), column.name).toBe(true);
    }
  });

  it('reports price levels as value / close − 1 and everything else raw, bit for bit', () => {
    const result = computeIndicators(msft, { has: ALL });
    const rel = (raw: Float64Array) => raw.map((v, t) => v / msft.close[t]! - 1);
    const b = bollinger(msft.close, 20, 2);
    const m = macd(msft.close, 12, 26, 9);
    expectIdentical(result.columns.get('sma_20_rel')!, rel(sma(msft.close, 20)), 'sma_20_rel');
    expectIdentical(result.columns.get('kama_30_rel')!, rel(kama(msft.close, 30)), 'kama_30_rel');
    expectIdentical(result.columns.get('sar_rel')!, rel(parabolicSar(msft.high, msft.low)), 'sar_rel');
    expectIdentical(result.columns.get('bb_upper_20_2_rel')!, rel(b.upper), 'bb_upper_20_2_rel');
    expectIdentical(result.columns.get('bb_middle_20_2_rel')!, result.columns.get('sma_20_rel')!, 'bb_middle_20_2_rel');
    expectIdentical(result.columns.get('bb_lower_20_2_rel')!, rel(b.lower), 'bb_lower_20_2_rel');
    expectIdentical(result.columns.get('bb_pctb_20_2')!, b.percentB, 'bb_pctb_20_2');
    expectIdentical(result.columns.get('rsi_14')!, rsi(msft.close, 14), 'rsi_14');
    expectIdentical(result.columns.get('macd_hist_12_26_9')!, m.line.map((v, t) => v - m.signal[t]!), 'macd_hist_12_26_9');
    for (const group of STANDARD_GROUPS) {
      const raw = group.compute(msft);
      group.columns.forEach((column, k) => {
        const expected = column.transform === 'relative-to-close' ? rel(raw[k]!) : raw[k]!;
        expectIdentical(result.columns.get(column.name)!, expected, column.name);
      });
    }
  });

  it('computes only the 37 close-only columns from close-only data and says why it skipped the rest', () => {
    const nan = new Float64Array(msft.close.length).fill(Number.NaN);
    const result = computeIndicators({ open: nan, high: nan, low: nan, close: msft.close, volume: nan }, { has: CLOSE_ONLY });
    expect(result.skipped).toEqual(SKIPPED_WITHOUT_OHLV);
    const skippedNames = new Set(SKIPPED_WITHOUT_OHLV.map((s) => s.name));
    expect([...result.columns.keys()]).toEqual(NAMES.filter((name) => !skippedNames.has(name)));
    expect(result.columns.size).toBe(37);
    const full = computeIndicators(msft, { has: ALL });
    for (const [name, values] of result.columns) expectIdentical(values, full.columns.get(name)!, name);
  });

  it('skips by the inputs actually missing (high and low present, no open or volume)', () => {
    const result = computeIndicators(msft, { has: { open: false, high: true, low: true, volume: false } });
    expect(result.skipped).toEqual([
      { name: 'bop', reason: 'needs open' },
      { name: 'mfi_14', reason: 'needs volume' },
      { name: 'vol_garman_klass_20', reason: 'needs open' },
      { name: 'obv', reason: 'needs volume' },
      { name: 'ad', reason: 'needs volume' },
      { name: 'adosc_3_10', reason: 'needs volume' },
      { name: 'cmf_20', reason: 'needs volume' },
    ]);
    expect(result.columns.size).toBe(54);
  });

  it('computes a requested subset, in standard order, and rejects unknown names with a near match', () => {
    const result = computeIndicators(msft, { has: CLOSE_ONLY, columns: ['rsi_14', 'atr_14', 'sma_5_rel'] });
    expect([...result.columns.keys()]).toEqual(['sma_5_rel', 'rsi_14']);
    expect(result.skipped).toEqual([{ name: 'atr_14', reason: HL }]);
    expect(() => computeIndicators(msft, { has: ALL, columns: ['rsi_41'] })).toThrow(/unknown indicator column 'rsi_41' \(did you mean 'rsi_14'\?\)/);
  });

  it('warms up again after a missing close instead of computing across the gap', () => {
    const gap = 120;
    const gapped = slice(msft, 0, msft.close.length);
    gapped.close[gap] = Number.NaN;
    const result = computeIndicators(gapped, { has: ALL });
    const before = computeIndicators(slice(msft, 0, gap), { has: ALL });
    const after = computeIndicators(slice(msft, gap + 1, msft.close.length), { has: ALL });
    const whole = computeIndicators(msft, { has: ALL });
    for (const column of STANDARD_COLUMNS) {
      const values = result.columns.get(column.name)!;
      if (!column.needs.includes('close')) {
        // High/low-only groups (SAR, Aroon, Parkinson) are untouched by a missing close; a level
        // relative to the close is NaN on that row only.
        const expected = whole.columns.get(column.name)!.slice();
        if (column.transform === 'relative-to-close') expected[gap] = Number.NaN;
        expectIdentical(values, expected, column.name);
        continue;
      }
      expect(values[gap], column.name).toBeNaN();
      expectIdentical(values.slice(0, gap), before.columns.get(column.name)!, `${column.name} before the gap`);
      expectIdentical(values.slice(gap + 1), after.columns.get(column.name)!, `${column.name} after the gap`);
    }
  });
});

describe('a constant price series', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives finite values or NaN, never ±Infinity, and prints nothing', () => {
    const spies = [
      ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) => vi.spyOn(console, method)),
      vi.spyOn(process.stdout, 'write'),
      vi.spyOn(process.stderr, 'write'),
      vi.spyOn(process, 'emitWarning'),
    ];
    const result = computeIndicators(constantSeries(300), { has: ALL });
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(result.columns.size).toBe(61);
    for (const [name, values] of result.columns) {
      expect(values.some((v) => v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY), name).toBe(false);
    }
    // Levels equal the close, so every relative level is ~0; undefined ratios are NaN.
    expect(Math.abs(result.columns.get('sma_200_rel')![299]!)).toBeLessThan(1e-12);
    expect(result.columns.get('rsi_14')![299]).toBeNaN();
    expect(result.columns.get('adx_14')![299]).toBeNaN();
    expect(result.columns.get('willr_14')![299]).toBe(-50);
    expect(result.columns.get('logret_20')![299]).toBe(0);
  });
});

describe('docs/indicators.md', () => {
  it('documents every column with its family, inputs, first valid row and transform', () => {
    const text = readFileSync(path.resolve(import.meta.dirname, '../../../docs/indicators.md'), 'utf8');
    const rows = text
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
    expect(rows.map((cells) => cells[0]!.replaceAll('`', ''))).toEqual(NAMES);
    for (const [cells, column] of rows.map((cells, k) => [cells, STANDARD_COLUMNS[k]!] as const)) {
      expect(cells[1], column.name).toBe(column.family);
      expect(cells[4], column.name).toBe(column.needs.join(', '));
      expect(cells[5], column.name).toBe(String(column.lookback + 1));
      expect(cells[6], column.name).toBe(column.transform === 'raw' ? 'raw' : 'relative to close');
    }
  });
});
