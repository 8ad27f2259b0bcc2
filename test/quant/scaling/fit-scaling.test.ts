import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitScaling, type FitScalingOptions } from '../../../src/quant/scaling/fit-scaling.js';
import { SCALE_RULE, serializeScalingStats, type ScalingStats } from '../../../src/quant/scaling/scaling-stats.js';
import { SEGMENT } from '../../../src/quant/splits/split-plan.js';

const T = SEGMENT.train;
const V = SEGMENT.val;
const X = SEGMENT.test;

/** One ticker, one feature: the values and their segments. */
function single(values: number[], segments: number[], method: 'zscore' | 'robust'): ScalingStats {
  return fitScaling({ method, scope: 'pooled', names: ['f'], columns: [Float64Array.from(values)], segment: Int8Array.from(segments) });
}

function entry(stats: ScalingStats, i = 0) {
  return { center: stats.center[i], scale: stats.scale[i], count: stats.count[i], rule: stats.rule[i] };
}

describe('fitScaling', () => {
  it('zscore: mean and population std of the train rows only', () => {
    const stats = single([1, 2, 3, 4, 50, -70], [T, T, T, T, V, X], 'zscore');
    expect(entry(stats)).toEqual({ center: 2.5, scale: Math.sqrt(1.25), count: 4, rule: SCALE_RULE.fitted });
    expect(stats.clip).toBeNull();
  });

  it('robust: median and 1.4826 x MAD, odd and even counts, clip 5 by default', () => {
    const odd = single([1, 2, 3, 4, 100], [T, T, T, T, T], 'robust');
    expect(entry(odd)).toEqual({ center: 3, scale: 1.4826, count: 5, rule: SCALE_RULE.fitted });
    expect(odd.clip).toBe(5);
    // median 2.5; |x - 2.5| = 1.5, 0.5, 0.5, 1.5 -> MAD 1.
    expect(entry(single([4, 1, 3, 2], [T, T, T, T], 'robust'))).toMatchObject({ center: 2.5, scale: 1.4826 });
    // median 7; |x - 7| = 6, 1, 0, 2, 93, 1 -> sorted 0 1 1 2 6 93 -> MAD 1.5.
    expect(entry(single([1, 6, 7, 9, 100, 8], [T, T, T, T, T, T], 'robust'))).toMatchObject({ center: 7.5, scale: 1.4826 * 1.5 });
  });

  it('robust: falls back to sqrt(pi/2) x mean absolute deviation when MAD is 0 but values differ', () => {
    const stats = single([0, 0, 0, 0, 1], [T, T, T, T, T], 'robust');
    expect(entry(stats)).toEqual({ center: 0, scale: Math.sqrt(Math.PI / 2) * 0.2, count: 5, rule: SCALE_RULE.meanAbsDeviation });
  });

  it('marks a constant feature with scale 0 and its exact value as center, for both methods', () => {
    for (const method of ['zscore', 'robust'] as const) {
      expect(entry(single([0.1, 0.1, 0.1, 5], [T, T, T, X], method))).toEqual({ center: 0.1, scale: 0, count: 3, rule: SCALE_RULE.constant });
    }
  });

  it('ignores NaN (warm-up) and infinite values and rows outside the fit segment', () => {
    const stats = single([NaN, Infinity, 1, 3, 1000], [T, T, T, T, SEGMENT.none], 'zscore');
    expect(entry(stats)).toEqual({ center: 2, scale: 1, count: 2, rule: SCALE_RULE.fitted });
    expect(entry(single([NaN, 5], [T, V], 'robust'))).toMatchObject({ count: 0, rule: SCALE_RULE.unfitted });
    expect(entry(single([NaN, 5], [T, V], 'robust')).center).toBeNaN();
  });

  it('per ticker fits each ticker on its own train rows; pooled fits all train rows together', () => {
    const options: FitScalingOptions = {
      method: 'zscore', scope: 'per-ticker', names: ['f', 'g'],
      columns: [Float64Array.from([1, 3, 9, 10, 30, 0]), Float64Array.from([5, 5, 5, 1, 2, 3])],
      segment: Int8Array.from([T, T, X, T, T, X]),
      tickers: ['AA', 'BB'], offsets: Int32Array.from([0, 3, 6]),
    };
    const per = fitScaling(options);
    expect(per.tickers).toEqual(['AA', 'BB']);
    expect(Array.from(per.center)).toEqual([2, 20, 5, 1.5]);
    expect(Array.from(per.scale)).toEqual([1, 10, 0, 0.5]);
    expect(Array.from(per.rule)).toEqual([SCALE_RULE.fitted, SCALE_RULE.fitted, SCALE_RULE.constant, SCALE_RULE.fitted]);
    const pooled = fitScaling({ ...options, scope: 'pooled' });
    expect(pooled.tickers).toBeNull();
    expect(Array.from(pooled.center)).toEqual([11, 3.25]);
    expect(Array.from(pooled.count)).toEqual([4, 4]);
  });

  it('gives a ticker without train rows NaN statistics (unfitted), not another ticker\'s', () => {
    const stats = fitScaling({
      method: 'robust', scope: 'per-ticker', names: ['f'], columns: [Float64Array.from([1, 2, 3, 4])],
      segment: Int8Array.from([T, T, X, X]), tickers: ['AA', 'NEW'], offsets: Int32Array.from([0, 2, 4]),
    });
    expect(Array.from(stats.rule)).toEqual([SCALE_RULE.fitted, SCALE_RULE.unfitted]);
    expect(stats.scale[1]).toBeNaN();
  });

  it('rejects mismatched inputs and a non-positive clip', () => {
    const base = { method: 'zscore', scope: 'pooled', names: ['f'], columns: [new Float64Array(2)], segment: new Int8Array(2) } as const;
    expect(() => fitScaling({ ...base, names: ['f', 'g'] })).toThrow('2 feature names for 1 columns');
    expect(() => fitScaling({ ...base, columns: [new Float64Array(3)] })).toThrow("column 'f' has 3 rows, the segment column 2");
    expect(() => fitScaling({ ...base, scope: 'per-ticker' })).toThrow('per-ticker scaling needs tickers and offsets');
    expect(() => fitScaling({ ...base, method: 'minmax' as 'zscore' })).toThrow("method must be 'zscore' or 'robust' (got 'minmax')");
    expect(() => fitScaling({ ...base, clip: 0 })).toThrow('clip must be a number > 0 or null (got 0)');
  });

  it('depends on train rows only: multiplying every val/test value by 1000 leaves the stats bit-identical (property)', () => {
    const row = fc.record({
      ticker: fc.integer({ min: 0, max: 2 }),
      segment: fc.constantFrom(T, V, X, SEGMENT.none),
      f: fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN), fc.constant(1)),
      g: fc.double({ min: -10, max: 10, noNaN: true }),
    });
    const setup = fc.tuple(fc.array(row, { maxLength: 60 }), fc.constantFrom('zscore', 'robust'), fc.constantFrom('pooled', 'per-ticker'));
    fc.assert(
      fc.property(setup, ([rows, method, scope]) => {
        rows.sort((a, b) => a.ticker - b.ticker);
        const offsets = Int32Array.from([0, 1, 2, 3].map((t) => rows.filter((r) => r.ticker < t).length));
        const fit = (k: number) =>
          fitScaling({
            method, scope, names: ['f', 'g'], tickers: ['A', 'B', 'C'], offsets,
            segment: Int8Array.from(rows, (r) => r.segment),
            columns: [Float64Array.from(rows, (r) => (r.segment === T ? r.f : r.f * k)), Float64Array.from(rows, (r) => (r.segment === T ? r.g : r.g * k))],
          });
        const [a, b] = [fit(1), fit(1000)];
        expect(serializeScalingStats(b)).toBe(serializeScalingStats(a));
        for (const key of ['center', 'scale', 'count', 'rule'] as const) {
          expect(Buffer.from(b[key].buffer).equals(Buffer.from(a[key].buffer)), key).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
