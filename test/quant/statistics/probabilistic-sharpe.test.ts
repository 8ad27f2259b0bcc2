import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflatedSharpeRatio, expectedMaxSharpe } from '../../../src/quant/statistics/deflated-sharpe.js';
import { normalCdf } from '../../../src/quant/statistics/normal-distribution.js';
import { probabilisticSharpeRatio, probabilisticSharpeScore } from '../../../src/quant/statistics/probabilistic-sharpe.js';
import { sampleShape, sampleStd } from '../../../src/quant/statistics/sample-moments.js';
import { expectClose } from './expect-close.js';

/*
 * Reference values from numpy 2.4 / scipy 1.17.1:
 *   import numpy as np; from scipy import stats
 *   t = np.arange(120)
 *   r = 0.002 + 0.01 * np.sin(1.7 * t) + 0.004 * np.cos(0.3 * t) ** 3 + np.where(t % 29 == 0, -0.03, 0.0)
 *   sr = r.mean() / r.std(ddof=1); g3 = stats.skew(r); g4 = stats.kurtosis(r, fisher=False); T = len(r)
 *   def psr(sr0, k=g4):
 *       return stats.norm.cdf((sr - sr0) * np.sqrt(T - 1) / np.sqrt(1 - g3 * sr + (k - 1) / 4 * sr ** 2))
 *   psr(0.0); psr(0.05); psr(0.05, g4 - 3)   # the last: the excess-kurtosis mistake
 *   trials = np.array([0.05, 0.12, -0.03, 0.08, 0.10, 0.02, 0.15, 0.07]); N = len(trials); g = np.euler_gamma
 *   sr0 = np.sqrt(trials.var(ddof=1)) * ((1 - g) * stats.norm.ppf(1 - 1 / N) + g * stats.norm.ppf(1 - 1 / (N * np.e)))
 *   psr(sr0)
 */
const returns = Float64Array.from({ length: 120 }, (_, t) => 0.002 + 0.01 * Math.sin(1.7 * t) + 0.004 * Math.cos(0.3 * t) ** 3 + (t % 29 === 0 ? -0.03 : 0));
const REF = {
  sharpe: 0.07597761440888849,
  skewness: -1.2628951697184436,
  kurtosis: 5.789083693225066,
  psrAtZero: 0.7850084119214928,
  psrAtFivePercent: 0.6063596668371793,
  psrWithExcessKurtosis: 0.6065640010547912,
  expectedMaxSharpe: 0.08326795248932634,
  dsr: 0.4698174822504777,
};
const TRIALS = Float64Array.from([0.05, 0.12, -0.03, 0.08, 0.10, 0.02, 0.15, 0.07]);

describe('probabilisticSharpeRatio', () => {
  it('matches scipy for the per-period Sharpe, biased skewness and RAW kurtosis, and PSR, to 1e-9', () => {
    const at0 = probabilisticSharpeRatio({ returns });
    expectClose(at0.sharpe, REF.sharpe, { relative: 1e-12 }, 'sharpe');
    expectClose(at0.skewness, REF.skewness, { relative: 1e-10 }, 'skewness');
    expectClose(at0.kurtosis, REF.kurtosis, { relative: 1e-10 }, 'kurtosis');
    expectClose(at0.psr, REF.psrAtZero, { relative: 1e-9 }, 'PSR(0)');
    const at5 = probabilisticSharpeRatio({ returns, benchmarkSharpe: 0.05 });
    expectClose(at5.psr, REF.psrAtFivePercent, { relative: 1e-9 }, 'PSR(0.05)');
    expect(at5).toMatchObject({ benchmarkSharpe: 0.05, observations: 120 });
  });

  it('uses raw kurtosis: the excess-kurtosis formula of some libraries gives a different value', () => {
    const psr = probabilisticSharpeRatio({ returns, benchmarkSharpe: 0.05 }).psr;
    expect(Math.abs(psr - REF.psrWithExcessKurtosis)).toBeGreaterThan(1e-4);
    const excess = normalCdf(probabilisticSharpeScore({ sharpe: REF.sharpe, skewness: REF.skewness, kurtosis: REF.kurtosis - 3, observations: 120 }, 0.05));
    expectClose(excess, REF.psrWithExcessKurtosis, { relative: 1e-9 }, 'excess variant reproduces the wrong value');
  });

  it('is ½ at SR* = SR and falls as the benchmark Sharpe rises', () => {
    const sharpe = probabilisticSharpeRatio({ returns }).sharpe;
    expectClose(probabilisticSharpeRatio({ returns, benchmarkSharpe: sharpe }).psr, 0.5, { absolute: 1e-15 }, 'at SR');
    fc.assert(
      fc.property(fc.double({ min: -0.5, max: 0.5, noNaN: true }), fc.double({ min: 1e-4, max: 0.2, noNaN: true }), (low, step) => {
        const lower = probabilisticSharpeRatio({ returns, benchmarkSharpe: low }).psr;
        const higher = probabilisticSharpeRatio({ returns, benchmarkSharpe: low + step }).psr;
        expect(higher).toBeLessThanOrEqual(lower);
      }),
    );
  });

  it('rejects a constant or NaN series with a hint', () => {
    expect(() => probabilisticSharpeRatio({ returns: [0.01, 0.01, 0.01, 0.01] })).toThrow(/expected returns that vary, found a constant series/);
    expect(() => probabilisticSharpeRatio({ returns: [0.01, Infinity, 0.02] })).toThrow(/found Infinity at index 1/);
  });
});

describe('deflatedSharpeRatio', () => {
  it('matches scipy for SR0 and DSR over 8 trials to 1e-9', () => {
    expectClose(expectedMaxSharpe(TRIALS), REF.expectedMaxSharpe, { relative: 1e-9 }, 'SR0');
    const result = deflatedSharpeRatio({ returns, trialSharpes: TRIALS });
    expectClose(result.dsr, REF.dsr, { relative: 1e-9 }, 'DSR');
    expect(result.trials).toBe(8);
    expect(result.expectedMaxSharpe).toBe(expectedMaxSharpe(TRIALS));
  });

  it('is the plain PSR(0) when only one variant was tried', () => {
    expect(expectedMaxSharpe([0.3])).toBe(0);
    expect(deflatedSharpeRatio({ returns, trialSharpes: [0.3] }).dsr).toBe(probabilisticSharpeRatio({ returns }).psr);
  });

  it('deflates more as more variants with the same spread are tried', () => {
    const spreadOf = (n: number) => Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0.1 : -0.1));
    let previous = probabilisticSharpeRatio({ returns }).psr;
    for (const n of [2, 10, 100, 1000]) {
      const trials = spreadOf(n);
      const scaled = trials.map((x) => (x * 0.1) / sampleStd(trials)); // same std 0.1 at every N
      const dsr = deflatedSharpeRatio({ returns, trialSharpes: scaled }).dsr;
      expect(dsr).toBeLessThan(previous);
      previous = dsr;
    }
  });
});

describe('sampleShape', () => {
  it('gives skewness 0 and raw kurtosis 1.7 for the evenly spaced sample 1..5 (by hand: m4/m2² = 6.8/4)', () => {
    const { skewness, kurtosis } = sampleShape([1, 2, 3, 4, 5]);
    expectClose(skewness, 0, { absolute: 1e-15 }, 'skewness');
    expectClose(kurtosis, 1.7, { relative: 1e-15 }, 'kurtosis');
  });
});
