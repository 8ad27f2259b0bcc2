import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/quant/data/random-stream.js';
import { differentialSharpe, differentialSharpeSeries, nextMomentA, nextMomentB } from '../../../src/quant/rl/differential-sharpe.js';

/** 300 daily-like returns: drift 5e-4, volatility 1e-2, a fixed seed. */
const RETURNS = (() => {
  const random = new RandomStream(11);
  return Array.from({ length: 300 }, () => 5e-4 + 0.01 * random.nextNormal());
})();

/**
 * The formula written out independently: the moment series first, then
 * D_t = (B_{t-1} (A_t - A_{t-1}) - A_{t-1} (B_t - B_{t-1}) / 2) / (B_{t-1} - A_{t-1}^2)^1.5.
 */
function reference(returns: readonly number[], eta: number, minVariance: number): number[] {
  const A = [0];
  const B = [0];
  for (const r of returns) {
    A.push((1 - eta) * A.at(-1)! + eta * r);
    B.push((1 - eta) * B.at(-1)! + eta * r ** 2);
  }
  return returns.map((_, k) => {
    const variance = B[k]! - A[k]! ** 2;
    if (variance <= minVariance) return 0;
    return (B[k]! * (A[k + 1]! - A[k]!) - 0.5 * A[k]! * (B[k + 1]! - B[k]!)) / Math.pow(variance, 1.5);
  });
}

describe('differential Sharpe ratio', () => {
  it('matches a direct implementation of Moody and Saffell on a fixed return series to 1e-12', () => {
    for (const [eta, minVariance] of [[0.01, 0], [0.01, 1e-5], [0.1, 1e-6]] as const) {
      const ours = differentialSharpeSeries(RETURNS, eta, minVariance);
      const theirs = reference(RETURNS, eta, minVariance);
      let nonZero = 0;
      for (let t = 0; t < RETURNS.length; t++) {
        expect(Math.abs(ours[t]! - theirs[t]!), `t = ${t}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(theirs[t]!)));
        if (theirs[t] !== 0) nonZero++;
      }
      expect(nonZero).toBeGreaterThan(200);
    }
  });

  it('gives hand-computed values on a three-step series with eta = 0.5', () => {
    // R = 0.1, 0.1, 0. A: 0, 0.05, 0.075; B: 0, 0.005, 0.0075.
    // D_1 = 0: the variance before it is 0.
    // D_2: variance 0.0025, dA = 0.025, dB = 0.0025: (0.005 * 0.025 - 0.5 * 0.05 * 0.0025) / 0.0025^1.5 = 0.5.
    // D_3: variance 3/1600, dA = -0.0375, dB = -0.00375: -(9/64000) / (3 sqrt(3) / 64000) = -sqrt(3).
    const d = differentialSharpeSeries([0.1, 0.1, 0], 0.5);
    expect(d[0]).toBe(0);
    expect(d[1]).toBeCloseTo(0.5, 13);
    expect(d[2]).toBeCloseTo(-Math.sqrt(3), 13);
    expect(nextMomentA(0.05, 0.1, 0.5)).toBeCloseTo(0.075, 15);
    expect(nextMomentB(0.005, 0.1, 0.5)).toBeCloseTo(0.0075, 15);
  });

  it('is 0 while the running variance is not above the threshold', () => {
    expect(differentialSharpe(0, 0, 0.05, 0.01)).toBe(0);
    expect(differentialSharpe(0.01, 0.0001, 0.05, 0.01)).toBe(0);
    expect(differentialSharpe(0.01, 0.0002, 0.05, 0.01, 0.0001)).toBe(0);
    expect(differentialSharpe(0.01, 0.0002, 0.05, 0.01, 0.00009)).not.toBe(0);
  });
});
