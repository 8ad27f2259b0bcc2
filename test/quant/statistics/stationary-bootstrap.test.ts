import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/quant/data/random-stream.js';
import { bootstrapSharpeInterval, fillStationaryResample, sortedQuantile } from '../../../src/quant/statistics/stationary-bootstrap.js';
import { expectClose } from './expect-close.js';

/** n iid normal returns with the given per-period mean and standard deviation. */
function normalReturns(n: number, options: { mean: number; std: number; seed: number }): Float64Array {
  const random = new RandomStream(options.seed, 1);
  const out = new Float64Array(n);
  random.fillNormal(out);
  for (let i = 0; i < n; i++) out[i] = options.mean + options.std * out[i]!;
  return out;
}

describe('fillStationaryResample', () => {
  it('copies runs of consecutive source positions, wrapping around the end', () => {
    const source = Float64Array.from({ length: 50 }, (_, i) => i);
    const out = new Float64Array(5000);
    fillStationaryResample({ source, out, random: new RandomStream(3), meanBlockLength: 8 });
    let continued = 0;
    for (let i = 1; i < out.length; i++) if (out[i] === (out[i - 1]! + 1) % 50) continued++;
    // A new block starts with probability 1/8, and lands on the continuation 1/50 of the time.
    const expected = (out.length - 1) * (1 - 1 / 8 + 1 / 8 / 50);
    expect(Math.abs(continued - expected)).toBeLessThan(4 * Math.sqrt(out.length * (1 / 8) * (7 / 8)));
    expect(out.every((v) => Number.isInteger(v) && v >= 0 && v < 50)).toBe(true);
  });

  it('is the iid bootstrap when the mean block length is 1', () => {
    const source = Float64Array.from({ length: 1000 }, (_, i) => i);
    const out = new Float64Array(20000);
    fillStationaryResample({ source, out, random: new RandomStream(4), meanBlockLength: 1 });
    let continued = 0;
    for (let i = 1; i < out.length; i++) if (out[i] === (out[i - 1]! + 1) % 1000) continued++;
    expect(continued).toBeLessThan(60); // about 20 by chance alone
  });
});

