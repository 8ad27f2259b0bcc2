import { describe, expect, it } from 'vitest';
import { DEFAULT_CONVENTIONS, describeConventions, riskFreePerPeriod } from '../../../src/quant/metrics/performance-conventions.js';

describe('performance conventions', () => {
  it('defaults to 252 periods a year and a zero risk-free rate', () => {
    expect(DEFAULT_CONVENTIONS).toEqual({ periodsPerYear: 252, riskFreeAnnual: 0 });
    expect(riskFreePerPeriod(DEFAULT_CONVENTIONS)).toBe(0);
  });

  it('compounds the annual rate into a per-period one', () => {
    // python3: (1 + 0.03) ** (1 / 252) - 1 -> 0.00011730371383444904; (1.05) ** (1 / 12) - 1 -> 0.0040741237836483535
    expect(riskFreePerPeriod({ periodsPerYear: 252, riskFreeAnnual: 0.03 })).toBeCloseTo(0.00011730371383444904, 16);
    expect(riskFreePerPeriod({ periodsPerYear: 12, riskFreeAnnual: 0.05 })).toBeCloseTo(0.0040741237836483535, 15);
  });

  it('describes itself as plain JSON with the units exports need', () => {
    const d = describeConventions({ periodsPerYear: 252, riskFreeAnnual: 0.03 });
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(d).toMatchObject({ periodsPerYear: 252, riskFreeAnnual: 0.03, durations: expect.stringMatching(/^bars/) });
    expect(d.drawdown).toMatch(/positive fraction of the running peak/);
    expect(d.annualReturn).toMatch(/arithmetic/);
  });

  it('rejects periods per year <= 0 and a risk-free rate <= -1 with a hint', () => {
    expect(() => riskFreePerPeriod({ periodsPerYear: -1, riskFreeAnnual: 0 })).toThrow(/periodsPerYear a finite number > 0, found -1; hint: use 252/);
    expect(() => riskFreePerPeriod({ periodsPerYear: 252, riskFreeAnnual: -1 })).toThrow(/riskFreeAnnual/);
    expect(() => describeConventions({ periodsPerYear: NaN, riskFreeAnnual: 0 })).toThrow(/found NaN/);
  });
});
