import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../../../src/quant/metrics/metrics-input-error.js';
import { equityFromReturns, returnMetrics, returnsFromEquity } from '../../../src/quant/metrics/return-metrics.js';

// The acceptance series of issue 6.
const R = Float64Array.from([
  0.01, -0.02, 0.015, -0.005, 0.03, -0.01, 0.002, 0.007, -0.012, 0.004, 0.011, -0.003, -0.018, 0.009, 0.006, -0.007, 0.013, 0.001,
  -0.004, 0.008,
]);

/* Reference values, numpy 2 (python3 of the pyenv), with
 *   r = np.array([...R...]); P = 252; rf = (1 + rf_annual) ** (1 / P) - 1; ex = r - rf
 *   sharpe = ex.mean() / r.std(ddof=1) * np.sqrt(P)
 *   sortino = ex.mean() / np.sqrt(np.mean(np.minimum(ex, 0) ** 2)) * np.sqrt(P)
 *   W = np.concatenate([[1.0], np.cumprod(1 + r)]); dd = 1 - W / np.maximum.accumulate(W)
 *   mdd = dd.max(); cagr = W[-1] ** (P / len(r)) - 1; calmar = cagr / mdd
 *   total = W[-1] - 1; annret = r.mean() * P; annvol = r.std(ddof=1) * np.sqrt(P)
 * printed with repr().
 */
const TOTAL = 0.03623064501474493;
const ANNUAL_RETURN = 0.4661999999999999;
const ANNUAL_VOL = 0.19148541238928554;

