import { describe, expect, it } from 'vitest';
import { summarizeSeeds } from '../../../src/quant/statistics/seed-summary.js';
import { expectClose } from './expect-close.js';

describe('summarizeSeeds', () => {
  it('gives mean ± std (ddof 1) and n as numbers and as text', () => {
    // numpy: np.mean([.50, .52, .51, .53, .50]) = 0.512, np.std(..., ddof=1) = 0.013038404810405309
    const summary = summarizeSeeds(Float64Array.from([0.5, 0.52, 0.51, 0.53, 0.5]));
    expectClose(summary.mean, 0.512, { relative: 1e-15 }, 'mean');
    expectClose(summary.std, 0.013038404810405309, { relative: 1e-12 }, 'std');
    expect(summary.n).toBe(5);
    expect(summary.text).toBe('0.512 ± 0.013 (n=5)');
  });

  it('honours the number of decimals', () => {
    expect(summarizeSeeds([1.25, 1.75], { digits: 1 }).text).toBe('1.5 ± 0.4 (n=2)');
  });

  it('gives a NaN std and no ± for a single seed', () => {
    const one = summarizeSeeds([0.7]);
    expect(one.std).toBeNaN();
    expect(one.text).toBe('0.700 (n=1)');
  });

  it('rejects no values, NaN values and bad digits', () => {
    expect(() => summarizeSeeds([])).toThrow(/at least 1 value, found 0; hint: too few observations/);
    expect(() => summarizeSeeds([0.5, NaN])).toThrow(/found NaN at index 1/);
    expect(() => summarizeSeeds([0.5], { digits: -1 })).toThrow(/digits an integer in \[0, 20\]/);
  });
});
