/**
 * No look-ahead: computing the standard set on rows [0, t] gives bit-identical values (NaN equal to NaN)
 * for every one of those rows as computing it on the whole series, for random cut points t, on MSFT and
 * on a synthetic random walk with missing values, a flat stretch and a zero-volume day.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeIndicators, type IndicatorResult } from '../../../src/quant/indicators/compute-indicators.js';
import type { OhlcvSeries } from '../../../src/quant/indicators/indicator-group.js';
import { RandomStream } from '../../../src/quant/data/random-stream.js';
import { msft } from './msft-fixture.js';

const ALL = { open: true, high: true, low: true, volume: true };

function random(seed: number): () => number {
  const stream = new RandomStream(seed);
  return () => stream.nextFloat();
}

function randomWalk(length: number, seed: number): OhlcvSeries {
  const next = random(seed);
  const s: OhlcvSeries = {
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
  let price = 50;
  for (let t = 0; t < length; t++) {
    const open = price * Math.exp(0.01 * (next() - 0.5));
    price *= Math.exp(0.04 * (next() - 0.5));
    s.open[t] = open;
    s.close[t] = price;
    s.high[t] = Math.max(open, price) * (1 + 0.01 * next());
    s.low[t] = Math.min(open, price) * (1 - 0.01 * next());
    s.volume[t] = Math.round(1e5 + 1e6 * next());
  }
  for (let t = 300; t < 330; t++) for (const key of ['open', 'high', 'low', 'close'] as const) s[key][t] = s.close[299]!;
  s.close[400] = Number.NaN;
  s.volume[450] = Number.NaN;
  s.high[500] = Number.NaN;
  s.volume[520] = 0;
  return s;
}

function prefix(s: OhlcvSeries, end: number): OhlcvSeries {
  return { open: s.open.slice(0, end), high: s.high.slice(0, end), low: s.low.slice(0, end), close: s.close.slice(0, end), volume: s.volume.slice(0, end) };
}

function samePrefix(part: IndicatorResult, whole: IndicatorResult, end: number): boolean {
  for (const [name, values] of whole.columns) {
    const cut = part.columns.get(name)!;
    for (let t = 0; t < end; t++) {
      if (!Object.is(cut[t], values[t])) {
        expect.fail(`${name} row ${t} with rows [0, ${end - 1}]: ${cut[t]} vs ${values[t]} on the whole series`);
      }
    }
  }
  return true;
}

describe.each([
  ['MSFT 2000-2001', msft],
  ['a random walk with gaps', randomWalk(700, 20240611)],
])('truncation invariance on %s', (_, series) => {
  const whole = computeIndicators(series, { has: ALL });

  it('computes the same values for rows 0..t from rows 0..t alone', () => {
    const length = series.close.length;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: length }), (end) => samePrefix(computeIndicators(prefix(series, end), { has: ALL }), whole, end)),
      { numRuns: 60, seed: 7 },
    );
  });
});
