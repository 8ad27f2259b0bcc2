import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binomialHalfCdf, binomialHalfPmf } from '../../../src/quant/statistics/binomial-distribution.js';
import { chiSquareOneDfSf } from '../../../src/quant/statistics/chi-square-distribution.js';
import { normalCdf, normalQuantile, normalSf } from '../../../src/quant/statistics/normal-distribution.js';
import { studentTCdf, studentTSf } from '../../../src/quant/statistics/student-t-distribution.js';
import { regularizedIncompleteBeta } from '../../../src/quant/statistics/incomplete-beta.js';
import { expectClose } from './expect-close.js';

// All reference values from scipy 1.17.1 (python3 -c "from scipy.stats import norm, t, binom, chi2; ..."):
// [x, norm.cdf(x), norm.sf(x)]
const NORMAL: ReadonlyArray<readonly [number, number, number]> = [
  [-37.0, 5.7255712225239266e-300, 1.0],
  [-30.0, 4.906713927147908e-198, 1.0],
  [-20.0, 2.7536241186061556e-89, 1.0],
  [-8.0, 6.22096057427174e-16, 0.9999999999999993],
  [-3.0, 0.0013498980316300933, 0.9986501019683699],
  [-1.0, 0.15865525393145707, 0.8413447460685429],
  [-0.1, 0.460172162722971, 0.539827837277029],
  [0.0, 0.5, 0.5],
  [0.5, 0.6914624612740131, 0.3085375387259869],
  [2.0, 0.9772498680518208, 0.022750131948179195],
  [5.0, 0.9999997133484281, 2.866515718791933e-7],
  [8.3, 1.0, 5.2055697448902465e-17],
  [30.0, 1.0, 4.906713927147908e-198],
];
// [p, norm.ppf(p)]
const QUANTILE: ReadonlyArray<readonly [number, number]> = [
  [1e-300, -37.0470962993612],
  [1e-100, -21.273453560965322],
  [1e-20, -9.262340089798409],
  [1e-10, -6.361340902404056],
  [1e-5, -4.264890793922825],
  [0.001, -3.090232306167813],
  [0.02425, -1.972961051311885],
  [0.07, -1.4757910281791706],
  [0.075, -1.4395314709384563],
  [0.3, -0.5244005127080409],
  [0.5, 0.0],
  [0.51, 0.02506890825871106],
  [0.7, 0.5244005127080407],
  [0.97, 1.8807936081512509],
  [0.999999, 4.753424308817087],
  [0.999999999999, 7.0344869100478356],
];
// [t, dof, t.cdf(t, dof), t.sf(t, dof)]
const STUDENT_T: ReadonlyArray<readonly [number, number, number, number]> = [
  [0.5, 1.0, 0.6475836176504333, 0.35241638234956674],
  [2.0, 1.0, 0.8524163823495667, 0.14758361765043326],
  [-3.0, 2.5, 0.036288047774515914, 0.9637119522254841],
  [1.96, 10.0, 0.9607818798761502, 0.039218120123849856],
  [-1.2, 30.0, 0.11976517544483119, 0.8802348245551688],
  [4.0, 29.0, 0.9997999680271737, 0.00020003197282624587],
  [10.0, 5.0, 0.9999145262121285, 8.547378787148181e-5],
  [50.0, 3.0, 0.9999911914239794, 8.808576020635984e-6],
  [0.01, 1000.0, 0.5039883590339064, 0.4960116409660936],
  [2.5, 2499.0, 0.9937585208978729, 0.006241479102127121],
  [-6.0, 2499.0, 1.1297390242731816e-9, 0.999999998870261],
  [1e-8, 7.0, 0.5000000038499145, 0.4999999961500855],
  [3.0, 0.3, 0.7493311551561903, 0.2506688448438097],
  [-40.0, 4.0, 1.1670081613006339e-6, 0.9999988329918387],
];
// [t, dof, P(T > t)] for many degrees of freedom, from mpmath at 40 digits (scipy's own
// error is near 1e-13 there):
//   mp.betainc(d / 2, mp.mpf(1) / 2, 0, d / (d + t**2), regularized=True) / 2
const STUDENT_T_LARGE_DOF: ReadonlyArray<readonly [number, number, number]> = [
  [0.5, 1e4, 0.3085430396616167],
  [1.5, 1e4, 0.06682298591180981],
  [2.5, 1e4, 0.006217609775291849],
  [4, 1e4, 3.1899334411569814e-5],
  [0.5, 1e5, 0.308538088827209],
  [1.5, 1e5, 0.0668087797614153],
  [2.5, 1e5, 0.006210459596279523],
  [4, 1e5, 3.169399877859767e-5],
];
// [k, n, binom.cdf(k, n, 0.5)]
const BINOMIAL: ReadonlyArray<readonly [number, number, number]> = [
  [0, 1, 0.5],
  [5, 20, 0.020694732666015625],
  [3, 24, 0.0001385807991027832],
  [12, 24, 0.5805901288986206],
  [13, 25, 0.6549810171127319],
  [20, 25, 0.9995447397232056],
  [0, 1000, 9.332636185032189e-302],
  [480, 1000, 0.10872414660207075],
  [499, 1000, 0.48738749091081973],
  [500, 1000, 0.5126125090891802],
  [4800, 10000, 3.2967577993361714e-5],
  [49000, 100000, 1.2943580191734472e-10],
];
// [x, chi2.sf(x, 1)]
const CHI_SQUARE: ReadonlyArray<readonly [number, number]> = [
  [0.001, 0.9747728793699604],
  [0.5, 0.47950012218695337],
  [3.84, 0.05004352124870519],
  [4.05, 0.04417134490844271],
  [30.0, 4.3204630578274955e-8],
  [500.0, 9.505397766554137e-111],
];

