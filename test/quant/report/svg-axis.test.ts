import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateTicks, formatTick, linearScale, niceTicks, px } from '../../../src/quant/report/svg-axis.js';

describe('niceTicks', () => {
  it('picks round steps and widens the domain to whole steps', () => {
    expect(niceTicks(0.83, 1.37, 5)).toEqual({ domain: [0.8, 1.4], values: [0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4], step: 0.1 });
    expect(niceTicks(-0.251, 0, 4)).toEqual({ domain: [-0.3, 0], values: [-0.3, -0.25, -0.2, -0.15, -0.1, -0.05, 0], step: 0.05 });
    expect(niceTicks(0, 1000, 5).values).toEqual([0, 200, 400, 600, 800, 1000]);
  });

  it('widens a constant series around its value', () => {
    const ticks = niceTicks(1, 1, 5);
    expect(ticks.domain[0]).toBeLessThan(1);
    expect(ticks.domain[1]).toBeGreaterThan(1);
    const zero = niceTicks(0, 0, 5);
    expect(zero.domain[0]).toBeLessThan(0);
    expect(zero.domain[1]).toBeGreaterThan(0);
  });

  it('falls back to [0, 1] without finite data', () => {
    expect(niceTicks(Infinity, -Infinity).domain).toEqual([0, 1]);
    expect(niceTicks(Number.NaN, 3).domain).toEqual([0, 1]);
  });

  it('always covers the data with a few evenly spaced 1-2-5 ticks', () => {
    fc.assert(fc.property(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 2, max: 10 }),
      (low, width, count) => {
        const high = low + width;
        const { domain, values, step } = niceTicks(low, high, count);
        // within a millionth of a step: float noise past a tick must not add a whole step
        expect(domain[0]).toBeLessThanOrEqual(low + step * 1e-6);
        expect(domain[1]).toBeGreaterThanOrEqual(high - step * 1e-6);
        expect(values.length).toBeGreaterThanOrEqual(2);
        expect(values.length).toBeLessThanOrEqual(2 * count + 2);
        const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
        expect([1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6)).toBe(true);
      },
    ));
  });
});

describe('dateTicks', () => {
  const t = (iso: string) => Date.parse(iso);

  it('uses month ticks over a year and names the year where it changes', () => {
    const ticks = dateTicks(t('1999-07-01'), t('2000-06-30'), 8);
    expect(ticks.map((tick) => tick.label)).toEqual(['Jul 1999', 'Sep', 'Nov', 'Jan 2000', 'Mar', 'May']);
    expect(ticks[0]!.value).toBe(t('1999-07-01'));
  });

  it('uses year ticks over decades', () => {
    expect(dateTicks(t('1991-01-02'), t('2000-12-29'), 6).map((tick) => tick.label)).toEqual(['1992', '1994', '1996', '1998', '2000']);
  });

  it('uses day ticks over a couple of weeks, weekly ones on Mondays', () => {
    const daily = dateTicks(t('2024-03-04'), t('2024-03-08'), 8);
    expect(daily.map((tick) => tick.label)).toEqual(['Mar 4, 2024', 'Mar 5', 'Mar 6', 'Mar 7', 'Mar 8']);
    const weekly = dateTicks(t('2024-03-01'), t('2024-04-10'), 8);
    expect(weekly.every((tick) => new Date(tick.value).getUTCDay() === 1)).toBe(true);
  });

  it('gives one tick for a single date and none for an invalid one', () => {
    expect(dateTicks(t('2024-03-04'), t('2024-03-04'))).toEqual([{ value: t('2024-03-04'), label: 'Mar 4, 2024' }]);
    expect(dateTicks(Number.NaN, t('2024-03-04'))).toEqual([]);
  });

  it('never gives more ticks than asked for', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 0, max: 3e12 }), fc.integer({ min: 2, max: 12 }), (start, span, max) => {
      const ticks = dateTicks(start, start + span, max);
      expect(ticks.length).toBeLessThanOrEqual(max);
      for (const tick of ticks) expect(tick.value >= start && tick.value <= start + span).toBe(true);
    }));
  });
});

describe('linearScale and px', () => {
  it('maps the domain onto the range, and a zero-width domain to its middle', () => {
    expect(linearScale([0, 10], [100, 0])(2.5)).toBe(75);
    expect(linearScale([3, 3], [0, 50])(3)).toBe(25);
  });

  it('rounds to one decimal without a trailing .0 or a negative zero', () => {
    expect(px(12)).toBe('12');
    expect(px(12.345)).toBe('12.3');
    expect(px(-0.01)).toBe('0');
  });
});

describe('formatTick', () => {
  it('gives the decimals the step needs and shortens large counts', () => {
    expect(formatTick(0.25, 0.05)).toBe('0.25');
    expect(formatTick(3, 1)).toBe('3');
    expect(formatTick(-0.1, 0.1)).toBe('−0.1');
    expect(formatTick(-0.0000001, 0.1)).toBe('0.0');
    expect(formatTick(250_000, 50_000)).toBe('250k');
    expect(formatTick(1_500_000, 500_000)).toBe('1.5M');
    expect(formatTick(5_000, 1_000)).toBe('5000');
  });
});
