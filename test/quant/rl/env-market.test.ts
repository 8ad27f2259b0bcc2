import { describe, expect, it } from 'vitest';
import { createEnvMarket, ensureEnvMarket, type EnvMarket } from '../../../src/quant/rl/env-market.js';
import { EnvMarketError } from '../../../src/quant/rl/env-market-error.js';

function valid(): EnvMarket {
  return {
    tickerStart: Int32Array.of(0, 3, 5),
    dates: Int32Array.of(0, 1, 2, 0, 1),
    open: Float64Array.of(10, NaN, 11, 20, 21),
    close: Float64Array.of(10, 11, 12, 20, 21),
    features: Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, NaN, NaN),
    featureCount: 2,
    segment: Int8Array.of(0, 0, 1, 2, -1),
    tickers: ['AAA', 'BBB'],
  };
}

function problems(change: (m: EnvMarket) => EnvMarket | void): string {
  const m = valid();
  try {
    createEnvMarket(change(m) ?? m);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvMarketError);
    return (error as Error).message;
  }
  throw new Error('createEnvMarket accepted a bad market');
}

describe('createEnvMarket', () => {
  it('accepts a well-formed market, NaN opens and NaN features outside every segment included', () => {
    const m = createEnvMarket(valid());
    expect(Object.isFrozen(m)).toBe(true);
    expect(ensureEnvMarket(m)).toBe(m);
    expect(ensureEnvMarket(valid())).not.toBe(m);
  });

  it('names the columns whose lengths disagree with tickerStart', () => {
    expect(problems((m) => ({ ...m, close: new Float64Array(4) }))).toMatch(/close has 4 entries; tickerStart says 5 rows/);
    expect(problems((m) => ({ ...m, features: new Float32Array(9) }))).toMatch(/features has 9 entries; expected rows x featureCount = 5 x 2 = 10/);
    expect(problems((m) => ({ ...m, tickerStart: Int32Array.of(0, 4, 3) }))).toMatch(/tickerStart must not decrease/);
    expect(problems((m) => ({ ...m, featureCount: 0 }))).toMatch(/featureCount must be an integer >= 1/);
    expect(problems((m) => ({ ...m, tickers: ['AAA'] }))).toMatch(/tickers names 1 tickers; tickerStart has 2/);
  });

  it('lists every bad row with its ticker and date', () => {
    const message = problems((m) => {
      m.dates[2] = 1;
      m.close[1] = 0;
      m.open[3] = -1;
      m.features[0] = NaN;
      m.segment[4] = 3;
    });
    expect(message).toContain('bad environment market: 5 problems');
    expect(message).toContain('row 0 (ticker AAA, 1970-01-01): feature 0 is NaN; rows in a segment must have finite features');
    expect(message).toContain('row 1 (ticker AAA, 1970-01-02): close must be finite and > 0 in a segment, got 0');
    expect(message).toContain('row 2 (ticker AAA, 1970-01-02): date does not increase within the ticker');
    expect(message).toContain('row 3 (ticker BBB, 1970-01-01): open must be NaN (missing) or finite and > 0, got -1');
    expect(message).toContain('row 4 (ticker BBB, 1970-01-02): segment must be -1, 0, 1 or 2, got 3');
  });

  it('stops listing after 20 problems and says how many more there are', () => {
    const rows = 30;
    const message = problems(() => ({
      tickerStart: Int32Array.of(0, rows),
      dates: Int32Array.from({ length: rows }, (_, r) => r),
      open: new Float64Array(rows).fill(1),
      close: new Float64Array(rows).fill(Infinity),
      features: new Float32Array(rows),
      featureCount: 1,
      segment: new Int8Array(rows),
    }));
    expect(message).toContain('30 problems');
    expect(message).toContain('... and 10 more');
    expect(message).toContain('ticker #0');
  });
});
