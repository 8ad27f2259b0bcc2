import { describe, expect, it } from 'vitest';
import { generateMarket } from '../../src/quant/data/synthetic-market.js';
import type { PriceTable } from '../../src/quant/data/price-table.js';
import { computeIndicators } from '../../src/quant/indicators/compute-indicators.js';
import { fitScaling } from '../../src/quant/scaling/fit-scaling.js';
import { InferenceInputError } from '../../stages/inference-error.js';
import type { InferencePrices } from '../../stages/inference-prices.js';
import { lastWindows, passthroughFeatures, type FeatureRecipe } from '../../stages/inference-windows.js';

const FEATURES = ['logret_1', 'roc_10', 'vol_close_20', 'signal'];

function market(): InferencePrices {
  const m = generateMarket({ seed: 3, tickers: 3, days: 120, signal: { strength: 0.3 } });
  return { prices: m.prices, extra: new Map([['signal', m.extra.get('signal')!]]) };
}

const recipe = (extra: Partial<FeatureRecipe> = {}): FeatureRecipe => ({
  features: FEATURES,
  lookback: 10,
  indicatorColumns: ['logret_1', 'roc_10', 'vol_close_20'],
  precision: 'float32',
  file: 'new.csv',
  ...extra,
});

/** Statistics fitted on every row of `data` (one segment), pooled or per ticker. */
function stats(data: InferencePrices, scope: 'pooled' | 'per-ticker') {
  const { prices } = data;
  const columns = FEATURES.map((name) => {
    const out = new Float64Array(prices.close.length);
    for (let i = 0; i < prices.tickers.length; i++) {
      const [a, b] = [prices.offsets[i]!, prices.offsets[i + 1]!];
      const s = (c: Float64Array) => c.subarray(a, b);
      const computed = computeIndicators({ open: s(prices.open), high: s(prices.high), low: s(prices.low), close: s(prices.close), volume: s(prices.volume) }, { has: prices.has, columns: FEATURES.slice(0, 3) });
      out.set(computed.columns.get(name) ?? data.extra.get(name)!.subarray(a, b), a);
    }
    return out;
  });
  return fitScaling({ method: 'zscore', scope, names: FEATURES, columns, segment: new Int8Array(prices.close.length), ...(scope === 'per-ticker' ? { tickers: prices.tickers, offsets: prices.offsets } : {}) });
}

function rename(data: InferencePrices, tickers: string[]): InferencePrices {
  const prices: PriceTable = { ...data.prices, tickers };
  return { ...data, prices };
}

describe('inference windows', () => {
  it("takes each ticker's last lookback rows of its features at float32, with day offsets ending at 0", () => {
    const data = market();
    const windows = lastWindows(data, recipe());
    const { prices } = data;
    expect(windows.map((w) => w.ticker)).toEqual(prices.tickers);
    for (const [i, w] of windows.entries()) {
      const end = prices.offsets[i + 1]!;
      expect(w.date).toBe(prices.date[end - 1]);
      expect(w.dayOffsets[9]).toBe(0);
      expect(w.dayOffsets[0]).toBe(prices.date[end - 10]! - prices.date[end - 1]!);
      // The signal is passed through (last feature), rounded to float32 once.
      for (let t = 0; t < 10; t++) expect(w.inputs[t * 4 + 3]).toBe(Math.fround(data.extra.get('signal')![end - 10 + t]!));
      expect(w.volatility).toBeNull();
    }
  });

  it("never reads a later row: the window of data cut at a day is that day's window of the whole series", () => {
    const data = market();
    const { prices } = data;
    const end = prices.offsets[1]!;
    const cut = end - 15;
    const early = lastWindows({ prices: { ...prices, tickers: [prices.tickers[0]!], offsets: Int32Array.of(0, cut) }, extra: data.extra }, recipe())[0]!;
    expect(early.date).toBe(prices.date[cut - 1]);
    const s = (c: Float64Array) => c.subarray(0, end);
    const whole = computeIndicators({ open: s(prices.open), high: s(prices.high), low: s(prices.low), close: s(prices.close), volume: s(prices.volume) }, { has: prices.has, columns: FEATURES.slice(0, 3) }).columns;
    const column = (name: string) => whole.get(name) ?? data.extra.get(name)!;
    const expected = new Float32Array(40);
    for (let t = 0; t < 10; t++) FEATURES.forEach((name, f) => (expected[t * 4 + f] = column(name)[cut - 10 + t]!));
    expect(early.inputs).toEqual(expected);
  });

  it('scales with the recorded statistics: pooled ones serve any ticker, per-ticker ones refuse an unseen one by name', () => {
    const data = market();
    const unseen = rename(data, ['SYN0001', 'SYN0002', 'NEWCO']);
    expect(lastWindows(unseen, recipe({ stats: stats(data, 'pooled') }))).toHaveLength(3);
    expect(() => lastWindows(unseen, recipe({ stats: stats(data, 'per-ticker') }))).toThrow(InferenceInputError);
    expect(() => lastWindows(unseen, recipe({ stats: stats(data, 'per-ticker') }))).toThrow(/ticker NEWCO was not in the training data/);
  });

  it('carries the volatility feature per step for a volatility-aware transformer', () => {
    const w = lastWindows(market(), recipe({ volatilityFeature: 'vol_close_20' }))[0]!;
    for (let t = 0; t < 10; t++) expect(w.volatility![t]).toBe(w.inputs[t * 4 + 2]);
  });

  it('names the price columns a feature needs when the data lacks them', () => {
    const data = market();
    const closeOnly: InferencePrices = { ...data, prices: { ...data.prices, has: { open: false, high: false, low: false, volume: false } } };
    const needsRange = recipe({ features: ['atr_14'], indicatorColumns: ['atr_14'] });
    expect(() => lastWindows(closeOnly, needsRange)).toThrow(/feature 'atr_14'.*high.*low/s);
  });

  it('refuses fewer rows than the lookback plus the warm-up, saying how many it needs', () => {
    const data = market();
    const short: InferencePrices = { ...data, prices: { ...data.prices, tickers: [data.prices.tickers[0]!], offsets: Int32Array.of(0, 25) } };
    expect(() => lastWindows(short, recipe())).toThrow(/has 25 rows .* 19 of them are indicator warm-up/);
  });

  it('tells passthrough features from indicators', () => {
    expect(passthroughFeatures(FEATURES)).toEqual(['signal']);
  });
});
