import { describe, expect, it } from 'vitest';
import { erf, erfc, logGamma, stirlingError } from '../../../src/quant/statistics/special-functions.js';
import { expectClose } from './expect-close.js';

// [x, erfc(x), erf(x)] from scipy 1.17.1:
//   import scipy.special as s; [[x, s.erfc(x), s.erf(x)] for x in xs]
const ERF: ReadonlyArray<readonly [number, number, number]> = [
  [-30.0, 2.0, -1.0],
  [-3.0, 1.9999779095030015, -0.9999779095030014],
  [-1.0, 1.8427007929497148, -0.8427007929497148],
  [-0.3, 1.3286267594591274, -0.3286267594591274],
  [0.0, 1.0, 0.0],
  [1e-10, 0.999999999887162, 1.1283791670955126e-10],
  [0.2, 0.7772974107895215, 0.22270258921047845],
  [0.46875, 0.507386526782062, 0.492613473217938],
  [0.47, 0.5062549491139179, 0.49374505088608206],
  [1.0, 0.15729920705028516, 0.8427007929497148],
  [2.0, 0.004677734981047266, 0.9953222650189527],
  [3.9, 3.479224859723178e-8, 0.9999999652077514],
  [4.1, 6.7000276540849075e-9, 0.9999999932999724],
  [6.0, 2.1519736712498913e-17, 1.0],
  [10.0, 2.0884875837625446e-45, 1.0],
  [20.0, 5.395865611607901e-176, 1.0],
  [26.5, 2.2109076642637343e-307, 1.0],
];

// [x, lnΓ(x)] from scipy 1.17.1: [[x, scipy.special.gammaln(x)] for x in xs]
const LOG_GAMMA: ReadonlyArray<readonly [number, number]> = [
  [1e-8, 18.42068073818021],
  [0.1, 2.252712651734206],
  [0.5, 0.5723649429247],
  [1.5, -0.12078223763524526],
  [2.5, 0.2846828704729192],
  [7.3, 7.147892523022249],
  [9.99, 12.779315214350195],
  [10.0, 12.801827480081469],
  [10.5, 13.940625219403763],
  [50.0, 144.56574394634487],
  [1234.5, 7550.550901077894],
  [1e6, 12815504.569147611],
];

describe('erfc and erf', () => {
  it('match scipy to 1e-14 relative across all three of Cody\'s ranges and far into the tail', () => {
    for (const [x, complement, value] of ERF) {
      expectClose(erfc(x), complement, { relative: 1e-14 }, `erfc(${x})`);
      expectClose(erf(x), value, { relative: 1e-14 }, `erf(${x})`);
    }
  });

  it('are odd and complementary: erf(-x) = -erf(x), erfc(x) + erfc(-x) = 2', () => {
    for (const x of [0.01, 0.3, 0.9, 2.2, 5.5]) {
      expect(erf(-x)).toBe(-erf(x));
      expectClose(erfc(x) + erfc(-x), 2, { relative: 1e-15 }, `x=${x}`);
    }
  });

  it('underflows to 0 beyond x = 27.3 and passes NaN through', () => {
    expect(erfc(28)).toBe(0);
    expect(erfc(-28)).toBe(2);
    expect(erfc(NaN)).toBeNaN();
    expect(erf(NaN)).toBeNaN();
  });
});

describe('logGamma and stirlingError', () => {
  it('match scipy.special.gammaln to 1e-14 relative plus 1e-14 absolute (near the zeros at 1 and 2)', () => {
    for (const [x, expected] of LOG_GAMMA) expectClose(logGamma(x), expected, { relative: 1e-14, absolute: 1e-14 }, `lnΓ(${x})`);
  });

  it('give lnΓ(n) = ln((n-1)!) for small integers and NaN for x <= 0', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      expectClose(logGamma(n), Math.log(factorial), { absolute: 2e-15, relative: 1e-15 }, `n=${n}`);
      factorial *= n;
    }
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1.5)).toBeNaN();
  });

  it('keeps δ(x) = lnΓ(x) - Stirling\'s base consistent on both sides of the switch at 10', () => {
    for (const x of [0.5, 3.3, 9.999, 10, 10.001, 40]) {
      const base = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI);
      expectClose(stirlingError(x), logGamma(x) - base, { absolute: 1e-14 }, `δ(${x})`);
    }
    expectClose(stirlingError(1000), 1 / 12000 - 1 / (360 * 1e9) + 1 / (1260 * 1e15), { relative: 1e-15 }, 'δ(1000)');
  });
});
