import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../../src/quant/data/price-table.js';
import { lowerBound, tradingCalendar, tradingDaysBetween, tradingDaysIn } from '../../../src/quant/splits/trading-calendar.js';

describe('trading calendar', () => {
  it('is the sorted distinct dates of the data', () => {
    expect(Array.from(tradingCalendar(Int32Array.from([5, 3, 9, 3, 5, 4])))).toEqual([3, 4, 5, 9]);
    expect(Array.from(tradingCalendar(Int32Array.from([-40_000, 60_000_000, -40_000])))).toEqual([-40_000, 60_000_000]);
    expect(tradingCalendar(new Int32Array(0)).length).toBe(0);
  });

  it('counts calendar days in and between dates, or weekdays without a calendar', () => {
    const cal = Int32Array.from([3, 4, 5, 9]);
    expect([tradingDaysIn(4, 9, cal), tradingDaysBetween(4, 9, cal), tradingDaysIn(6, 8, cal), tradingDaysIn(9, 4, cal)]).toEqual([3, 1, 0, 0]);
    // Fri 2001-01-05 .. Mon 2001-01-15: the week of the 8th lies between them.
    expect(tradingDaysBetween(parseIsoDay('2001-01-05'), parseIsoDay('2001-01-15'))).toBe(5);
    expect(tradingDaysIn(parseIsoDay('2001-01-05'), parseIsoDay('2001-01-15'))).toBe(7);
  });

  it('counts weekdays like a day-by-day walk (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 20_000 }), fc.integer({ min: 0, max: 40 }), (start, len) => {
        let walk = 0;
        for (let d = start; d <= start + len; d++) if (![0, 6].includes((((d + 4) % 7) + 7) % 7)) walk++;
        expect(tradingDaysIn(start, start + len)).toBe(walk);
      }),
    );
  });

  it('finds the first index at or after a value', () => {
    const cal = Int32Array.from([3, 4, 5, 9]);
    expect([2, 3, 6, 9, 10].map((v) => lowerBound(cal, v))).toEqual([0, 0, 3, 3, 4]);
  });
});
