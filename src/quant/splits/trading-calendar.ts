/**
 * The trading days of the data: the sorted distinct dates of a table. Gaps and embargoes are
 * counted in these days. Where no data is at hand (validating a pipeline file), weekdays
 * stand in for trading days; they overcount by the holidays, which the row-level purge of
 * `assignSegments` makes safe.
 */
import { weekdayOf, type EpochDay } from '../data/price-table.js';

/** Sorted distinct dates of a date column. */
export function tradingCalendar(date: Int32Array): Int32Array {
  if (date.length === 0) return new Int32Array(0);
  let min = date[0]!;
  let max = date[0]!;
  for (let i = 1; i < date.length; i++) {
    const d = date[i]!;
    if (d < min) min = d;
    else if (d > max) max = d;
  }
  if (max - min > 50_000_000) return Int32Array.from(new Set(date)).sort();
  const seen = new Uint8Array(max - min + 1);
  let count = 0;
  for (let i = 0; i < date.length; i++) {
    const k = date[i]! - min;
    if (seen[k] === 0) {
      seen[k] = 1;
      count++;
    }
  }
  const out = new Int32Array(count);
  for (let k = 0, j = 0; k < seen.length; k++) if (seen[k] === 1) out[j++] = k + min;
  return out;
}

/** First index i with sorted[i] >= value (sorted.length when none). */
export function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Trading days d with start <= d <= end: of the calendar when given, else weekdays. */
export function tradingDaysIn(start: EpochDay, end: EpochDay, calendar?: Int32Array): number {
  if (end < start) return 0;
  if (calendar) return lowerBound(calendar, end + 1) - lowerBound(calendar, start);
  const days = end - start + 1;
  let count = Math.floor(days / 7) * 5;
  for (let d = end - (days % 7) + 1; d <= end; d++) if (isWeekday(d)) count++;
  return count;
}

/** Trading days strictly between two dates. */
export function tradingDaysBetween(after: EpochDay, before: EpochDay, calendar?: Int32Array): number {
  return tradingDaysIn(after + 1, before - 1, calendar);
}

function isWeekday(day: EpochDay): boolean {
  const dow = weekdayOf(day);
  return dow !== 0 && dow !== 6;
}
