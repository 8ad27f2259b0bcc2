/**
 * The new prices `predict` applies a model to, read the way the run's `ingest` read its own:
 * 1. Parquet is rendered to CSV text first (io's exporter), so both formats go through the
 *    same domain parser and row checks as `ingest` (the run's `columns` mapping and `ticker`);
 * 2. extra numeric columns the model reads as passthrough features (a synthetic market's
 *    `signal`) are read by header name and aligned to the parsed (ticker, date) rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tableToCsv } from '../src/io/csv.js';
import { readParquet } from '../src/io/parquet.js';
import { splitQuotedFields } from '../src/quant/data/csv-fields.js';
import { parsePriceCsv, type PriceColumnMapping } from '../src/quant/data/price-csv.js';
import { PriceDataError } from '../src/quant/data/price-data-error.js';
import { parseIsoDay, type PriceTable } from '../src/quant/data/price-table.js';
import { InferenceInputError } from './inference-error.js';

/** Prices plus the extra columns asked for, one value per price row (NaN where empty). */
export interface InferencePrices {
  prices: PriceTable;
  extra: Map<string, Float64Array>;
}

/** Reads `file` (CSV, or Parquet by extension) with the ingest stage's mapping. */
export function readInferencePrices(file: { path: string; name: string }, ingest: { columns?: PriceColumnMapping; ticker?: string }, extraNames: readonly string[]): InferencePrices {
  const text = dataText(file);
  let prices: PriceTable;
  try {
    prices = parsePriceCsv({ file: file.name, text, ...(ingest.ticker ? { ticker: ingest.ticker } : {}) }, { columns: ingest.columns ?? {} });
  } catch (error) {
    if (error instanceof PriceDataError) throw new InferenceInputError(error.message, 'fix the rows above, or give the columns the names the run\'s ingest stage mapped (see `tradelab show <run>`)');
    throw error;
  }
  return { prices, extra: extraColumns(text, file.name, prices, ingest, extraNames) };
}

function dataText(file: { path: string; name: string }): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.path);
  } catch (error) {
    throw new InferenceInputError(`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'give the path of a price CSV or Parquet file', file.name);
  }
  if (!['.parquet', '.pq'].includes(path.extname(file.path).toLowerCase())) return bytes.toString('utf8');
  try {
    return tableToCsv(readParquet(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)));
  } catch (error) {
    throw new InferenceInputError(`not a readable Parquet file: ${(error as Error).message}`, 'write prices as Parquet with date, ticker and close columns, or as CSV', file.name);
  }
}

/** The named extra columns, aligned with the parsed (sorted) price rows by (ticker, date). */
function extraColumns(text: string, name: string, prices: PriceTable, ingest: { columns?: PriceColumnMapping; ticker?: string }, wanted: readonly string[]): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  if (wanted.length === 0) return out;
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  const header = (splitQuotedFields(lines[headerAt]!, 0, lines[headerAt]!.length) ?? []).map((h) => h.trim().toLowerCase());
  const at = (field: string, mapped?: string | null): number => header.indexOf((mapped ?? field).toLowerCase());
  const dateAt = at('date', ingest.columns?.date);
  const tickerAt = at('ticker', ingest.columns?.ticker);
  const missing = wanted.filter((w) => at(w) < 0);
  if (missing.length > 0) {
    throw new InferenceInputError(
      `no column ${missing.map((m) => `'${m}'`).join(', ')}, which the model reads as ${missing.length === 1 ? 'a feature' : 'features'} (passed through from the training prices)`,
      `add ${missing.length === 1 ? 'it' : 'them'} to the file: the model was trained with ${missing.join(', ')} beside the indicators`,
      name,
    );
  }
  const rowOf = new Map<string, number>();
  for (let row = 0; row < prices.date.length; row++) rowOf.set(`${prices.tickers[prices.ticker[row]!]}\u0000${prices.date[row]}`, row);
  for (const w of wanted) out.set(w, new Float64Array(prices.date.length).fill(Number.NaN));
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const fields = splitQuotedFields(line, 0, line.length);
    if (!fields) continue;
    const ticker = tickerAt >= 0 ? fields[tickerAt]!.trim() : ingest.ticker;
    const row = rowOf.get(`${ticker}\u0000${parseIsoDay(fields[dateAt]!.trim())}`);
    if (row === undefined) continue;
    for (const w of wanted) {
      const cell = fields[at(w)]?.trim() ?? '';
      out.get(w)![row] = cell === '' ? Number.NaN : Number(cell);
    }
  }
  return out;
}
