import { expect } from 'vitest';

/**
 * Expects |actual - expected| <= relative |expected| + absolute, and says which case failed
 * and by how much, so a table of reference values reports its worst row legibly.
 */
export function expectClose(actual: number, expected: number, tolerance: { relative?: number; absolute?: number }, label = ''): void {
  const bound = (tolerance.relative ?? 0) * Math.abs(expected) + (tolerance.absolute ?? 0);
  const error = Math.abs(actual - expected);
  if (!(error <= bound) && actual !== expected) {
    expect.fail(`${label}: got ${actual}, expected ${expected} (error ${error.toExponential(2)} > bound ${bound.toExponential(2)})`);
  }
}
