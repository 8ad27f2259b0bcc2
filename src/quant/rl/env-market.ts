/**
 * The market a trading environment steps through: one flat table of rows sorted by
 * (ticker, date), with the prices fills and marks read and the features observations show.
 * A stage builds it from Parquet tables; `createEnvMarket` checks it once, so the step loop
 * never has to:
 *
 * 1. shape: `tickerStart` runs 0 .. rows without going back; every column has `rows` entries
 *    (`features` has rows x featureCount); `featureCount` is an integer >= 1;
 * 2. rows: dates strictly increase within a ticker; segment codes are -1, 0, 1 or 2;
 * 3. prices and features of every row in a segment (code >= 0), the rows episodes can fill,
 *    mark or observe at: close finite and > 0, open NaN (missing) or finite and > 0, every
 *    feature finite. Rows outside every segment (-1) may hold anything: an episode's window
 *    only reaches back into them when they are finite (see `segmentRuns`).
 */
import { formatIsoDay } from '../data/price-table.js';
import { EnvMarketError } from './env-market-error.js';

/** The rows a trading environment runs on; see `createEnvMarket` for what is checked. */
export interface EnvMarket {
  /** Row range of ticker k: `tickerStart[k]` .. `tickerStart[k + 1]` (length tickers + 1). */
  tickerStart: Int32Array;
  /** Trading day of each row, in days since 1970-01-01; strictly increasing within a ticker. */
  dates: Int32Array;
  /** Opening price per row; NaN where the open is missing (fills then use the close). */
  open: Float64Array;
  /** Closing price per row; equity is marked at it. */
  close: Float64Array;
  /** Normalized features, row-major [rows, featureCount]. */
  features: Float32Array;
  /** Features per row. */
  featureCount: number;
  /** Segment per row: 0 train, 1 val, 2 test, -1 other (purge gap, warm-up, outside every range). */
  segment: Int8Array;
  /** Ticker names by index, for error messages and callers; optional. */
  tickers?: readonly string[];
}

const MAX_PROBLEMS = 20;

// Markets `createEnvMarket` returned, so an env built on one does not check it again.
const checked = new WeakSet<EnvMarket>();

/** Checks `input` and returns it as a frozen `EnvMarket`; throws `EnvMarketError` listing every problem. */
export function createEnvMarket(input: EnvMarket): EnvMarket {
  const shape = shapeProblems(input);
  if (shape.length > 0) throw new EnvMarketError(shape);
  const problems = new ProblemList(input);
  checkRows(input, problems);
  if (problems.total > 0) throw new EnvMarketError(problems.list, problems.total);
  const market = Object.freeze({ ...input });
  checked.add(market);
  return market;
}

/** `market` itself when `createEnvMarket` made it, else `createEnvMarket(market)`. */
export function ensureEnvMarket(market: EnvMarket): EnvMarket {
  return checked.has(market) ? market : createEnvMarket(market);
}

/** Number of tickers in `market`. */
export function tickerCount(market: EnvMarket): number {
  return market.tickerStart.length - 1;
}

function shapeProblems(m: EnvMarket): string[] {
  const out: string[] = [];
  if (!Number.isInteger(m.featureCount) || m.featureCount < 1) out.push(`featureCount must be an integer >= 1, got ${m.featureCount}`);
  const starts = m.tickerStart;
  if (starts.length < 2) return [...out, `tickerStart must have at least 2 entries (one ticker), got ${starts.length}`];
  const rows = starts[starts.length - 1]!;
  if (starts[0] !== 0) out.push(`tickerStart[0] must be 0, got ${starts[0]}`);
  for (let k = 0; k + 1 < starts.length; k++) {
    if (starts[k + 1]! < starts[k]!) {
      out.push(`tickerStart must not decrease: tickerStart[${k + 1}] = ${starts[k + 1]} < tickerStart[${k}] = ${starts[k]}`);
      break;
    }
  }
  for (const [name, column] of [['dates', m.dates], ['open', m.open], ['close', m.close], ['segment', m.segment]] as const) {
    if (column.length !== rows) out.push(`${name} has ${column.length} entries; tickerStart says ${rows} rows`);
  }
  if (out.length === 0 && m.features.length !== rows * m.featureCount) {
    out.push(`features has ${m.features.length} entries; expected rows x featureCount = ${rows} x ${m.featureCount} = ${rows * m.featureCount}`);
  }
  if (m.tickers !== undefined && m.tickers.length !== starts.length - 1) {
    out.push(`tickers names ${m.tickers.length} tickers; tickerStart has ${starts.length - 1}`);
  }
  return out;
}

function checkRows(m: EnvMarket, problems: ProblemList): void {
  const fc = m.featureCount;
  for (let k = 0; k + 1 < m.tickerStart.length; k++) {
    const end = m.tickerStart[k + 1]!;
    for (let r = m.tickerStart[k]!; r < end; r++) {
      if (r > m.tickerStart[k]! && m.dates[r]! <= m.dates[r - 1]!) problems.add(r, k, 'date does not increase within the ticker (rows must be sorted by ticker, date, without duplicates)');
      const seg = m.segment[r]!;
      if (seg < -1 || seg > 2) problems.add(r, k, `segment must be -1, 0, 1 or 2, got ${seg}`);
      if (seg < 0 || seg > 2) continue;
      const close = m.close[r]!;
      if (!(close > 0) || close === Infinity) problems.add(r, k, `close must be finite and > 0 in a segment, got ${close}`);
      const open = m.open[r]!;
      if (open === open && (!(open > 0) || open === Infinity)) problems.add(r, k, `open must be NaN (missing) or finite and > 0, got ${open}`);
      for (let j = 0; j < fc; j++) {
        const x = m.features[r * fc + j]!;
        if (x - x !== 0) {
          problems.add(r, k, `feature ${j} is ${x}; rows in a segment must have finite features`);
          break;
        }
      }
    }
  }
}

/** The first MAX_PROBLEMS problems, each naming its row, ticker and date, and the total count. */
class ProblemList {
  readonly list: string[] = [];
  total = 0;

  constructor(private readonly market: EnvMarket) {}

  add(row: number, ticker: number, message: string): void {
    this.total++;
    if (this.list.length >= MAX_PROBLEMS) return;
    const name = this.market.tickers?.[ticker] ?? `#${ticker}`;
    this.list.push(`row ${row} (ticker ${name}, ${formatIsoDay(this.market.dates[row]!)}): ${message}`);
  }
}