describe('bootstrapSharpeInterval', () => {
  const returns = normalReturns(500, { mean: 0.0005, std: 0.01, seed: 11 });

  it('is deterministic given the seed and differs between seeds', () => {
    const a = bootstrapSharpeInterval(returns, { periodsPerYear: 252, seed: 1, resamples: 500 });
    const b = bootstrapSharpeInterval(returns, { periodsPerYear: 252, seed: 1, resamples: 500 });
    const c = bootstrapSharpeInterval(returns, { periodsPerYear: 252, seed: 2, resamples: 500 });
    expect(b).toEqual(a);
    expect(c.lower).not.toBe(a.lower);
    expect(c.upper).not.toBe(a.upper);
    expect(c.sharpe).toBe(a.sharpe);
  });

  it('gives the annualized point estimate mean / std(ddof 1) * sqrt(P) inside its interval', () => {
    const result = bootstrapSharpeInterval(returns, { periodsPerYear: 252, seed: 5 });
    let mean = 0;
    for (const r of returns) mean += r / returns.length;
    let ss = 0;
    for (const r of returns) ss += (r - mean) ** 2;
    expectClose(result.sharpe, (mean / Math.sqrt(ss / (returns.length - 1))) * Math.sqrt(252), { relative: 1e-12 }, 'sharpe');
    expect(result.lower).toBeLessThan(result.sharpe);
    expect(result.upper).toBeGreaterThan(result.sharpe);
    expect(result).toMatchObject({ resamples: 2000, confidence: 0.95, meanBlockLength: Math.cbrt(500) });
  });

  it('takes each resample\'s Sharpe from the same draws as fillStationaryResample', () => {
    // With 2 resamples the interval ends interpolate between the two sorted Sharpes s0 <= s1:
    // lower = s0 + (s1 - s0) q and upper = s0 + (s1 - s0)(1 - q), q = (1 - confidence) / 2.
    const confidence = 0.5;
    const q = (1 - confidence) / 2;
    const { lower, upper } = bootstrapSharpeInterval(returns, { periodsPerYear: 252, seed: 9, resamples: 2, confidence, meanBlockLength: 4 });
    const spread = (upper - lower) / (1 - 2 * q);
    const fromInterval = [(lower + upper - spread) / 2, (lower + upper + spread) / 2];
    const random = new RandomStream(9);
    const buffer = new Float64Array(returns.length);
    const direct = [0, 1].map(() => {
      fillStationaryResample({ source: returns, out: buffer, random, meanBlockLength: 4 });
      let mean = 0;
      for (const r of buffer) mean += r / buffer.length;
      let ss = 0;
      for (const r of buffer) ss += (r - mean) ** 2;
      return (mean / Math.sqrt(ss / (buffer.length - 1))) * Math.sqrt(252);
    }).sort((x, y) => x - y);
    expectClose(fromInterval[0]!, direct[0]!, { relative: 1e-10 }, 's0');
    expectClose(fromInterval[1]!, direct[1]!, { relative: 1e-10 }, 's1');
  });

  it('narrows as the confidence level falls', () => {
    const wide = bootstrapSharpeInterval(returns, { periodsPerYear: 252, seed: 5, confidence: 0.99 });
    const narrow = bootstrapSharpeInterval(returns, { periodsPerYear: 252, seed: 5, confidence: 0.5 });
    expect(narrow.upper - narrow.lower).toBeLessThan((wide.upper - wide.lower) / 2);
  });

  it('covers the true Sharpe about 95% of the time on iid normal returns', () => {
    // True annualized Sharpe 0.1 * sqrt(252) ≈ 1.59; 300 independent data sets of 250 days.
    const trueSharpe = 0.1 * Math.sqrt(252);
    const trials = 300;
    let covered = 0;
    for (let seed = 0; seed < trials; seed++) {
      const sample = normalReturns(250, { mean: 0.001, std: 0.01, seed: 1000 + seed });
      const { lower, upper } = bootstrapSharpeInterval(sample, { periodsPerYear: 252, seed, resamples: 400 });
      if (lower <= trueSharpe && trueSharpe <= upper) covered++;
    }
    // Binomial standard error sqrt(.95 * .05 / 300) ≈ 0.013; block resampling of iid data
    // under-covers slightly, so the band is asymmetric.
    expect(covered / trials).toBeGreaterThan(0.89);
    expect(covered / trials).toBeLessThan(0.99);
  });

  it('rejects NaN returns, a constant series and bad options with a hint', () => {
    expect(() => bootstrapSharpeInterval([0.1, NaN, 0.2], { periodsPerYear: 252, seed: 1 })).toThrow(/found NaN at index 1; hint: drop warm-up rows/);
    expect(() => bootstrapSharpeInterval([0.1, 0.1, 0.1], { periodsPerYear: 252, seed: 1 })).toThrow(/expected returns that vary/);
    expect(() => bootstrapSharpeInterval(returns, { periodsPerYear: 252, seed: 1, confidence: 95 })).toThrow(/expected confidence in \(0, 1\), found 95/);
    expect(() => bootstrapSharpeInterval(returns, { periodsPerYear: 252, seed: 1, meanBlockLength: 0.5 })).toThrow(/meanBlockLength in \[1, 500\]/);
  });
});

describe('sortedQuantile', () => {
  it('interpolates linearly like numpy.quantile', () => {
    // numpy.quantile([1, 2, 4, 8, 16], [0, 0.1, 0.5, 0.975, 1]) = [1, 1.4, 4, 15.2, 16]
    const sorted = Float64Array.from([1, 2, 4, 8, 16]);
    const qs = [0, 0.1, 0.5, 0.975, 1].map((q) => sortedQuantile(sorted, q));
    [1, 1.4, 4, 15.2, 16].forEach((v, i) => expectClose(qs[i]!, v, { relative: 1e-15 }, `q${i}`));
  });
});
