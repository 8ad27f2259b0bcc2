import { describe, expect, it } from 'vitest';
import { formatIsoDay, weekdayOf } from '../../../src/quant/data/price-table.js';
import { generateMarket, type SyntheticMarket, type SyntheticMarketOptions } from '../../../src/quant/data/synthetic-market.js';

const COLUMNS = ['ticker', 'date', 'open', 'high', 'low', 'close', 'volume', 'offsets'] as const;

function bytes(array: ArrayBufferView): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function sameMarket(a: SyntheticMarket, b: SyntheticMarket): boolean {
  const signal = (m: SyntheticMarket) => m.extra.get('signal') ?? new Float64Array(0);
  return (
    COLUMNS.every((c) => bytes(a.prices[c]).equals(bytes(b.prices[c]))) &&
    bytes(signal(a)).equals(bytes(signal(b))) &&
    a.prices.tickers.join() === b.prices.tickers.join()
  );
}

/** Pearson correlation pooled over tickers of pairs (x[t], y[t + 1]), t from each ticker's row `from` on. */
function nextDayCorrelation(market: SyntheticMarket, x: (row: number) => number, y: (row: number) => number, from = 0): { r: number; n: number } {
  const { offsets } = market.prices;
  let n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (let i = 0; i + 1 < offsets.length; i++) {
    for (let row = offsets[i]! + from; row + 1 < offsets[i + 1]!; row++) {
      const a = x(row), b = y(row + 1);
      n++; sx += a; sy += b; sxx += a * a; syy += b * b; sxy += a * b;
    }
  }
  const cov = sxy / n - (sx / n) * (sy / n);
  return { r: cov / Math.sqrt((sxx / n - (sx / n) ** 2) * (syy / n - (sy / n) ** 2)), n };
}

/** The log return into a row (meaningless on a ticker's first row, which no pair uses as a return). */
function logReturn(market: SyntheticMarket): (row: number) => number {
  const { close } = market.prices;
  return (row) => Math.log(close[row]! / close[row - 1]!);
}

