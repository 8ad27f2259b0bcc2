/**
 * Where episodes may run: the maximal runs of consecutive rows of one ticker in one
 * segment, each trimmed at its start so that every bar of an episode inside it can show a
 * full observation window:
 *
 * 1. the window of a start row r is rows r - lookback + 1 .. r; it may reach back before
 *    the run into earlier rows of the same ticker (past data), never before the ticker's
 *    first row;
 *    so r >= tickerStart + lookback - 1;
 * 2. rows of the window before the run may lie outside every segment, where features may
 *    be NaN (warm-up); the start moves past the last such row, r >= bad + lookback. Rows
 *    inside the run are finite (checked by `createEnvMarket`), so later windows are too.
 */
import type { EnvMarket } from './env-market.js';

/** One run of consecutive rows of a ticker in a segment, trimmed for the observation window. */
export interface SegmentRun {
  /** Ticker index. */
  ticker: number;
  /** The first row an episode may start at. */
  first: number;
  /** The run's last row (inclusive); an episode may end at it. */
  last: number;
}

/** Runs of `segment` (0 train, 1 val, 2 test) in ticker then row order, with at least one usable row. */
export function segmentRuns(market: EnvMarket, segment: number, lookback: number): SegmentRun[] {
  const runs: SegmentRun[] = [];
  const { tickerStart, segment: seg } = market;
  for (let k = 0; k + 1 < tickerStart.length; k++) {
    const begin = tickerStart[k]!;
    const end = tickerStart[k + 1]!;
    let r = begin;
    while (r < end) {
      if (seg[r] !== segment) {
        r++;
        continue;
      }
      const runStart = r;
      while (r < end && seg[r] === segment) r++;
      const first = firstUsableRow(market, begin, runStart, lookback);
      if (first <= r - 1) runs.push({ ticker: k, first, last: r - 1 });
    }
  }
  return runs;
}

/** The first row >= runStart whose whole window lies in the ticker and holds only finite features. */
function firstUsableRow(market: EnvMarket, tickerBegin: number, runStart: number, lookback: number): number {
  let first = Math.max(runStart, tickerBegin + lookback - 1);
  for (let r = runStart - 1; r >= Math.max(tickerBegin, runStart - lookback + 1); r--) {
    if (!rowIsFinite(market, r)) {
      first = Math.max(first, r + lookback);
      break;
    }
  }
  return first;
}

function rowIsFinite(market: EnvMarket, row: number): boolean {
  const fc = market.featureCount;
  for (let j = row * fc; j < (row + 1) * fc; j++) {
    const x = market.features[j]!;
    if (x - x !== 0) return false;
  }
  return true;
}
