import { tickerOffsets } from './price-table.js';

const ROW_BITS = 2 ** 31;
const MAX_DATE_SPAN = 2 ** 22; // ROW_BITS * MAX_DATE_SPAN = 2^53: keys stay exact doubles

/**
 * The order that sorts rows by (ticker, date), stable (equal keys keep their input order,
 * so the first of a set of duplicates comes first). `ticker` holds ranks: ids whose numeric
 * order is the tickers' sorted order. Returns null when the rows are already in order,
 * the usual case for real files, so no copy is made.
 */
export function priceRowOrder(ticker: Int32Array, date: Int32Array, rows: number, tickerCount: number): Int32Array | null {
  if (isOrdered(ticker, date, rows)) return null;
  const starts = tickerOffsets(ticker.subarray(0, rows), tickerCount);
  const next = starts.slice(0, tickerCount);
  const order = new Int32Array(rows);
  for (let row = 0; row < rows; row++) order[next[ticker[row]!]!++] = row;
  for (let t = 0; t < tickerCount; t++) sortSegmentByDate(order, date, starts[t]!, starts[t + 1]!);
  return order;
}

function isOrdered(ticker: Int32Array, date: Int32Array, rows: number): boolean {
  for (let row = 1; row < rows; row++) {
    const dt = ticker[row]! - ticker[row - 1]!;
    if (dt < 0 || (dt === 0 && date[row]! < date[row - 1]!)) return false;
  }
  return true;
}

// Rows of one ticker, already in input order; sorts them by date, ties by input order.
function sortSegmentByDate(order: Int32Array, date: Int32Array, from: number, to: number): void {
  let sorted = true;
  let min = Infinity;
  let max = -Infinity;
  for (let k = from; k < to; k++) {
    const d = date[order[k]!]!;
    if (k > from && d < date[order[k - 1]!]!) sorted = false;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  if (sorted) return;
  if (max - min < MAX_DATE_SPAN) {
    // One numeric typed-array sort on packed (date, row) keys beats a comparator sort by far.
    const keys = new Float64Array(to - from);
    for (let k = from; k < to; k++) keys[k - from] = (date[order[k]!]! - min) * ROW_BITS + order[k]!;
    keys.sort();
    for (let k = from; k < to; k++) order[k] = keys[k - from]! % ROW_BITS;
  } else {
    const segment = Array.from(order.subarray(from, to)).sort((a, b) => date[a]! - date[b]! || a - b);
    order.set(segment, from);
  }
}
