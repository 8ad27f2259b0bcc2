/**
 * Price tables as Parquet artifacts: `ticker` (dictionary string), `date` (Date32), and
 * `open`, `high`, `low`, `close`, `volume` (Float64, NaN where the source had no value).
 * Schema metadata `tradelab.missing` lists the columns the source did not have.
 */
import { PRICE_COLUMNS, tickerOffsets, type PriceTable } from '../src/quant/data/price-table.js';
import type { Column } from '../src/io/column.js';

export const MISSING_KEY = 'tradelab.missing';

export function priceColumns(prices: PriceTable): { columns: [string, Column][]; metadata: Record<string, string> } {
  const missing = (['open', 'high', 'low', 'volume'] as const).filter((c) => !prices.has[c]);
  return {
    columns: [
      ['ticker', { kind: 'strings', indices: prices.ticker, dictionary: prices.tickers }],
      ['date', { kind: 'date', days: prices.date }],
      ...PRICE_COLUMNS.map((c): [string, Column] => [c, { kind: 'float64', values: prices[c] }]),
    ],
    metadata: { [MISSING_KEY]: JSON.stringify(missing) },
  };
}

/** Rebuilds a price table from columns; tickers are re-sorted so `offsets` hold. */
export function pricesFromColumns(columns: Map<string, Column>, metadata: Record<string, string>): PriceTable {
  const ticker = columns.get('ticker');
  const date = columns.get('date');
  if (ticker?.kind !== 'strings' || date?.kind !== 'date') throw new Error('a price table needs a string `ticker` and a date `date` column');
  const floats = (name: string): Float64Array => {
    const c = columns.get(name);
    if (c?.kind === 'float64') return c.values;
    return new Float64Array(ticker.indices.length).fill(Number.NaN);
  };
  const order = [...ticker.dictionary.keys()].sort((a, b) => (ticker.dictionary[a]! < ticker.dictionary[b]! ? -1 : 1));
  const rank = new Int32Array(order.length);
  order.forEach((old, i) => (rank[old] = i));
  const remapped = ticker.indices.map((i) => rank[i]!);
  const missing = new Set(JSON.parse(metadata[MISSING_KEY] ?? '[]') as string[]);
  return {
    tickers: order.map((i) => ticker.dictionary[i]!),
    ticker: remapped,
    date: date.days,
    open: floats('open'),
    high: floats('high'),
    low: floats('low'),
    close: floats('close'),
    volume: floats('volume'),
    offsets: tickerOffsets(remapped, order.length),
    has: { open: !missing.has('open'), high: !missing.has('high'), low: !missing.has('low'), volume: !missing.has('volume') },
  };
}