describe('returnMetrics', () => {
  it('matches the issue 6 reference values with rf = 0 and P = 252', () => {
    const m = returnMetrics(R);
    expect(m.periods).toBe(20);
    expect(Math.abs(m.sharpe - 2.434650212687)).toBeLessThan(1e-9);
    expect(Math.abs(m.sortino - 4.020728857257)).toBeLessThan(1e-9);
    expect(Math.abs(m.maxDrawdown - 0.020946)).toBeLessThan(1e-6);
    expect(Math.abs(m.cagr - 0.565853185995)).toBeLessThan(1e-9);
    expect(Math.abs(m.calmar - 27.014856583351)).toBeLessThan(1e-6);
  });

  it('matches numpy for total, annual return and annual volatility to 1e-12', () => {
    const m = returnMetrics(R);
    expect(Math.abs(m.totalReturn - TOTAL)).toBeLessThan(1e-12);
    expect(Math.abs(m.annualReturn - ANNUAL_RETURN)).toBeLessThan(1e-12);
    expect(Math.abs(m.annualVolatility - ANNUAL_VOL)).toBeLessThan(1e-12);
  });

  it('reports the acceptance series drawdowns: longest recovered 7 bars, none open', () => {
    // Peaks of W at bars 0, 1, 5, 11, 18, 20 (np.where(W >= np.maximum.accumulate(W))).
    const m = returnMetrics(R);
    expect(m.maxDrawdownDuration).toBe(7);
    expect(m.openDrawdown).toBe(0);
    expect(m.openDrawdownDuration).toBe(0);
  });

  it('subtracts a compounded per-period risk-free rate from the mean in Sharpe and Sortino', () => {
    // Same numpy as above with rf_annual = 0.03: rf = 0.00011730371383444904.
    const m = returnMetrics(R, { periodsPerYear: 252, riskFreeAnnual: 0.03 });
    expect(Math.abs(m.sharpe - 2.280275341424132)).toBeLessThan(1e-9);
    expect(Math.abs(m.sortino - 3.733309374962253)).toBeLessThan(1e-9);
    // rf leaves growth, volatility and drawdown alone.
    expect(Math.abs(m.cagr - 0.5658531859948732)).toBeLessThan(1e-9);
    expect(Math.abs(m.annualVolatility - ANNUAL_VOL)).toBeLessThan(1e-12);
  });

  it('annualizes with the given periods per year', () => {
    // Weekly: sharpe = r.mean() / r.std(ddof=1) * np.sqrt(52); cagr = W[-1] ** (52 / 20) - 1.
    const m = returnMetrics(R, { periodsPerYear: 52, riskFreeAnnual: 0 });
    expect(m.sharpe).toBeCloseTo(2.434650212686833 * Math.sqrt(52 / 252), 12);
    expect(m.cagr).toBeCloseTo((1 + TOTAL) ** (52 / 20) - 1, 12);
    expect(m.annualReturn).toBeCloseTo((ANNUAL_RETURN * 52) / 252, 12);
  });

  it('gives NaN, not Infinity, for Sharpe and Calmar of a constant series and Sortino without downside', () => {
    const m = returnMetrics(Float64Array.from([0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001]));
    expect(m.annualVolatility).toBe(0);
    expect([m.sharpe, m.sortino, m.calmar]).toEqual([NaN, NaN, NaN]);
    expect(m.maxDrawdown).toBe(0);
    expect(m.cagr).toBeGreaterThan(0);
  });

  it('gives NaN volatility and Sharpe for one period, but a Sortino and drawdown', () => {
    const m = returnMetrics(Float64Array.from([-0.05]));
    expect([m.annualVolatility, m.sharpe]).toEqual([NaN, NaN]);
    expect(m.sortino).toBeCloseTo(-Math.sqrt(252), 12); // -0.05 / sqrt(0.05^2) * sqrt(252)
    expect(m.maxDrawdown).toBeCloseTo(0.05, 15);
    expect(m.openDrawdownDuration).toBe(1);
  });

  it('gives CAGR -1 when equity is wiped out and NaN when it goes negative', () => {
    expect(returnMetrics(Float64Array.from([0.1, -1])).cagr).toBe(-1);
    expect(returnMetrics(Float64Array.from([0.1, -1.5])).cagr).toBeNaN();
  });

  it('throws a clear error for an empty series or a NaN return', () => {
    expect(() => returnMetrics(new Float64Array(0))).toThrow(MetricsInputError);
    expect(() => returnMetrics(new Float64Array(0))).toThrow(/at least one period return/);
    expect(() => returnMetrics(Float64Array.from([0.01, NaN]))).toThrow(/NaN at index 1/);
    expect(() => returnMetrics(R, { periodsPerYear: 0, riskFreeAnnual: 0 })).toThrow(/periodsPerYear/);
  });

  // Returns in whole basis points within ±50%: realistic, and free of subnormals whose
  // squares underflow and make a tiny volatility look like none.
  const returnsArb = fc
    .array(fc.integer({ min: -5000, max: 5000 }), { minLength: 2, maxLength: 60 })
    .map((bps) => Float64Array.from(bps, (b) => b / 1e4));

  it('keeps max drawdown in [0, 1) for returns above -1', () => {
    fc.assert(
      fc.property(returnsArb, (r) => {
        const m = returnMetrics(r);
        return m.maxDrawdown >= 0 && m.maxDrawdown < 1 && m.openDrawdown <= m.maxDrawdown;
      }),
    );
  });

  it('leaves Sharpe unchanged when every return is scaled by a positive constant (rf = 0)', () => {
    fc.assert(
      fc.property(returnsArb, fc.double({ min: 0.1, max: 10, noNaN: true }), (r, k) => {
        const base = returnMetrics(r).sharpe;
        const scaled = returnMetrics(r.map((x) => x * k)).sharpe;
        return Number.isNaN(base) ? Number.isNaN(scaled) : Math.abs(scaled - base) <= 1e-9 * Math.max(1, Math.abs(base));
      }),
    );
  });

  it('gives the same moments and total return whatever the order of the returns', () => {
    fc.assert(
      fc.property(returnsArb, (r) => {
        const a = returnMetrics(r);
        const b = returnMetrics(r.slice().reverse());
        const close = (x: number, y: number) => (Number.isNaN(x) ? Number.isNaN(y) : Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)));
        return close(a.totalReturn, b.totalReturn) && close(a.annualReturn, b.annualReturn) && close(a.sharpe, b.sharpe) && close(a.sortino, b.sortino);
      }),
    );
  });

  it('builds the equity path W_0 = 1, W_t = prod (1 + r)', () => {
    expect(Array.from(equityFromReturns(Float64Array.from([0.1, -0.5])))).toEqual([1, 1.1, 0.55]);
  });

  it('turns an equity path back into its returns, and refuses a path through zero', () => {
    const r = returnsFromEquity(Float64Array.from([100, 110, 99]));
    expect(r.length).toBe(2);
    expect(r[0]).toBeCloseTo(0.1, 15);
    expect(r[1]).toBeCloseTo(-0.1, 15);
    expect(() => returnsFromEquity(Float64Array.from([100, 0, 5]))).toThrow(/equity > 0 before every period, found 0 at bar 1/);
  });

  it('round-trips returns through the equity path', () => {
    fc.assert(
      fc.property(returnsArb, (r) => returnsFromEquity(equityFromReturns(r)).every((v, i) => Math.abs(v - r[i]!) < 1e-12)),
    );
  });
});
