import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, selectInPlace } from '../../../src/quant/scaling/order-statistics.js';

describe('order statistics', () => {
  it('select returns the k-th smallest for any input, duplicates included (property)', () => {
    const values = fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -3, max: 3 })), { minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(values, fc.nat(), (xs, kk) => {
        const k = kk % xs.length;
        const sorted = Float64Array.from(xs).sort();
        // == rather than Object.is: -0 and 0 are the same order statistic.
        expect(selectInPlace(Float64Array.from(xs), 0, xs.length - 1, k) === sorted[k]).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('median averages the two middle values of an even count', () => {
    expect(median(Float64Array.from([5, 1, 3]), 3)).toBe(3);
    expect(median(Float64Array.from([4, 1, 3, 2]), 4)).toBe(2.5);
    expect(median(Float64Array.from([7, 7, 7, 7, 9, 9]), 6)).toBe(7);
    expect(median(Float64Array.from([2, 1, 99]), 2)).toBe(1.5);
  });

  it('finds the median of inputs that defeat a median-of-three pivot (sorted, organ pipe, all equal, alternating)', () => {
    const n = 50_000;
    const inputs = [
      Float64Array.from({ length: n }, (_, i) => i),
      Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? i : n - i)),
      new Float64Array(n).fill(3),
      Float64Array.from({ length: n }, (_, i) => (i % 2 ? i : -i)),
    ];
    for (const a of inputs) {
      const want = Float64Array.from(a).sort()[(n - 1) >> 1]!;
      const got = selectInPlace(a, 0, n - 1, (n - 1) >> 1);
      expect(got).toBe(want);
    }
  });

  it('agrees with a full sort through the histogram descent and through quickselect alone (property)', () => {
    const shape = fc.constantFrom('uniform', 'heavy-tailed', 'few values', 'sorted', 'outlier block', 'geometric', 'half zeros', 'near overflow');
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 2 ** 31 }), fc.boolean(), (kind, n, seed, roomy) => {
        let s = seed;
        const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
        const a = Float64Array.from({ length: n }, (_, i) =>
          kind === 'uniform' ? rnd()
          : kind === 'heavy-tailed' ? Math.tan(Math.PI * (rnd() - 0.5))
          : kind === 'few values' ? Math.floor(rnd() * 3)
          : kind === 'sorted' ? i
          : kind === 'outlier block' ? (i < n / 2 + 3 ? 1e9 + rnd() : rnd())
          : kind === 'geometric' ? 2 ** -Math.floor(rnd() * 1000)
          : kind === 'half zeros' ? (rnd() < 0.5 ? 0 : rnd() - 0.5)
          : (rnd() < 0.5 ? -1e308 : 1e308) * rnd(),
        );
        const copy = Float64Array.from(a);
        const sorted = Float64Array.from(a).sort();
        const k = (n - 1) >> 1;
        const want = n % 2 ? sorted[k]! : (sorted[k]! + sorted[k + 1]!) / 2;
        expect(median(a, n, roomy ? new Float64Array(n) : undefined) === want).toBe(true);
        if (roomy) expect(Buffer.from(a.buffer).equals(Buffer.from(copy.buffer))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
