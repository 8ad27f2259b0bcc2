import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { holmAdjust, holmBonferroni } from '../../../src/quant/statistics/multiple-comparison.js';
import { expectClose } from './expect-close.js';

describe('holmAdjust', () => {
  it('matches Holm by hand, with ties and a running maximum, in input order', () => {
    // sorted: .005*6 = .03, .01*5 = .05, .03*4 = .12, .04*3 = .12, .04*2 = .08 -> .12, .2*1 = .2
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005, 0.2, 0.04]);
    [0.05, 0.12, 0.12, 0.03, 0.2, 0.12].forEach((v, i) => expectClose(adjusted[i]!, v, { relative: 1e-15 }, `p${i}`));
  });

  it('matches R\'s p.adjust(c(.01, .02, .03, .04, .05), "holm") = .05 .08 .09 .09 .09', () => {
    const adjusted = holmAdjust([0.01, 0.02, 0.03, 0.04, 0.05]);
    [0.05, 0.08, 0.09, 0.09, 0.09].forEach((v, i) => expectClose(adjusted[i]!, v, { relative: 1e-15 }, `p${i}`));
  });

  it('lies between the raw p-value and Bonferroni\'s, caps at 1 and keeps the raw order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }), (raw) => {
        const adjusted = holmAdjust(raw);
        const m = raw.length;
        raw.forEach((p, i) => {
          expect(adjusted[i]!).toBeGreaterThanOrEqual(p);
          expect(adjusted[i]!).toBeLessThanOrEqual(Math.min(1, m * p));
          raw.forEach((q, j) => {
            if (p < q) expect(adjusted[i]!).toBeLessThanOrEqual(adjusted[j]!);
          });
        });
      }),
    );
  });

  it('leaves a single test unchanged and an empty family empty', () => {
    expect(Array.from(holmAdjust([0.03]))).toEqual([0.03]);
    expect(holmAdjust([]).length).toBe(0);
  });

  it('rejects values that are not p-values', () => {
    expect(() => holmAdjust([0.1, 2.3])).toThrow(/expected p-values in \[0, 1\], found 2.3 at index 1; hint/);
    expect(() => holmAdjust([NaN])).toThrow(/found NaN at index 0/);
  });
});

describe('holmBonferroni', () => {
  it('rejects where the adjusted p-value is at most alpha', () => {
    const result = holmBonferroni([0.01, 0.04, 0.03, 0.005, 0.2, 0.04], { alpha: 0.05 });
    expect(Array.from(result.rejected)).toEqual([1, 0, 0, 1, 0, 0]);
    expect(result.alpha).toBe(0.05);
    expect(Array.from(holmBonferroni([0.01, 0.04, 0.03, 0.005, 0.2, 0.04], { alpha: 0.15 }).rejected)).toEqual([1, 1, 1, 1, 0, 1]);
  });

  it('rejects a bad alpha', () => {
    expect(() => holmBonferroni([0.1], { alpha: 5 })).toThrow(/expected alpha in \(0, 1\), found 5/);
  });
});
