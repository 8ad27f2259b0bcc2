/**
 * The in-memory shape of daily prices in tradelab's domain library: one columnar table of
 * many tickers, rows sorted by (ticker, date), typed arrays only (no row objects), so a
 * universe of thousands of tickers x decades fits in memory and loops stay fast.
 */

/** Days since 1970-01-01 (UTC); the one date representation of the domain library. */
export type EpochDay = number;

export interface PriceTable {
  /** Distinct tickers in sorted order; `ticker[row]` indexes into it. */
  tickers: string[];
  ticker: Int32Array;
  date: Int32Array;
  /** NaN where a value is missing (close-only data has NaN open/high/low/volume). */
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** Row range of ticker i: `offsets[i]` .. `offsets[i + 1]` (exclusive); length tickers + 1. */
  offsets: Int32Array;
  /** Which of the optional columns the source had; `close` is always present. */
  has: { open: boolean; high: boolean; low: boolean; volume: boolean };
}

export const PRICE_COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;
export type PriceColumn = (typeof PRICE_COLUMNS)[number];

const MS_PER_DAY = 86_400_000;

/** `2001-01-02` -> epoch day; NaN when the text is not a valid ISO calendar date. */
export function parseIsoDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return Number.NaN;
  return ms / MS_PER_DAY;
}

export function formatIsoDay(day: EpochDay): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Offsets of each ticker's rows, from a ticker column sorted ascending. */
export function tickerOffsets(ticker: Int32Array, tickerCount: number): Int32Array {
  const offsets = new Int32Array(tickerCount + 1);
  for (let row = 0; row < ticker.length; row++) offsets[ticker[row]! + 1]! += 1;
  for (let i = 0; i < tickerCount; i++) offsets[i + 1]! += offsets[i]!;
  return offsets;
}

/**
 * `parseIsoDay` for `text[start, end)`, read in place without allocating (the CSV hot path).
 * Accepts `YYYY-MM-DD` with years 0100..9999, like `parseIsoDay`; surrounding blanks are skipped.
 */
export function parseIsoDayAt(text: string, start: number, end: number): number {
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  if (end - start !== 10 || text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45) return Number.NaN;
  const y = digitsAt(text, start, 4);
  const m = digitsAt(text, start + 5, 2);
  const d = digitsAt(text, start + 8, 2);
  if (y < 100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return Number.NaN;
  return epochDayFromCivil(y, m, d);
}

/** Epoch day of a proleptic Gregorian date (H. Hinnant's days_from_civil); month and day 1-based. */
export function epochDayFromCivil(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: EpochDay): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

// -1 when any of the `count` characters is not an ASCII digit.
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}
