import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawdownSeries, drawdownStats } from '../../../src/quant/metrics/drawdown.js';

const eq = (values: number[]) => Float64Array.from(values);

describe('drawdownStats', () => {
  it('measures the issue 6 path: 10% max drawdown, 3 bars to recover, 1 bar open', () => {
    const s = drawdownStats(eq([100, 110, 99, 105, 111, 108]));
    expect(Math.abs(s.maxDrawdown - 0.1)).toBeLessThan(1e-15);
    expect(s.maxDrawdownDuration).toBe(3); // peak 110 at bar 1, back above it at bar 4
    expect(s.openDrawdownDuration).toBe(1); // peak 111 at bar 4, last bar 5
    expect(s.openDrawdown).toBeCloseTo(3 / 111, 15);
    expect([s.peakIndex, s.troughIndex, s.recoveryIndex]).toEqual([1, 2, 4]);
  });

  it('counts the start value as a peak, so a path that only falls is in drawdown from bar 0', () => {
    const s = drawdownStats(eq([100, 90, 80, 85]));
    expect(s.maxDrawdown).toBeCloseTo(0.2, 15);
    expect([s.peakIndex, s.troughIndex, s.recoveryIndex]).toEqual([0, 2, -1]);
    expect(s.maxDrawdownDuration).toBe(0); // never recovered
    expect(s.openDrawdownDuration).toBe(3);
    expect(s.openDrawdown).toBeCloseTo(0.15, 15);
  });

  it('takes the longest recovered drawdown, which need not be the deepest', () => {
    // A 1% dip lasting 4 bars, then a 20% dip recovered in 2.
    const s = drawdownStats(eq([100, 99, 99, 99, 100, 80, 101]));
    expect(s.maxDrawdownDuration).toBe(4);
    expect(s.maxDrawdown).toBeCloseTo(0.2, 15);
    expect([s.peakIndex, s.troughIndex, s.recoveryIndex]).toEqual([4, 5, 6]);
  });

  it('forgets the recovery of an earlier drawdown when a later one is deeper and still open', () => {
    const s = drawdownStats(eq([100, 95, 101, 70, 80]));
    expect([s.peakIndex, s.troughIndex, s.recoveryIndex]).toEqual([2, 3, -1]);
    expect(s.maxDrawdownDuration).toBe(2);
  });

  it('treats a return to exactly the peak as a recovery', () => {
    const s = drawdownStats(eq([1, 2, 1, 2]));
    expect([s.maxDrawdownDuration, s.openDrawdown, s.openDrawdownDuration]).toEqual([2, 0, 0]);
  });

  it('reports no drawdown for a single value', () => {
    expect(drawdownStats(eq([5]))).toEqual({
      maxDrawdown: 0, maxDrawdownDuration: 0, openDrawdown: 0, openDrawdownDuration: 0, peakIndex: -1, troughIndex: -1, recoveryIndex: -1,
    });
  });

  it('throws a clear error for an empty path, a non-positive start or a non-finite value', () => {
    expect(() => drawdownStats(eq([]))).toThrow(/at least its start value/);
    expect(() => drawdownStats(eq([0, 1]))).toThrow(/W_0 > 0/);
    expect(() => drawdownSeries(eq([1, Infinity]))).toThrow(/Infinity at index 1/);
  });

  const pathArb = fc.float64Array({ min: 0.01, max: 1000, noNaN: true, minLength: 1, maxLength: 80 });

  it('gives 0 drawdown and 0 durations for a path that never falls', () => {
    fc.assert(
      fc.property(pathArb, (values) => {
        const rising = values.slice().sort();
        const s = drawdownStats(rising);
        return s.maxDrawdown === 0 && s.maxDrawdownDuration === 0 && s.openDrawdownDuration === 0 && drawdownSeries(rising).every((d) => d === 0);
      }),
    );
  });

  it('agrees with its series: max, trough, open value and everything in [0, 1)', () => {
    fc.assert(
      fc.property(pathArb, (values) => {
        const s = drawdownStats(values);
        const series = drawdownSeries(values);
        const max = series.reduce((a, b) => Math.max(a, b), 0);
        const inRange = series.every((d) => d >= 0 && d < 1);
        const trough = s.troughIndex === -1 ? max === 0 : series[s.troughIndex] === max;
        return inRange && max === s.maxDrawdown && trough && series[series.length - 1] === s.openDrawdown;
      }),
    );
  });

  it('keeps durations within the path and the max drawdown peak before its trough before its recovery', () => {
    fc.assert(
      fc.property(pathArb, (values) => {
        const s = drawdownStats(values);
        const T = values.length - 1;
        const ordered = s.peakIndex < s.troughIndex && (s.recoveryIndex === -1 || s.troughIndex < s.recoveryIndex);
        return s.maxDrawdownDuration <= T && s.openDrawdownDuration <= T && (s.peakIndex === -1 || ordered);
      }),
    );
  });

  it('does not change when the whole path is scaled by a power of two', () => {
    fc.assert(
      fc.property(pathArb, fc.integer({ min: -8, max: 8 }), (values, e) => {
        const k = 2 ** e; // exact scaling, so the ratios are bit-identical
        return JSON.stringify(drawdownStats(values)) === JSON.stringify(drawdownStats(values.map((v) => v * k)));
      }),
    );
  });
});
