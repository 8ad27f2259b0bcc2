import { weekdayOf, type EpochDay } from './price-table.js';

/**
 * `count` trading days, Monday to Friday, from `start` on (a weekend start moves to the
 * next Monday). No holidays: a synthetic market needs a plausible calendar, not an exchange's.
 */
export function weekdayCalendar(start: EpochDay, count: number): Int32Array {
  const days = new Int32Array(count);
  let day = start;
  for (let i = 0; i < count; i++) {
    while (weekdayOf(day) === 0 || weekdayOf(day) === 6) day++;
    days[i] = day++;
  }
  return days;
}
