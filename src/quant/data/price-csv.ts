/**
 * Long OHLCV CSV text -> `PriceTable`, for one or many sources:
 *
 * 1. the header (first non-blank line) is matched to fields, ignoring case, through an
 *    optional column mapping; a file without a ticker column may name its ticker;
 * 2. each row is split by hand (a regex per field would cost more than the parse), its
 *    date and numbers read in place (`parseDecimalAt`: exactly `Number()`'s result);
 * 3. every row is checked (field count, date, numbers, positive prices, high >= low,
 *    open and close within the day's range) and every problem is kept, up to a cap;
 * 4. rows from all sources are sorted by (ticker, date) and duplicate keys reported,
 *    naming both places; one `PriceDataError` carries all problems.
 *
 * Empty fields and the markers NA, N/A, #N/A, NaN, null are missing values (NaN). Columns
 * missing from every source stay NaN and are marked absent in `has`; nothing is invented.
 * Reading files is the caller's job: this module is pure.
 */
import { splitPlainFields, splitQuotedFields } from './csv-fields.js';
import { parseDecimalAt } from './parse-decimal.js';
import { resolvePriceHeader, type PriceColumnMapping, type PriceCsvLayout } from './price-csv-header.js';
import { checkPriceRow, type PriceProblem, type ReportPriceProblem } from './price-row-checks.js';
import { PRICE_COLUMNS, parseIsoDayAt, type PriceTable } from './price-table.js';
import { PriceTableBuilder } from './price-table-builder.js';

export { PRICE_FIELDS, type PriceColumnMapping, type PriceField } from './price-csv-header.js';

/** One CSV text to read, and how to read it. */
export interface PriceCsvSource {
  /** The name problems are reported under, usually the path the text was read from. */
  file: string;
  text: string;
  /** Header names per field for this source; overrides `PriceCsvOptions.columns`. */
  columns?: PriceColumnMapping;
  /** The ticker of every row, for a file without a ticker column. */
  ticker?: string;
}

export interface PriceCsvOptions {
  /** Header names per field for sources that give none of their own. */
  columns?: PriceColumnMapping;
  /** How many problems a `PriceDataError` lists before "... and N more" (default 20). */
  maxIssues?: number;
}

const BLANK = 32;
// What R, pandas and spreadsheets write for a missing number; anything else non-numeric is an error.
const MISSING_MARKERS = new Set(['NA', 'N/A', '#N/A', 'NAN', 'NULL']);
const TAB = 9;

/**
 * Reads one or more long price CSV texts into one table sorted by (ticker, date).
 * Throws a `PriceDataError` listing every problem found (up to `maxIssues`).
 */
export function parsePriceCsv(sources: PriceCsvSource | readonly PriceCsvSource[], options: PriceCsvOptions = {}): PriceTable {
  const list: readonly PriceCsvSource[] = isSource(sources) ? [sources] : sources;
  if (list.length === 0) throw new RangeError('parsePriceCsv: no sources given');
  const capacity = list.reduce((sum, source) => sum + estimateRows(source.text), 0);
  const builder = new PriceTableBuilder({ capacity, ...(options.maxIssues === undefined ? {} : { maxIssues: options.maxIssues }) });
  for (const source of list) readSource(builder, source, source.columns ?? options.columns);
  return builder.build();
}

function isSource(value: PriceCsvSource | readonly PriceCsvSource[]): value is PriceCsvSource {
  return typeof (value as PriceCsvSource).text === 'string';
}

function readSource(builder: PriceTableBuilder, source: PriceCsvSource, columns: PriceColumnMapping | undefined): void {
  builder.beginSource(source.file);
  const text = source.text;
  const header = findHeader(text);
  if (header === null) {
    builder.issue(1, undefined, 'empty file: no header row', 'a price CSV starts with a header such as date,ticker,open,high,low,close,volume');
    return;
  }
  const names = splitQuotedFields(text, header.start, header.end);
  if (names === null) {
    builder.issue(header.line, undefined, 'unterminated quote in the header');
    return;
  }
  const layout = resolvePriceHeader(names, { columns, ticker: source.ticker }, (column, message, hint) => builder.issue(header.line, column, message, hint));
  if (layout === null) return;
  const reader = new RowReader(builder, layout, source.ticker === undefined ? -1 : builder.tickerId(source.ticker.trim()));
  const dataLines = reader.readLines(text, header.next, header.line);
  if (dataLines === 0) builder.issue(header.line, undefined, 'no data rows after the header');
  reader.present.forEach((present, index) => present && builder.markPresent(index));
}

interface LineSpan {
  start: number;
  end: number;
  /** Where the next line starts. */
  next: number;
  /** 1-based line number. */
  line: number;
}

// The first non-blank line, past a byte-order mark.
function findHeader(text: string): LineSpan | null {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let line = 1; pos < text.length; line++) {
    const span = lineAt(text, pos, line);
    if (!isBlankLine(text, span.start, span.end)) return span;
    pos = span.next;
  }
  return null;
}

function lineAt(text: string, pos: number, line: number): LineSpan {
  let newline = text.indexOf('\n', pos);
  if (newline < 0) newline = text.length;
  const end = newline > pos && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
  return { start: pos, end, next: newline + 1, line };
}

function isBlankLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== BLANK && code !== TAB) return false;
  }
  return true;
}

// Exact for a file without blank lines, so the builder's arrays fit and are handed over uncopied.
function estimateRows(text: string): number {
  let lines = text.length > 0 && !text.endsWith('\n') ? 1 : 0;
  for (let pos = text.indexOf('\n'); pos >= 0; pos = text.indexOf('\n', pos + 1)) lines++;
  return Math.max(0, lines - 1);
}

