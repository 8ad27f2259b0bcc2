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
