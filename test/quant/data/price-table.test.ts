import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochDayFromCivil, formatIsoDay, parseIsoDay, parseIsoDayAt, weekdayOf } from '../../../src/quant/data/price-table.js';
import { weekdayCalendar } from '../../../src/quant/data/weekday-calendar.js';

describe('price table dates', () => {
  it('reads a date in place exactly as parseIsoDay reads the same text', () => {
    const text = fc.oneof(
      fc.date({ min: new Date('0100-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
        ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      ),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(text, (s) => {
        expect(parseIsoDayAt(`,${s},`, 1, s.length + 1)).toBe(parseIsoDay(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('knows the epoch, leap days and the weekday of a date', () => {
    expect(epochDayFromCivil(1970, 1, 1)).toBe(0);
    expect(formatIsoDay(epochDayFromCivil(2000, 2, 29))).toBe('2000-02-29');
    expect(Number.isNaN(parseIsoDayAt('1900-02-29', 0, 10))).toBe(true);
    expect(weekdayOf(0)).toBe(4); // a Thursday
    expect(weekdayOf(parseIsoDay('1969-12-28'))).toBe(0); // a Sunday, before the epoch
  });

  it('lays out a weekday calendar that skips weekends', () => {
    const days = Array.from(weekdayCalendar(parseIsoDay('2023-12-29'), 4), formatIsoDay);
    expect(days).toEqual(['2023-12-29', '2024-01-01', '2024-01-02', '2024-01-03']);
  });
});
