import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyScaling } from '../../../src/quant/scaling/apply-scaling.js';
import { fitScaling } from '../../../src/quant/scaling/fit-scaling.js';
import { SEGMENT } from '../../../src/quant/splits/split-plan.js';

const T = SEGMENT.train;
const X = SEGMENT.test;

function pooled(method: 'zscore' | 'robust', values: number[], segments: number[], clip?: number | null) {
  const columns = [Float64Array.from(values)];
  const stats = fitScaling({ method, scope: 'pooled', names: ['f'], columns, segment: Int8Array.from(segments), clip });
  return Array.from(applyScaling(stats, { names: ['f'], columns })[0]!);
}

describe('applyScaling', () => {
  it('zscore: (x - mean) / population std on every row, train or not', () => {
    const out = pooled('zscore', [1, 2, 3, 4, 5, NaN], [T, T, T, T, X, X]);
    const s = Math.sqrt(1.25);
    expect(out).toEqual([-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s, 2.5 / s, NaN]);
  });

  it('robust: (x - median) / (1.4826 MAD), clipped to +-5 unless told otherwise', () => {
    expect(pooled('robust', [1, 2, 3, 4, 100, -30], [T, T, T, T, T, X])).toEqual([-2 / 1.4826, -1 / 1.4826, 0, 1 / 1.4826, 5, -5]);
    expect(pooled('robust', [1, 2, 3, 4, 100], [T, T, T, T, T], null)[4]).toBe(97 / 1.4826);
    expect(pooled('zscore', [1, 2, 3, 4, 100], [T, T, T, T, X], 3)[4]).toBe(3);
  });

  it('maps a constant feature to 0 everywhere (NaN stays NaN), never to Infinity or NaN', () => {
    for (const method of ['zscore', 'robust'] as const) {
      expect(pooled(method, [7, 7, 7, 8, -1e9, NaN, Infinity], [T, T, T, X, X, X, X])).toEqual([0, 0, 0, 0, 0, NaN, 0]);
    }
  });

  it('per ticker matches stats to the table by ticker name; a ticker the stats lack gets NaN', () => {
    const columns = [Float64Array.from([1, 3, 10, 30])];
    const stats = fitScaling({
      method: 'zscore', scope: 'per-ticker', names: ['f'], columns, segment: Int8Array.from([T, T, T, T]),
      tickers: ['AA', 'BB'], offsets: Int32Array.from([0, 2, 4]),
    });
    const other = applyScaling(stats, { names: ['f'], columns: [Float64Array.from([20, 30, 2, 5])], tickers: ['BB', 'CC'], offsets: Int32Array.from([0, 2, 4]) });
    expect(Array.from(other[0]!)).toEqual([0, 1, NaN, NaN]);
  });

  it('finds columns by name, writes in place when given the inputs as out, and names a missing column', () => {
    const f = Float64Array.from([1, 3]);
    const g = Float64Array.from([0, 4]);
    const stats = fitScaling({ method: 'zscore', scope: 'pooled', names: ['f', 'g'], columns: [f, g], segment: Int8Array.from([T, T]) });
    const out = applyScaling(stats, { names: ['g', 'f'], columns: [g, f], out: [f, g] });
    expect(out[0]).toBe(f);
    expect([Array.from(f), Array.from(g)]).toEqual([[-1, 1], [-1, 1]]);
    expect(() => applyScaling(stats, { names: ['f'], columns: [f] })).toThrow("no column 'g' to scale (have: f)");
  });

  it('gives rows up to any date the same bits on a table truncated there (property)', () => {
    const ticker = fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { maxLength: 25 });
    const setup = fc.record({
      tickers: fc.array(ticker, { minLength: 1, maxLength: 4 }),
      trainEnd: fc.integer({ min: 0, max: 25 }),
      cut: fc.integer({ min: 0, max: 25 }),
      method: fc.constantFrom('zscore', 'robust'),
      scope: fc.constantFrom('pooled', 'per-ticker'),
    });
    fc.assert(
      fc.property(setup, ({ tickers, trainEnd, cut, method, scope }) => {
        // Ticker i trades days i .. i + length - 1; rows before trainEnd are train.
        const table = (lastDay: number) => {
          const kept = tickers.map((xs, i) => xs.filter((_, t) => i + t <= lastDay));
          const names = tickers.map((_, i) => `T${i}`).filter((_, i) => kept[i]!.length > 0);
          const rows = kept.filter((xs) => xs.length > 0);
          const offsets = Int32Array.from([0, ...rows.map((_, i) => rows.slice(0, i + 1).flat().length)]);
          const day = rows.flatMap((xs, i) => xs.map((_, t) => Number(names[i]!.slice(1)) + t));
          return { names, offsets, day, values: Float64Array.from(rows.flat()) };
        };
        const full = table(Infinity);
        const segment = Int8Array.from(full.day, (d) => (d < trainEnd ? T : X));
        const stats = fitScaling({ method, scope, names: ['f'], columns: [full.values], segment, tickers: full.names, offsets: full.offsets });
        const whole = applyScaling(stats, { names: ['f'], columns: [full.values], tickers: full.names, offsets: full.offsets })[0]!;
        const short = table(cut);
        const part = applyScaling(stats, { names: ['f'], columns: [short.values], tickers: short.names, offsets: short.offsets })[0]!;
        const kept = Float64Array.from(full.day.flatMap((d, row) => (d <= cut ? [whole[row]!] : [])));
        expect(Buffer.from(part.buffer).equals(Buffer.from(kept.buffer))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
