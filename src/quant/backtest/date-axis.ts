/**
 * The common calendar of a set of tickers: the sorted union of their dates, and for each
 * ticker and date the ticker's bar on that date or -1. Tickers are laid end to end as in a
 * `BacktestResult` (ticker i's dates are [offsets[i], offsets[i + 1]) of `dates`).
 */
import { BacktestInputError } from './backtest-input-error.js';

/** Dates of every ticker on one axis. */
export interface DateAxis {
  /** The union of the tickers' dates, ascending (days since 1970-01-01, or any increasing integer). */
  dates: Int32Array;
  /** Tickers on the axis. */
  tickers: number;
  /** Bars of each ticker (its dates' count). */
  bars: Int32Array;
  /** [tickers x dates.length], ticker-major: bar[i * dates.length + d] = ticker i's bar (0-based within the ticker) on date d, or -1. */
  bar: Int32Array;
}

/** Input of `dateAxis`: per-bar dates of all tickers, end to end. */
export interface DateAxisInput {
  dates: Int32Array;
  /** Ticker i's bars are [offsets[i], offsets[i + 1]) of `dates`. */
  offsets: Int32Array;
}

/** Aligns the tickers on the union of their dates; each ticker's dates must strictly increase. */
export function dateAxis(input: DateAxisInput): DateAxis {
  const { dates, offsets } = input;
  const tickers = offsets.length - 1;
  if (tickers < 0 || offsets[0] !== 0 || offsets[tickers] !== dates.length) {
    throw new BacktestInputError(`dateAxis: expected offsets from 0 to dates.length (${dates.length}), found [${offsets[0]} .. ${offsets[tickers]}] over ${offsets.length} entries`, 'pass the offsets of the BacktestResult the dates belong to');
  }
  for (let i = 0; i < tickers; i++) {
    for (let k = offsets[i]! + 1; k < offsets[i + 1]!; k++) {
      if (!(dates[k]! > dates[k - 1]!)) {
        throw new BacktestInputError(`dateAxis: ticker ${i} bar ${k - offsets[i]!}: expected dates to strictly increase, found ${dates[k]} after ${dates[k - 1]}`, 'sort each ticker by date and drop duplicate dates');
      }
    }
  }
  const union = unionOf(dates);
  const width = union.length;
  const bar = new Int32Array(tickers * width).fill(-1);
  for (let i = 0; i < tickers; i++) {
    let d = 0;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      while (union[d]! < dates[k]!) d++;
      bar[i * width + d] = k - offsets[i]!;
    }
  }
  const bars = Int32Array.from({ length: tickers }, (_, i) => offsets[i + 1]! - offsets[i]!);
  return { dates: union, tickers, bars, bar };
}

function unionOf(dates: Int32Array): Int32Array {
  const sorted = dates.slice().sort();
  let m = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[m - 1]) sorted[m++] = sorted[k]!;
  return sorted.slice(0, m);
}