/** Reads the data rows of one source into the builder. */
class RowReader {
  /** Whether open, high, low, close, volume had a value on any row. */
  readonly present = [false, false, false, false, false];
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly row = new Float64Array(5);
  private line = 0;
  private lastTicker = '';
  private lastTickerId = -1;
  private adjustedHintGiven = false;
  private readonly reportValue: ReportPriceProblem;

  constructor(
    private readonly builder: PriceTableBuilder,
    private readonly layout: PriceCsvLayout,
    private readonly fixedTickerId: number,
  ) {
    this.starts = new Int32Array(layout.fieldCount);
    this.ends = new Int32Array(layout.fieldCount);
    this.reportValue = (column, message, problem) => this.builder.issue(this.line, column, message, this.hintFor(problem));
  }

  /** Reads every line from `pos` on, the first being line `headerLine + 1`; returns how many were not blank. */
  readLines(text: string, pos: number, headerLine: number): number {
    const length = text.length;
    let line = headerLine;
    let dataLines = 0;
    let quote = text.indexOf('"', pos);
    if (quote < 0) quote = length;
    while (pos < length) {
      let newline = text.indexOf('\n', pos);
      if (newline < 0) newline = length;
      const end = newline > pos && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      line++;
      if (!isBlankLine(text, pos, end)) {
        dataLines++;
        if (quote < newline) {
          this.readQuotedRow(text, pos, end, line);
          quote = text.indexOf('"', newline);
          if (quote < 0) quote = length;
        } else {
          this.readRow(text, splitPlainFields(text, pos, end, this.starts, this.ends), line);
        }
      }
      pos = newline + 1;
    }
    return dataLines;
  }

  // Rare: the unquoted fields are laid end to end in a new string, so `readRow` works as usual.
  private readQuotedRow(text: string, start: number, end: number, line: number): void {
    const fields = splitQuotedFields(text, start, end);
    if (fields === null) {
      this.builder.issue(line, undefined, 'unterminated quote (a field may not span lines)');
      return;
    }
    let at = 0;
    fields.forEach((field, i) => {
      if (i < this.starts.length) {
        this.starts[i] = at;
        this.ends[i] = at + field.length;
      }
      at += field.length;
    });
    this.readRow(fields.join(''), fields.length, line);
  }

  private readRow(text: string, fieldCount: number, line: number): void {
    const { layout, starts, ends, row } = this;
    this.line = line;
    if (fieldCount !== layout.fieldCount) {
      this.builder.issue(line, undefined, `expected ${layout.fieldCount} fields, found ${fieldCount}`);
      return;
    }
    const date = parseIsoDayAt(text, starts[layout.date]!, ends[layout.date]!);
    if (Number.isNaN(date)) {
      this.builder.issue(line, 'date', `unparseable date ${quoted(text, starts[layout.date]!, ends[layout.date]!)}`, 'dates are YYYY-MM-DD');
    }
    const tickerId = layout.ticker < 0 ? this.fixedTickerId : this.tickerAt(text, starts[layout.ticker]!, ends[layout.ticker]!);
    if (tickerId < 0) this.builder.issue(line, 'ticker', 'empty ticker');
    let numbersOk = true;
    for (let k = 0; k < 5; k++) {
      const field = layout.values[k]!;
      const value = field < 0 ? Number.NaN : this.numberAt(text, starts[field]!, ends[field]!, k);
      if (value === undefined) numbersOk = false;
      row[k] = value ?? Number.NaN;
    }
    if (numbersOk && Number.isNaN(row[3]!)) this.builder.issue(line, 'close', 'missing close');
    if (numbersOk) checkPriceRow(row[0]!, row[1]!, row[2]!, row[3]!, row[4]!, this.reportValue);
    if (tickerId >= 0 && !Number.isNaN(date)) this.builder.push(tickerId, date, row[0]!, row[1]!, row[2]!, row[3]!, row[4]!, line);
  }

  // Adjusted closes beside unadjusted bars fail the range check on every dividend; say why, once.
  private hintFor(problem: PriceProblem): string | undefined {
    if (problem !== 'outside-range' || this.layout.closeFrom === undefined || this.adjustedHintGiven) return undefined;
    this.adjustedHintGiven = true;
    return `close is read from '${this.layout.closeFrom}'; if that column is adjusted and open, high, low are not, leave them out with columns: { open: null, high: null, low: null }`;
  }

  // NaN for an empty field or a missing marker; undefined (after reporting) for one that is not a finite number.
  private numberAt(text: string, start: number, end: number, column: number): number | undefined {
    if (start === end) return Number.NaN;
    const value = parseDecimalAt(text, start, end);
    if (value === 0 && text.slice(start, end).trim() === '') return Number.NaN; // Number('  ') is 0
    if (!Number.isFinite(value)) {
      if (MISSING_MARKERS.has(text.slice(start, end).trim().toUpperCase())) return Number.NaN;
      this.builder.issue(this.line, PRICE_COLUMNS[column], `non-numeric value ${quoted(text, start, end)}`);
      return undefined;
    }
    this.present[column] = true;
    return value;
  }

  // Rows of one ticker come together in most files, so compare with the last one before hashing.
  private tickerAt(text: string, start: number, end: number): number {
    if (end - start === this.lastTicker.length && text.startsWith(this.lastTicker, start) && this.lastTickerId >= 0) return this.lastTickerId;
    const name = text.slice(start, end).trim();
    if (name === '') return -1;
    this.lastTicker = text.slice(start, end);
    this.lastTickerId = this.builder.tickerId(name);
    return this.lastTickerId;
  }
}

function quoted(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  return `'${raw.length > 40 ? `${raw.slice(0, 37)}...` : raw}'`;
}
