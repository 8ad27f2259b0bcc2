/**
 * Collects price rows from one or more sources and turns them into a `PriceTable`:
 *
 * 1. rows are appended as they are read, with the line they came from;
 * 2. problems found while reading are logged against the current source and line;
 * 3. `build` ranks the tickers, sorts rows by (ticker, date), finds duplicate
 *    (ticker, date) keys within and across sources, and either throws one
 *    `PriceDataError` with every problem (up to a cap) or returns the table.
 */
import { PriceDataError, type PriceDataIssue } from './price-data-error.js';
import { priceRowOrder } from './price-row-order.js';
import { formatIsoDay, tickerOffsets, type PriceColumn, type PriceTable } from './price-table.js';

/** Problems shown in a `PriceDataError` unless the caller says otherwise. */
export const DEFAULT_MAX_ISSUES = 20;

interface Source {
  file: string;
  firstRow: number;
  /** The first `maxIssues` problems of this source, in line order (they are found in that order). */
  issues: PriceDataIssue[];
  issueCount: number;
}

export class PriceTableBuilder {
  private readonly maxIssues: number;
  private readonly sources: Source[] = [];
  private readonly tickerIds = new Map<string, number>();
  private readonly tickerNames: string[] = [];
  private rows = 0;
  private ticker: Int32Array;
  private date: Int32Array;
  private line: Int32Array;
  private values: Record<PriceColumn, Float64Array>;
  private built = false;
  /** Whether any source has any value in open, high, low, close, volume. */
  private readonly present = [false, false, false, false, false];

  constructor(options: { capacity?: number; maxIssues?: number } = {}) {
    this.maxIssues = Math.max(1, options.maxIssues ?? DEFAULT_MAX_ISSUES);
    const capacity = Math.max(1, options.capacity ?? 1024);
    this.ticker = new Int32Array(capacity);
    this.date = new Int32Array(capacity);
    this.line = new Int32Array(capacity);
    this.values = mapColumns(() => new Float64Array(capacity));
  }

  /** Starts a new source; later rows and issues belong to it. */
  beginSource(file: string): void {
    this.sources.push({ file, firstRow: this.rows, issues: [], issueCount: 0 });
  }

  /** The id of a ticker name, assigned in order of first appearance. */
  tickerId(name: string): number {
    let id = this.tickerIds.get(name);
    if (id === undefined) {
      id = this.tickerNames.length;
      this.tickerIds.set(name, id);
      this.tickerNames.push(name);
    }
    return id;
  }

  /** Records a problem at `line` of the current source. */
  issue(line: number, column: string | undefined, message: string, hint?: string): void {
    const source = this.currentSource();
    source.issueCount++;
    if (source.issues.length >= this.maxIssues) return;
    const issue: PriceDataIssue = { file: source.file, line, message };
    if (column !== undefined) issue.column = column;
    if (hint !== undefined) issue.hint = hint;
    source.issues.push(issue);
  }

  /** Appends a row; NaN marks a missing value. */
  push(tickerId: number, date: number, open: number, high: number, low: number, close: number, volume: number, line: number): void {
    if (this.rows === this.ticker.length) this.grow();
    const row = this.rows++;
    this.ticker[row] = tickerId;
    this.date[row] = date;
    this.line[row] = line;
    const values = this.values;
    values.open[row] = open;
    values.high[row] = high;
    values.low[row] = low;
    values.close[row] = close;
    values.volume[row] = volume;
  }

  /** Notes that column `index` (0 open .. 4 volume) had a value somewhere. */
  markPresent(index: number): void {
    this.present[index] = true;
  }

