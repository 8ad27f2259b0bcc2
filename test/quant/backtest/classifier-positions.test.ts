import { describe, expect, it } from 'vitest';
import { classifierSignals, classifierWeight } from '../../../src/quant/backtest/classifier-positions.js';

describe('the classifier position rule', () => {
  const full = { threshold: 0.5, longShort: false, sizing: 'full' as const };

  it('goes all in when P(up) exceeds the threshold and flat otherwise, including at equality', () => {
    expect(classifierWeight(0.51, 0.49, full)).toBe(1);
    expect(classifierWeight(0.5, 0.5, full)).toBe(0);
    expect(classifierWeight(0.2, 0.8, full)).toBe(0);
  });

  it('shorts on a confident P(down) only in long-short mode', () => {
    expect(classifierWeight(0.2, 0.8, { ...full, longShort: true })).toBe(-1);
    expect(classifierWeight(0.45, 0.45, { ...full, longShort: true })).toBe(0);
  });

  it('sizes by probability as (P - threshold) / (1 - threshold)', () => {
    const rule = { threshold: 0.6, longShort: true, sizing: 'probability' as const };
    expect(classifierWeight(0.7, 0.3, rule)).toBeCloseTo(0.25, 15);
    expect(classifierWeight(0.1, 0.9, rule)).toBeCloseTo(-0.75, 15);
    expect(classifierWeight(1, 0, rule)).toBe(1);
  });

  it('reads P(up) from the last class and P(down) from the first, and leaves bars without a prediction as no order', () => {
    const down = Float64Array.from([0.7, 0.1]);
    const flat = Float64Array.from([0.2, 0.2]);
    const up = Float64Array.from([0.1, 0.7]);
    const signals = classifierSignals(Int32Array.from([1, -1, 0]), [down, flat, up], { ...full, longShort: true });
    expect(signals[0]).toBe(1);
    expect(signals[1]).toBeNaN();
    expect(signals[2]).toBe(-1);
  });
});
