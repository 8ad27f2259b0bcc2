/**
 * Runs `ingest`:
 * 1. `source: synthetic` -> generate the seeded market (with its planted `signal` column);
 * 2. otherwise read every file the engine hashed (globs expanded): CSV through the
 *    domain parser, Parquet through Arrow columns and the same row checks;
 * 3. write one Parquet table sorted by (ticker, date), recording missing columns.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { StageContext } from '../../src/engine/contract.js';
import type { Column } from '../../src/io/column.js';
import { readTableFile } from '../../src/io/table-file.js';
import { parsePriceCsv, type PriceColumnMapping } from '../../src/quant/data/price-csv.js';
import { PriceDataError } from '../../src/quant/data/price-data-error.js';
import { checkPriceRow } from '../../src/quant/data/price-row-checks.js';
import { PriceTableBuilder } from '../../src/quant/data/price-table-builder.js';
import { PRICE_COLUMNS, type PriceTable } from '../../src/quant/data/price-table.js';
import { generateMarket } from '../../src/quant/data/synthetic-market.js';
import { priceColumns } from '../price-arrow.js';

interface SyntheticParams {
  tickers: number;
  days: number;
  start: string;
  drift: number;
  volatility: number;
  regimes?: { calm: number; turbulent: number; switch_probability: number };
  signal_strength?: number;
  mode: 'market' | 'null' | null;
}

export async function run(ctx: StageContext): Promise<void> {
  const p = ctx.params as { source: string | string[]; format: string; columns: PriceColumnMapping; ticker?: string; max_errors: number; seed: number; synthetic: SyntheticParams };
  if (p.source === 'synthetic') {
    const market = synthetic(p.seed, p.synthetic);
    const { columns, metadata } = priceColumns(market.prices);
    const signal = market.extra.get('signal');
    if (signal) columns.push(['signal', { kind: 'float64', values: signal }]);
    ctx.log(`synthetic market: ${market.prices.tickers.length} tickers x ${p.synthetic.days} days, ${describePlanted(p.synthetic)}`);
    await ctx.output('prices', { columns, metadata: { ...metadata, 'tradelab.planted': JSON.stringify(market.planted.signal ?? null) } });
    return;
  }
  const files = ctx.files('source');
  const csv = files.filter((f) => !isParquet(f, p.format));
  const parquet = files.filter((f) => isParquet(f, p.format));
  let prices: PriceTable;
  try {
    if (csv.length > 0 && parquet.length > 0) {
      throw new Error(`source mixes CSV (${display(ctx, csv[0]!)}) and Parquet (${display(ctx, parquet[0]!)}) files; give one ingest stage one format`);
    }
    prices = parquet.length === 0 ? readCsv(csv, ctx, p) : await readParquetFiles(parquet, ctx, p);
  } catch (error) {
    if (error instanceof PriceDataError) throw new Error(`${error.message}\nnothing was written; fix the rows above (or map columns with \`columns:\`) and run again`);
    throw error;
  }
  const missing = (['open', 'high', 'low', 'volume'] as const).filter((c) => !prices.has[c]);
  ctx.log(`${prices.ticker.length} rows, ${prices.tickers.length} tickers${missing.length ? `; missing columns: ${missing.join(', ')} (close-only data)` : ''}`);
  const { columns, metadata } = priceColumns(prices);
  await ctx.output('prices', { columns, metadata });
}

function synthetic(seed: number, s: SyntheticParams) {
  return generateMarket({
    seed,
    tickers: s.tickers,
    days: s.days,
    start: s.start,
    drift: s.drift,
    volatility: s.volatility,
    // YAML's bare `null` arrives as the null value.
    mode: s.mode === null ? 'null' : s.mode,
    ...(s.regimes ? { regimes: { calm: s.regimes.calm, turbulent: s.regimes.turbulent, switchProbability: s.regimes.switch_probability } } : {}),
    ...(s.signal_strength !== undefined ? { signal: { strength: s.signal_strength } } : {}),
  });
}

function describePlanted(s: SyntheticParams): string {
  if (s.mode === 'null' || s.mode === null) return 'null mode (pure random walk)';
  return s.signal_strength !== undefined ? `planted signal of strength ${s.signal_strength}` : 'no planted signal';
}

function isParquet(file: string, format: string): boolean {
  if (format !== 'auto') return format === 'parquet';
  return ['.parquet', '.pq'].includes(path.extname(file).toLowerCase());
}

function display(ctx: StageContext, file: string): string {
  return path.relative(ctx.projectRoot, file);
}

function readCsv(files: string[], ctx: StageContext, p: { columns: PriceColumnMapping; ticker?: string; max_errors: number }): PriceTable {
  return parsePriceCsv(
    files.map((f) => ({ file: display(ctx, f), text: readFileSync(f, 'utf8'), ...(p.ticker ? { ticker: p.ticker } : {}) })),
    { columns: p.columns, maxIssues: p.max_errors },
  );
}

/** Parquet sources through the same builder and row checks as CSV; rows are numbered from 1. */
async function readParquetFiles(files: string[], ctx: StageContext, p: { columns: PriceColumnMapping; ticker?: string; max_errors: number }): Promise<PriceTable> {
  const builder = new PriceTableBuilder({ maxIssues: p.max_errors });
  for (const file of files) addParquet(builder, display(ctx, file), (await readTableFile(file)).columns, p);
  return builder.build();
}

function addParquet(builder: PriceTableBuilder, name: string, columns: Map<string, Column>, p: { columns: PriceColumnMapping; ticker?: string }): void {
  builder.beginSource(name);
  const pick = (field: string): Column | undefined => {
    const mapped = (p.columns as Record<string, string | null | undefined>)[field];
    if (mapped === null) return undefined;
    const wanted = (mapped ?? field).toLowerCase();
    return [...columns].find(([n]) => n.toLowerCase() === wanted)?.[1];
  };
  const date = pick('date');
  const ticker = pick('ticker');
  const close = pick('close');
  if (date?.kind !== 'date') return builder.issue(1, 'date', 'no date column of a date or timestamp type');
  if (close?.kind !== 'float64' && close?.kind !== 'float32') return builder.issue(1, 'close', 'no float close column');
  if (ticker && ticker.kind !== 'strings') return builder.issue(1, 'ticker', 'the ticker column must hold strings');
  if (!ticker && !p.ticker) return builder.issue(1, 'ticker', 'no ticker column', 'name the ticker with `ticker:`');
  const floats = PRICE_COLUMNS.map((c, i) => {
    const column = pick(c);
    if (column?.kind !== 'float64' && column?.kind !== 'float32') return undefined;
    builder.markPresent(i);
    return column.values;
  });
  const ids = ticker?.kind === 'strings' ? ticker.dictionary.map((t) => builder.tickerId(t)) : [builder.tickerId(p.ticker!)];
  const nan = Number.NaN;
  for (let row = 0; row < date.days.length; row++) {
    const [o, h, l, c, v] = floats.map((f) => (f ? f[row]! : nan)) as [number, number, number, number, number];
    const ok = checkPriceRow(o, h, l, c, v, (column, message) => builder.issue(row + 1, column, message));
    if (Number.isNaN(c)) builder.issue(row + 1, 'close', 'missing close');
    else if (ok) builder.push(ids[ticker?.kind === 'strings' ? ticker.indices[row]! : 0]!, date.days[row]!, o, h, l, c, v, row + 1);
  }
}