  /** The table, or a `PriceDataError` listing every problem found (duplicates included). Call once. */
  build(): PriceTable {
    if (this.built) throw new Error('PriceTableBuilder: build() called twice');
    this.built = true;
    const rows = this.rows;
    const { names, rank } = this.rankTickers();
    const ticker = this.ticker.subarray(0, rows);
    for (let row = 0; row < rows; row++) ticker[row] = rank[ticker[row]!]!;
    const order = priceRowOrder(ticker, this.date, rows, names.length);
    this.findDuplicates(order, names);
    const total = this.sources.reduce((sum, s) => sum + s.issueCount, 0);
    if (total > 0) throw new PriceDataError(this.firstIssues(), total);
    // Sorted rows that exactly fill the arrays are handed over as they are (a builder is used once).
    const take = <T extends Int32Array | Float64Array>(column: T): T =>
      (order !== null ? permute(column, order) : column.length === rows ? column : column.slice(0, rows)) as T;
    const sortedTicker = take(this.ticker);
    const [hasOpen, hasHigh, hasLow, , hasVolume] = this.present as [boolean, boolean, boolean, boolean, boolean];
    return {
      tickers: names,
      ticker: sortedTicker,
      date: take(this.date),
      ...mapColumns((column) => take(this.values[column])),
      offsets: tickerOffsets(sortedTicker, names.length),
      has: { open: hasOpen, high: hasHigh, low: hasLow, volume: hasVolume },
    };
  }

  private currentSource(): Source {
    const source = this.sources[this.sources.length - 1];
    if (source === undefined) throw new Error('PriceTableBuilder: beginSource() before adding rows or issues');
    return source;
  }

  private grow(): void {
    const size = this.ticker.length * 2;
    const bigger = <T extends Int32Array | Float64Array>(old: T): T => {
      const next = new (old.constructor as new (n: number) => T)(size);
      next.set(old);
      return next;
    };
    this.ticker = bigger(this.ticker);
    this.date = bigger(this.date);
    this.line = bigger(this.line);
    this.values = mapColumns((column) => bigger(this.values[column]));
  }

  private rankTickers(): { names: string[]; rank: Int32Array } {
    const byName = this.tickerNames.map((name, id) => ({ name, id })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const rank = new Int32Array(byName.length);
    byName.forEach((entry, position) => (rank[entry.id] = position));
    return { names: byName.map((entry) => entry.name), rank };
  }

  // Sorting is stable, so in a run of equal keys the first row is the earliest one read.
  private findDuplicates(order: Int32Array | null, names: string[]): void {
    let runStart = order === null ? 0 : order[0]!;
    for (let k = 1; k < this.rows; k++) {
      const prev = order === null ? k - 1 : order[k - 1]!;
      const row = order === null ? k : order[k]!;
      if (this.ticker[row] !== this.ticker[prev] || this.date[row] !== this.date[prev]) {
        runStart = row;
        continue;
      }
      const first = this.locate(runStart);
      const here = this.locate(row);
      const where = first.source === here.source ? `line ${first.line}` : `${first.source.file}:${first.line}`;
      const key = `(${names[this.ticker[row]!]}, ${formatIsoDay(this.date[row]!)})`;
      this.logAt(here.source, here.line, 'date', `duplicate ${key}: already at ${where}`);
    }
  }

  private locate(row: number): { source: Source; line: number } {
    let lo = 0;
    let hi = this.sources.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.sources[mid]!.firstRow <= row) lo = mid;
      else hi = mid - 1;
    }
    return { source: this.sources[lo]!, line: this.line[row]! };
  }

  // Duplicates are found out of line order: keep them all for a while, then only the
  // `maxIssues` earliest lines, so a file listed twice cannot fill memory with messages.
  private logAt(source: Source, line: number, column: string, message: string): void {
    source.issueCount++;
    source.issues.push({ file: source.file, line, column, message });
    if (source.issues.length > 4 * this.maxIssues) {
      source.issues = byLine(source.issues).slice(0, this.maxIssues);
    }
  }

  private firstIssues(): PriceDataIssue[] {
    const all: PriceDataIssue[] = [];
    for (const source of this.sources) {
      all.push(...byLine(source.issues).slice(0, this.maxIssues));
      if (all.length >= this.maxIssues) break;
    }
    return all.slice(0, this.maxIssues);
  }
}

// Stable, so a row's own problems stay in column order and come before a duplicate note.
function byLine(issues: PriceDataIssue[]): PriceDataIssue[] {
  return [...issues].sort((a, b) => a.line - b.line);
}

function mapColumns(make: (column: PriceColumn) => Float64Array): Record<PriceColumn, Float64Array> {
  return { open: make('open'), high: make('high'), low: make('low'), close: make('close'), volume: make('volume') };
}

function permute<T extends Int32Array | Float64Array>(column: T, order: Int32Array): T {
  const out = new (column.constructor as new (n: number) => T)(order.length);
  for (let k = 0; k < order.length; k++) out[k] = column[order[k]!]!;
  return out;
}