describe('generateMarket', () => {
  const options: SyntheticMarketOptions = { seed: 42, tickers: 20, days: 250, regimes: {}, signal: { strength: 0.2 } };

  it('gives identical arrays for the same options and different ones for another seed', () => {
    expect(sameMarket(generateMarket(options), generateMarket({ ...options }))).toBe(true);
    expect(sameMarket(generateMarket(options), generateMarket({ ...options, seed: 43 }))).toBe(false);
    expect(Array.from(generateMarket(options).planted.regimes!.path)).toEqual(Array.from(generateMarket(options).planted.regimes!.path));
  });

  it('keeps its numbers from one release to the next (pinned values for seed 1)', () => {
    const { prices } = generateMarket({ seed: 1, tickers: 2, days: 5 });
    expect([prices.close[0], prices.close[9], prices.volume[0]]).toEqual([61.738565198150106, 12.734291744264466, 2_948_921]);
  });

  it('draws the same prices whether or not a zero-strength signal is published', () => {
    const plain = generateMarket({ seed: 5, tickers: 3, days: 50 });
    const withSignal = generateMarket({ seed: 5, tickers: 3, days: 50, signal: { strength: 0 } });
    expect(bytes(withSignal.prices.close).equals(bytes(plain.prices.close))).toBe(true);
    expect(plain.extra.has('signal')).toBe(false);
    expect(withSignal.extra.get('signal')).toHaveLength(150);
  });

  it('lays out SYN tickers over weekdays from the start date, sorted by (ticker, date)', () => {
    const { prices } = generateMarket({ seed: 1, tickers: 12, days: 10, start: '2024-03-02' });
    expect(prices.tickers.slice(0, 2)).toEqual(['SYN0001', 'SYN0002']);
    expect(Array.from(prices.offsets)).toEqual(Array.from({ length: 13 }, (_, i) => i * 10));
    const dates = Array.from(prices.date.subarray(0, 10), formatIsoDay);
    expect(dates.slice(0, 6)).toEqual(['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08', '2024-03-11']);
    expect(prices.date.every((d) => weekdayOf(d) >= 1 && weekdayOf(d) <= 5)).toBe(true);
  });

  it('keeps OHLCV consistent over a large, volatile universe with regimes', () => {
    const { prices } = generateMarket({ seed: 9, tickers: 300, days: 1000, volatility: 0.8, regimes: { turbulent: 3 }, signal: { strength: 0.3 } });
    const { open, high, low, close, volume } = prices;
    let bad = 0;
    for (let row = 0; row < close.length; row++) {
      const ok =
        low[row]! > 0 && low[row]! <= Math.min(open[row]!, close[row]!) && Math.max(open[row]!, close[row]!) <= high[row]! &&
        Number.isFinite(high[row]!) && volume[row]! >= 1 && Number.isInteger(volume[row]!);
      if (!ok) bad++;
    }
    expect(bad).toBe(0);
  });

  it.each([0.1, 0.3])('plants a signal of strength %s: corr(z_t, r_t+1) within 4 standard errors', (strength) => {
    const market = generateMarket({ seed: 17, tickers: 100, days: 2001, signal: { strength } });
    const signal = market.extra.get('signal')!;
    const { r, n } = nextDayCorrelation(market, (row) => signal[row]!, logReturn(market));
    expect(n).toBe(200_000);
    expect(market.planted.signal).toEqual({ column: 'signal', strength, expectedCorrelation: strength });
    expect(Math.abs(r - strength)).toBeLessThan(4 / Math.sqrt(n));
  });

  it('plants the signal under regimes at the correlation it announces', () => {
    const market = generateMarket({ seed: 23, tickers: 100, days: 2001, regimes: { turbulent: 2.5 }, signal: { strength: 0.3 } });
    const signal = market.extra.get('signal')!;
    const { r, n } = nextDayCorrelation(market, (row) => signal[row]!, logReturn(market));
    const expected = market.planted.signal!.expectedCorrelation;
    expect(expected).toBeLessThan(0.3);
    expect(Math.abs(r - expected)).toBeLessThan(4 / Math.sqrt(n));
  });

  it('makes a pure random walk in null mode: no autocorrelation, no signal, no regimes', () => {
    const market = generateMarket({ seed: 31, tickers: 100, days: 2001, mode: 'null', regimes: {}, signal: { strength: 0.3 } });
    const returns = logReturn(market);
    const auto = nextDayCorrelation(market, returns, returns, 1); // a ticker's first return is into its row 1
    expect(auto.n).toBe(100 * 1999);
    expect(Math.abs(auto.r)).toBeLessThan(4 / Math.sqrt(auto.n));
    const signal = market.extra.get('signal')!;
    const leak = nextDayCorrelation(market, (row) => signal[row]!, returns);
    expect(Math.abs(leak.r)).toBeLessThan(4 / Math.sqrt(leak.n));
    expect(market.planted).toMatchObject({ mode: 'null', regimes: null, signal: { strength: 0 } });
  });

  it('rejects options it cannot honour, naming the option', () => {
    expect(() => generateMarket({ seed: 1.5, tickers: 1, days: 2 })).toThrow(/seed must be an integer/);
    expect(() => generateMarket({ seed: 1, tickers: 0, days: 2 })).toThrow(/tickers/);
    expect(() => generateMarket({ seed: 1, tickers: 1, days: 1 })).toThrow(/days/);
    expect(() => generateMarket({ seed: 1, tickers: 1, days: 2, signal: { strength: 1 } })).toThrow(/strength/);
    expect(() => generateMarket({ seed: 1, tickers: 1, days: 2, volatility: 0 })).toThrow(/volatility/);
    expect(() => generateMarket({ seed: 1, tickers: 1, days: 2, start: '2001-02-30' })).toThrow(/start/);
    expect(() => generateMarket({ seed: 1, tickers: 1, days: 2, regimes: { switchProbability: 2 } })).toThrow(/switchProbability/);
    expect(() => generateMarket({ seed: 1, tickers: 1, days: 200_000, volatility: 3 })).toThrow(/double range/);
  });
});
