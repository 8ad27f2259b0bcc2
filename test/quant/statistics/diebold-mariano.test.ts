import { describe, expect, it } from 'vitest';
import { dieboldMariano, dieboldMarianoReturns } from '../../../src/quant/statistics/diebold-mariano.js';
import { expectClose } from './expect-close.js';

/*
 * Reference values from numpy 2.4 / scipy 1.17.1:
 *   import numpy as np; from scipy import stats
 *   T = 40; t = np.arange(T)
 *   a = ((t * 37) % 11) / 10 - 0.5 + 0.3 * np.sin(t)
 *   b = ((t * 23) % 7) / 7 - 0.45 + 0.2 * np.cos(1.3 * t)
 *   def dm(la, lb, h):
 *       d = la - lb; n = len(d); m = d.mean(); c = d - m
 *       g = [np.sum(c[k:] * c[:n - k]) / n for k in range(h)]
 *       v = (g[0] + 2 * sum(g[1:])) / n
 *       s = m / np.sqrt(v) * np.sqrt((n + 1 - 2 * h + h * (h - 1) / n) / n)
 *       return s, 2 * stats.t.sf(abs(s), n - 1), stats.t.sf(s, n - 1), stats.t.cdf(s, n - 1), m
 *   dm(a ** 2, b ** 2, h) for h in (1, 3, 5);  dm(-b, -a, 2)  # returns: model a, benchmark b
 */
const T = 40;
const a = Float64Array.from({ length: T }, (_, t) => ((t * 37) % 11) / 10 - 0.5 + 0.3 * Math.sin(t));
const b = Float64Array.from({ length: T }, (_, t) => ((t * 23) % 7) / 7 - 0.45 + 0.2 * Math.cos(1.3 * t));
const squaredA = a.map((x) => x * x);
const squaredB = b.map((x) => x * x);

// [h, statistic, pTwoSided, pGreater, pLess, meanDifferential]
const SQUARED_LOSS: ReadonlyArray<readonly number[]> = [
  [1, 1.3692953032319983, 0.1787411896798101, 0.08937059483990505, 0.9106294051600949, 0.04583394058459068],
  [3, 4.1243440982295425, 0.00018848194705760833, 9.424097352880417e-5, 0.9999057590264712, 0.04583394058459068],
  [5, 2.579602011448091, 0.013775209391236278, 0.006887604695618139, 0.9931123953043819, 0.04583394058459068],
];

function expectResult(actual: ReturnType<typeof dieboldMariano>, row: readonly number[], label: string): void {
  const [, statistic, pTwoSided, pGreater, pLess, mean] = row as [number, number, number, number, number, number];
  expectClose(actual.statistic, statistic, { relative: 1e-9 }, `${label} statistic`);
  expectClose(actual.pTwoSided, pTwoSided, { relative: 1e-9 }, `${label} two-sided p`);
  expectClose(actual.pGreater, pGreater, { relative: 1e-9 }, `${label} p greater`);
  expectClose(actual.pLess, pLess, { relative: 1e-9 }, `${label} p less`);
  expectClose(actual.meanDifferential, mean, { relative: 1e-12 }, `${label} mean`);
}

describe('dieboldMariano', () => {
  it('matches a numpy/scipy implementation with the HLN correction to 1e-9 at horizons 1, 3 and 5', () => {
    for (const row of SQUARED_LOSS) {
      const result = dieboldMariano({ lossA: squaredA, lossB: squaredB, horizon: row[0]! });
      expectResult(result, row, `h=${row[0]}`);
      expect(result).toMatchObject({ observations: T, dof: T - 1, horizon: row[0], horizonUsed: row[0] });
    }
  });

  it('defaults to horizon 1 and flips the sign when the two forecasts swap', () => {
    const forward = dieboldMariano({ lossA: squaredA, lossB: squaredB });
    const backward = dieboldMariano({ lossA: squaredB, lossB: squaredA });
    expect(forward.horizon).toBe(1);
    expectClose(backward.statistic, -forward.statistic, { relative: 1e-14 }, 'swapped');
    expectClose(backward.pGreater, forward.pLess, { relative: 1e-14 }, 'swapped p');
  });

  it('falls back to horizon 1 when negative autocovariances make the long-run variance non-positive', () => {
    const lossA = Float64Array.from({ length: 30 }, (_, t) => (t % 2 === 0 ? 1.2 : -1));
    const lossB = new Float64Array(30);
    const result = dieboldMariano({ lossA, lossB, horizon: 2 });
    expect(result.horizonUsed).toBe(1);
    expect(result.statistic).toBe(dieboldMariano({ lossA, lossB, horizon: 1 }).statistic);
    expect(Number.isFinite(result.statistic)).toBe(true);
  });

  it('gives a NaN statistic and p = 1 when the loss differential is constant', () => {
    const identical = dieboldMariano({ lossA: squaredA, lossB: squaredA });
    expect(identical.statistic).toBeNaN();
    expect([identical.pTwoSided, identical.pGreater, identical.pLess]).toEqual([1, 1, 1]);
    const shifted = dieboldMariano({ lossA: squaredA.map((x) => x + 0.5), lossB: squaredA.map((x) => x - 0.5) });
    expect(shifted.statistic).toBeNaN();
    expect(shifted.pTwoSided).toBe(1);
  });

  it('rejects mismatched lengths, NaN losses and a horizon out of range', () => {
    expect(() => dieboldMariano({ lossA: squaredA, lossB: squaredB.subarray(1) })).toThrow(/found lengths 40 and 39/);
    expect(() => dieboldMariano({ lossA: [1, NaN, 2], lossB: [1, 2, 3] })).toThrow(/lossA of finite numbers, found NaN at index 1/);
    expect(() => dieboldMariano({ lossA: squaredA, lossB: squaredB, horizon: 0 })).toThrow(/horizon an integer in \[1, 39\], found 0/);
  });
});

describe('dieboldMarianoReturns', () => {
  it('tests d = r_model - r_benchmark: positive when the model earns more, matching numpy to 1e-9', () => {
    const result = dieboldMarianoReturns({ model: a, benchmark: b, horizon: 2 });
    expectResult(result, [2, 0.2256079435887097, 0.8226844790864237, 0.41134223954321186, 0.5886577604567882, 0.016067575599065097], 'returns');
  });

  it('finds a model that beats the benchmark by a steady margin significant one-sided', () => {
    const benchmark = b;
    const model = b.map((r, t) => r + 0.02 + 0.01 * Math.sin(3 * t));
    const result = dieboldMarianoReturns({ model, benchmark });
    expect(result.statistic).toBeGreaterThan(5);
    expect(result.pGreater).toBeLessThan(1e-6);
    expect(result.pLess).toBeGreaterThan(0.999);
  });
});
