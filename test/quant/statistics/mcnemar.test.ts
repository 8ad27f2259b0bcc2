import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mcnemarFromPredictions, mcnemarTest } from '../../../src/quant/statistics/mcnemar.js';
import { expectClose } from './expect-close.js';

// [b, c, statistic, chi2.sf(statistic, 1), binomtest(min(b, c), b + c, 0.5).pvalue] from scipy 1.17.1:
//   from scipy.stats import chi2, binomtest
//   s = max(0, abs(b - c) - 1)**2 / (b + c); chi2.sf(s, 1); binomtest(min(b, c), b + c, 0.5).pvalue
const CASES: ReadonlyArray<readonly [number, number, number, number, number]> = [
  [30, 18, 2.5208333333333335, 0.1123511976904641, 0.11140289106101878],
  [3, 9, 2.0833333333333335, 0.14891467317876161, 0.14599609375],
  [100, 70, 4.947058823529412, 0.02613509411386816, 0.025844387581341693],
  [12, 12, 0, 1, 1],
  [0, 7, 5.142857142857143, 0.02334220201289086, 0.015625],
  [1, 0, 0, 1, 1],
];

describe('mcnemarTest', () => {
  it('gives chi-square 4.05, p 0.044171 and exact p 0.041389 for b = 15, c = 5 (the acceptance case)', () => {
    const result = mcnemarTest(15, 5);
    expect(result.statistic).toBeCloseTo(4.05, 12);
    expectClose(result.pChiSquare, 0.044171, { absolute: 1e-6 }, 'chi-square p');
    expectClose(result.pExact, 0.041389, { absolute: 1e-6 }, 'exact p');
    expect(result.method).toBe('exact');
    expect(result.p).toBe(result.pExact);
  });

  it('matches scipy chi2.sf and binomtest to 1e-13 relative', () => {
    for (const [b, c, statistic, pChiSquare, pExact] of CASES) {
      const result = mcnemarTest(b, c);
      expectClose(result.statistic, statistic, { relative: 1e-15 }, `statistic ${b},${c}`);
      expectClose(result.pChiSquare, pChiSquare, { relative: 1e-13 }, `chi-square p ${b},${c}`);
      expectClose(result.pExact, pExact, { relative: 1e-13 }, `exact p ${b},${c}`);
    }
  });

  it('reports the exact p below 25 discordant rows and the chi-square p from 25 on', () => {
    expect(mcnemarTest(20, 4).method).toBe('exact');
    const at25 = mcnemarTest(20, 5);
    expect(at25.method).toBe('chi-square');
    expect(at25.p).toBe(at25.pChiSquare);
  });

  it('gives p = 1 and statistic 0 when the models never disagree', () => {
    expect(mcnemarTest(0, 0)).toEqual({ b: 0, c: 0, statistic: 0, pChiSquare: 1, pExact: 1, method: 'exact', p: 1 });
  });

  it('is symmetric in b and c and keeps every p-value in (0, 1]', () => {
    fc.assert(
      fc.property(fc.nat(400), fc.nat(400), (b, c) => {
        const forward = mcnemarTest(b, c);
        const backward = mcnemarTest(c, b);
        expect(backward.statistic).toBe(forward.statistic);
        expect(backward.pExact).toBe(forward.pExact);
        for (const p of [forward.pExact, forward.pChiSquare]) {
          expect(p).toBeGreaterThan(0);
          expect(p).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('rejects counts that are not non-negative integers', () => {
    expect(() => mcnemarTest(-1, 3)).toThrow(/expected b a non-negative integer.*found -1; hint/);
    expect(() => mcnemarTest(2, 1.5)).toThrow(/expected c a non-negative integer/);
  });
});

describe('mcnemarFromPredictions', () => {
  it('counts b as A right and B wrong, c as A wrong and B right, skipping unlabelled rows', () => {
    const labels = Int8Array.from([1, 0, 1, 1, 0, -1, 1, 0]);
    const predA = Int8Array.from([1, 0, 0, 1, 1, 1, 1, 0]);
    const predB = Int8Array.from([0, 0, 1, 0, 1, 0, 1, 1]);
    // rows: 0 b, 1 both right, 2 c, 3 b, 4 both wrong, 5 skipped, 6 both right, 7 b
    const result = mcnemarFromPredictions(labels, predA, predB);
    expect([result.b, result.c]).toEqual([3, 1]);
    expect(result.pExact).toBe(mcnemarTest(3, 1).pExact);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => mcnemarFromPredictions([1, 0], [1], [0, 0])).toThrow(/expected labels, predA and predB of one length, found lengths 2, 1 and 2/);
  });
});
