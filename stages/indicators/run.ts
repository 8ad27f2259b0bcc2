/**
 * Runs `indicators`: read the price table, compute the set ticker by ticker on subarrays
 * (no copies of the inputs), write one feature table with the skipped indicators and why.
 */
import type { StageContext } from '../../src/engine/contract.js';
import { columnsToTable, tableColumns, tableMetadata } from '../../src/io/typed-columns.js';
import { computeIndicators } from '../../src/quant/indicators/compute-indicators.js';
import { STANDARD_COLUMNS } from '../../src/quant/indicators/standard-set.js';
import { PRICE_COLUMNS } from '../../src/quant/data/price-table.js';
import type { Table } from 'apache-arrow';
import { LOOKBACK_KEY, featureColumns } from '../feature-table.js';
import { MISSING_KEY, pricesFromColumns } from '../price-arrow.js';

export async function run(ctx: StageContext): Promise<void> {
  const table = (await ctx.readTable('prices')) as Table;
  const columns = tableColumns(table);
  const metadata = tableMetadata(table);
  const prices = pricesFromColumns(columns, metadata);
  const rows = prices.ticker.length;
  const wanted = ctx.params.columns as string[] | undefined;
  const features = new Map<string, Float64Array>();
  let skipped: { name: string; reason: string }[] = [];
  const tickers = prices.tickers.length;
  for (let i = 0; i < tickers; i++) {
    const [start, end] = [prices.offsets[i]!, prices.offsets[i + 1]!];
    const slice = (c: Float64Array): Float64Array => c.subarray(start, end);
    const result = computeIndicators(
      { open: slice(prices.open), high: slice(prices.high), low: slice(prices.low), close: slice(prices.close), volume: slice(prices.volume) },
      { has: prices.has, ...(wanted ? { columns: wanted } : {}) },
    );
    if (i === 0) skipped = result.skipped;
    for (const [name, values] of result.columns) {
      let out = features.get(name);
      if (!out) features.set(name, (out = new Float64Array(rows)));
      out.set(values, start);
    }
    if (i % 50 === 0 || i === tickers - 1) ctx.progress({ done: i + 1, total: tickers, message: `${i + 1}/${tickers} tickers` });
  }
  if (ctx.params.passthrough) {
    for (const [name, column] of columns) {
      if (column.kind === 'float64' && !(PRICE_COLUMNS as readonly string[]).includes(name)) features.set(name, column.values);
    }
  }
  if (skipped.length > 0) ctx.log(`skipped ${skipped.length} indicators: ${skipped.map((s) => `${s.name} (${s.reason})`).join(', ')}`);
  ctx.log(`${features.size} feature columns for ${rows} rows of ${tickers} tickers`);
  const out = featureColumns({
    ticker: { kind: 'strings', indices: prices.ticker, dictionary: prices.tickers },
    date: prices.date,
    close: prices.close,
    features,
    metadata: {
      'tradelab.skipped': JSON.stringify(skipped),
      // The longest window a feature reads, for the purge gap of splits downstream.
      [LOOKBACK_KEY]: String(Math.max(0, ...STANDARD_COLUMNS.filter((c) => features.has(c.name)).map((c) => c.lookback))),
      ...(metadata[MISSING_KEY] ? { [MISSING_KEY]: metadata[MISSING_KEY] } : {}),
    },
  });
  await ctx.output('features', { table: columnsToTable(out.columns, out.metadata) });
}
