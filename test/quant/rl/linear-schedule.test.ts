import { describe, expect, it } from 'vitest';
import { linearSchedule, toSchedule } from '../../../src/quant/rl/linear-schedule.js';

describe('linearSchedule', () => {
  it('moves epsilon from 1.0 to 0.01 over the first 10% of training, then holds it', () => {
    const epsilon = linearSchedule({ start: 1, end: 0.01, fraction: 0.1 });
    expect(epsilon(0)).toBe(1);
    expect(epsilon(0.05)).toBeCloseTo(0.505, 12);
    expect(epsilon(0.025)).toBeCloseTo(1 - 0.99 / 4, 12);
    expect(epsilon(0.1)).toBe(0.01);
    expect(epsilon(0.7)).toBe(0.01);
    expect(epsilon(1)).toBe(0.01);
  });

  it('anneals beta upwards over all of training and clamps progress outside [0, 1]', () => {
    const beta = linearSchedule({ start: 0.4, end: 1, fraction: 1 });
    expect(beta(-3)).toBe(0.4);
    expect(beta(0.5)).toBeCloseTo(0.7, 12);
    expect(beta(2)).toBe(1);
  });

  it('jumps to the end value at once when the fraction is 0', () => {
    expect(linearSchedule({ start: 5, end: 2, fraction: 0 })(0)).toBe(2);
  });

  it('turns a plain number into a constant and rejects bad options', () => {
    expect(toSchedule(1e-4)(0.3)).toBe(1e-4);
    expect(toSchedule({ start: 1e-3, end: 0, fraction: 1 })(0.25)).toBeCloseTo(7.5e-4, 15);
    expect(() => linearSchedule({ start: 1, end: 0, fraction: 1.5 })).toThrow(/fraction/);
    expect(() => toSchedule(Number.NaN)).toThrow(/finite/);
  });
});