describe('normal distribution', () => {
  it('gives Φ and 1 - Φ to 1e-13 relative down to x = -37 (1e-300), where erfc\'s argument rounding is the limit', () => {
    for (const [x, cdf, sf] of NORMAL) {
      expectClose(normalCdf(x), cdf, { relative: 1e-13 }, `Φ(${x})`);
      expectClose(normalSf(x), sf, { relative: 1e-13 }, `1-Φ(${x})`);
    }
  });

  it('gives Φ⁻¹ to 1e-15 relative from p = 1e-300 to 1 - 1e-12', () => {
    for (const [p, x] of QUANTILE) expectClose(normalQuantile(p), x, { relative: 1e-15, absolute: 1e-300 }, `Φ⁻¹(${p})`);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });

  it('inverts: Φ(Φ⁻¹(p)) = p for any p in (0, 1)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1 - 1e-16, noNaN: true }), (p) => {
        expectClose(normalCdf(normalQuantile(p)), p, { relative: 1e-12 }, `p=${p}`);
      }),
    );
  });
});

describe('Student t distribution', () => {
  it('gives the cdf and survival function to 1e-12 relative for 0.3 to 2499 degrees of freedom', () => {
    for (const [t, dof, cdf, sf] of STUDENT_T) {
      expectClose(studentTCdf(t, dof), cdf, { relative: 1e-12 }, `cdf(${t}; ${dof})`);
      expectClose(studentTSf(t, dof), sf, { relative: 1e-12 }, `sf(${t}; ${dof})`);
    }
  });

  it('keeps 1e-12 relative at 1e4 degrees of freedom and 1e-11 at 1e5, on both sides of the switch at t² = 4', () => {
    for (const [t, dof, sf] of STUDENT_T_LARGE_DOF) {
      expectClose(studentTSf(t, dof), sf, { relative: dof <= 1e4 ? 1e-12 : 1e-11 }, `sf(${t}; ${dof})`);
    }
  });

  it('is symmetric and tends to the normal as the degrees of freedom grow', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0.5, max: 500, noNaN: true }), (t, dof) => {
        expectClose(studentTCdf(t, dof), studentTSf(-t, dof), { relative: 1e-15 }, `t=${t}`);
        expectClose(studentTCdf(t, dof) + studentTSf(t, dof), 1, { relative: 1e-14 }, `t=${t}`);
      }),
    );
    expectClose(studentTSf(2, 1e7), normalSf(2), { relative: 1e-6 }, 'dof 1e7');
  });

  it('gives NaN for a non-positive dof and the limits at ±Infinity', () => {
    expect(studentTCdf(1, 0)).toBeNaN();
    expect(studentTSf(1, -2)).toBeNaN();
    expect(studentTCdf(Infinity, 3)).toBe(1);
    expect(studentTSf(-Infinity, 3)).toBe(1);
  });

  it('has an incomplete beta with I_x(a, b) = 1 - I_(1-x)(b, a) and the closed form I_x(a, 1) = x^a', () => {
    for (const [a, x] of [[0.5, 0.3], [3, 0.9], [40, 0.95]] as const) {
      expectClose(regularizedIncompleteBeta(a, 1, x), x ** a, { relative: 1e-14 }, `a=${a}`);
      expectClose(regularizedIncompleteBeta(a, 2.5, x) + regularizedIncompleteBeta(2.5, a, 1 - x), 1, { relative: 1e-14 }, `a=${a}`);
    }
  });
});

describe('binomial distribution with p = ½', () => {
  it('gives the exact cdf to 1e-13 relative up to n = 100000 without overflow', () => {
    for (const [k, n, cdf] of BINOMIAL) expectClose(binomialHalfCdf(k, n), cdf, { relative: 1e-13 }, `P(X<=${k}; ${n})`);
  });

  it('matches the sum of exact integer binomial coefficients for every k when n <= 50', () => {
    for (const n of [1, 2, 7, 24, 25, 50]) {
      let coefficient = 1n;
      let cumulative = 0n;
      for (let k = 0; k <= n; k++) {
        cumulative += coefficient;
        const exact = Number(cumulative) / 2 ** n;
        expectClose(binomialHalfCdf(k, n), exact, { relative: 1e-14 }, `k=${k}, n=${n}`);
        expectClose(binomialHalfPmf(k, n), Number(coefficient) / 2 ** n, { relative: 1e-14 }, `pmf k=${k}, n=${n}`);
        coefficient = (coefficient * BigInt(n - k)) / BigInt(k + 1);
      }
    }
  });

  it('rejects counts that are not non-negative integers, with a hint', () => {
    expect(() => binomialHalfCdf(2.5, 10)).toThrow(/expected k a non-negative integer, found 2.5; hint/);
    expect(() => binomialHalfCdf(2, -1)).toThrow(/expected n a non-negative integer, found -1/);
  });
});

describe('chi-square with one degree of freedom', () => {
  it('gives the survival function to 1e-13 relative', () => {
    for (const [x, sf] of CHI_SQUARE) expectClose(chiSquareOneDfSf(x), sf, { relative: 1e-13 }, `χ²(${x})`);
    expect(chiSquareOneDfSf(0)).toBe(1);
  });
});
