import { expect } from 'vitest';

/** Float64Array from numbers, `null` for NaN (warm-up). */
export function series(values: readonly (number | null)[]): Float64Array {
  return Float64Array.from(values, (v) => (v === null ? Number.NaN : v));
}

/** Same NaN pattern as `expected` (null = NaN) and values within 1e-12 relative. */
export function expectValues(actual: Float64Array, expected: readonly (number | null)[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((want, row) => {
    const got = actual[row]!;
    if (want === null) {
      expect(got, `row ${row} should be NaN`).toBeNaN();
      return;
    }
    const scale = Math.max(1, Math.abs(want));
    expect(Math.abs(got - want) / scale, `row ${row}: got ${got}, want ${want}`).toBeLessThanOrEqual(1e-12);
  });
}
