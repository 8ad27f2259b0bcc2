import { PRICE_COLUMNS } from './price-table.js';

/** The fields a long price CSV can carry, in their canonical order. */
export const PRICE_FIELDS = ['date', 'ticker', ...PRICE_COLUMNS] as const;
export type PriceField = (typeof PRICE_FIELDS)[number];

/**
 * Header names to read each field from, when they are not the field's own name,
 * e.g. `{ date: 'Date', ticker: 'Symbol', close: 'Adj Close' }`. Matched ignoring case
 * and surrounding blanks, like the default names. `null` leaves an optional field out
 * even when a column has its name (`{ close: 'Adj Close', open: null, high: null, low: null }`
 * reads adjusted closes without the unadjusted bars of a Yahoo file).
 */
export type PriceColumnMapping = Partial<Record<PriceField, string | null>>;

/** Where each field sits in a file's rows; -1 for a field the file does not have. */
export interface PriceCsvLayout {
  fieldCount: number;
  date: number;
  ticker: number;
  /** Field index of open, high, low, close, volume (the order of `PRICE_COLUMNS`). */
  values: [number, number, number, number, number];
  /** The header close is read from, when a mapping renamed it (adjusted closes, usually). */
  closeFrom?: string;
}

/** Receives a problem with the header, which is always line 1's. */
export type ReportHeaderProblem = (column: string | undefined, message: string, hint?: string) => void;

/**
 * Finds the fields in a header row. Reports every problem (unknown mapping keys, mapped
 * names that are not there, required fields missing, a field matched twice) and returns
 * null when there were any.
 */
export function resolvePriceHeader(
  header: readonly string[],
  options: { columns?: PriceColumnMapping | undefined; ticker?: string | undefined },
  report: ReportHeaderProblem,
): PriceCsvLayout | null {
  const mapping = options.columns ?? {};
  const names = header.map((name) => name.trim().toLowerCase());
  const shown = header.map((name) => `'${name.trim()}'`).join(', ');
  let ok = checkMappingKeys(mapping, report);
  const index = {} as Record<PriceField, number>;
  for (const field of PRICE_FIELDS) {
    const wanted = mapping[field];
    if (wanted === null) {
      index[field] = -1;
      if (isRequired(field, options.ticker)) {
        ok = false;
        const why = field === 'ticker' ? 'without the ticker option to name it' : 'it is required';
        report(field, `${field} cannot be left out (mapped to null) ${why}`);
      }
      continue;
    }
    const key = (wanted ?? field).trim().toLowerCase();
    const matches = names.flatMap((name, i) => (name === key ? [i] : []));
    index[field] = matches[0] ?? -1;
    if (matches.length > 1) {
      ok = false;
      report(field, `${matches.length} columns are named '${wanted ?? field}' (columns ${matches.map((i) => i + 1).join(', ')})`);
    } else if (matches.length === 0 && wanted !== undefined) {
      ok = false;
      report(field, `no column '${wanted}' (mapped to ${field}); the header has ${shown}`);
    } else if (matches.length === 0 && isRequired(field, options.ticker)) {
      ok = false;
      report(field, `no '${field}' column; the header has ${shown}`, `name the column with columns: { ${field}: '<header name>' }`);
    }
  }
  ok = checkTickerOption(options.ticker, index.ticker, report) && ok;
  ok = checkSharedColumns(index, header, report) && ok;
  if (!ok) return null;
  const [open, high, low, close, volume] = PRICE_COLUMNS.map((c) => index[c]) as [number, number, number, number, number];
  const layout: PriceCsvLayout = { fieldCount: header.length, date: index.date, ticker: index.ticker, values: [open, high, low, close, volume] };
  if (typeof mapping.close === 'string' && mapping.close.trim().toLowerCase() !== 'close') layout.closeFrom = header[close]!.trim();
  return layout;
}

function isRequired(field: PriceField, tickerOption: string | undefined): boolean {
  return field === 'date' || field === 'close' || (field === 'ticker' && tickerOption === undefined);
}

function checkMappingKeys(mapping: PriceColumnMapping, report: ReportHeaderProblem): boolean {
  const unknown = Object.keys(mapping).filter((key) => !(PRICE_FIELDS as readonly string[]).includes(key));
  for (const key of unknown) report(undefined, `unknown field '${key}' in the column mapping; fields are ${PRICE_FIELDS.join(', ')}`);
  return unknown.length === 0;
}

function checkTickerOption(ticker: string | undefined, tickerColumn: number, report: ReportHeaderProblem): boolean {
  if (ticker === undefined) return true;
  if (ticker.trim() === '') {
    report('ticker', 'the ticker option is empty');
    return false;
  }
  if (tickerColumn >= 0) {
    report('ticker', `the file has a ticker column, so the ticker option '${ticker}' would be ignored`, 'give the ticker option only for files without a ticker column');
    return false;
  }
  return true;
}

// A mapping can point two fields at one column (`{ open: 'Price', close: 'Price' }`).
function checkSharedColumns(index: Record<PriceField, number>, header: readonly string[], report: ReportHeaderProblem): boolean {
  let ok = true;
  const owner = new Map<number, PriceField>();
  for (const field of PRICE_FIELDS) {
    const column = index[field];
    if (column < 0) continue;
    const other = owner.get(column);
    if (other === undefined) owner.set(column, field);
    else {
      ok = false;
      report(field, `column '${header[column]!.trim()}' is read as both ${other} and ${field}`);
    }
  }
  return ok;
}
