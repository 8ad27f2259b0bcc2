/**
 * Runs `indicators`, streaming: the price table is read whole (six columns), the features
 * (2 GB for 4 million rows) never are:
 * 1. compute the set ticker by ticker on subarrays of the prices, into reused batch buffers;
 * 2. when the next ticker would overflow the batch, write the batch as one row group of
 *    whole tickers (so downstream stages can stream it by ticker too);
 * 3. record the skipped indicators and why, and the longest lookback, in the metadata.
 * Features are stored as float32 by default (`precision`), computed in float64 either way.
 */
import type { StageContext, TableWriter } from '../../src/engine/contract.js';
import type { Column } from '../../src/io/column.js';
import { ROW_GROUP_ROWS } from '../../src/io/parquet-writer.js';
import { PRICE_COLUMNS, type PriceTable } from '../../src/quant/data/price-table.js';
import { computeIndicators, type SkippedIndicator } from '../../src/quant/indicators/compute-indicators.js';
import { STANDARD_COLUMNS } from '../../src/quant/indicators/standard-set.js';
import { LOOKBACK_KEY, featureMetadata } from '../feature-table.js';
import { MISSING_KEY, pricesFromColumns } from '../price-arrow.js';

export async function run(ctx: StageContext): Promise<void> {
  const input = await ctx.readTable('prices');
  const prices = pricesFromColumns(input.columns, input.metadata);
  const wanted = ctx.params.columns as string[] | undefined;
  const passthrough = ctx.params.passthrough
    ? [...input.columns].filter(([name, c]) => c.kind === 'float64' && !(PRICE_COLUMNS as readonly string[]).includes(name)).map(([name]) => name)
    : [];
  const tickers = prices.tickers.length;
  const longest = longestTicker(prices.offsets);
  const precision = ctx.params.precision === 'float64' ? 'float64' : 'float32';
  const batch = new FeatureBatch(prices, Math.max(ROW_GROUP_ROWS, longest), precision, passthrough.map((n) => [n, input.columns.get(n)!]));
  // float32: each ticker is computed into float64 scratch (reused), then rounded once into the batch.
  const scratch = precision === 'float32' ? new Map<string, Float64Array>() : undefined;
  const into = (name: string, rows: number): Float64Array => {
    if (!scratch) return batch.target(name, rows) as Float64Array;
    let buffer = scratch.get(name);
    if (!buffer) scratch.set(name, (buffer = new Float64Array(longest)));
    return buffer.subarray(0, rows);
  };
  let skipped: SkippedIndicator[] = [];
  let writer: TableWriter | undefined;
  for (let i = 0; i < tickers; i++) {
    const [start, end] = [prices.offsets[i]!, prices.offsets[i + 1]!];
    if (!batch.fits(end - start)) writer = await batch.flush(writer, ctx, input.metadata, skipped);
    const slice = (c: Float64Array): Float64Array => c.subarray(start, end);
    const result = computeIndicators(
      { open: slice(prices.open), high: slice(prices.high), low: slice(prices.low), close: slice(prices.close), volume: slice(prices.volume) },
      { has: prices.has, ...(wanted ? { columns: wanted } : {}), into: (name) => into(name, end - start) },
    );
    if (scratch) for (const [name, values] of result.columns) batch.target(name, end - start).set(values);
    if (i === 0) skipped = result.skipped;
    batch.added(start, end - start);
    if (i % 50 === 0 || i === tickers - 1) ctx.progress({ done: i + 1, total: tickers, message: `${i + 1}/${tickers} tickers` });
  }
  writer = await batch.flush(writer, ctx, input.metadata, skipped);
  await writer.close();
  if (skipped.length > 0) ctx.log(`skipped ${skipped.length} indicators: ${skipped.map((s) => `${s.name} (${s.reason})`).join(', ')}`);
  ctx.log(`${batch.names.length} feature columns for ${prices.ticker.length} rows of ${tickers} tickers`);
}

/** Whole tickers' features in buffers allocated once and reused for every row group. */
class FeatureBatch {
  readonly names: string[] = [];
  private readonly buffers = new Map<string, Float64Array | Float32Array>();
  private first = 0;
  private rows = 0;

  constructor(
    private readonly prices: PriceTable,
    private readonly capacity: number,
    private readonly precision: 'float32' | 'float64',
    private readonly passthrough: [string, Column][],
  ) {}

  fits(rows: number): boolean {
    return this.rows === 0 || this.rows + rows <= this.capacity;
  }

  /** Where the next ticker's column `name` goes. */
  target(name: string, rows: number): Float64Array | Float32Array {
    let buffer = this.buffers.get(name);
    if (!buffer) {
      this.buffers.set(name, (buffer = this.precision === 'float32' ? new Float32Array(this.capacity) : new Float64Array(this.capacity)));
      this.names.push(name);
    }
    return buffer.subarray(this.rows, this.rows + rows);
  }

  added(start: number, rows: number): void {
    if (this.rows === 0) this.first = start;
    this.rows += rows;
  }

  /** Writes the batch as one row group (opening the output on the first) and empties it. */
  async flush(writer: TableWriter | undefined, ctx: StageContext, input: Record<string, string>, skipped: SkippedIndicator[]): Promise<TableWriter> {
    const out = writer ?? ctx.tableWriter('features', this.metadata(input, skipped));
    const [from, to] = [this.first, this.first + this.rows];
    await out.write([
      ['ticker', { kind: 'strings', indices: this.prices.ticker.subarray(from, to), dictionary: this.prices.tickers }],
      ['date', { kind: 'date', days: this.prices.date.subarray(from, to) }],
      ['close', { kind: 'float64', values: this.prices.close.subarray(from, to) }],
      ...this.names.map((name): [string, Column] => [name, floatColumn(this.buffers.get(name)!.subarray(0, this.rows))]),
      ...this.passthrough.map(([name, c]): [string, Column] => [name, this.stored((c as { values: Float64Array }).values.subarray(from, to))]),
    ]);
    this.rows = 0;
    return out;
  }

  /** A passthrough column at the batch's precision. */
  private stored(values: Float64Array): Column {
    return this.precision === 'float32' ? { kind: 'float32', values: Float32Array.from(values) } : { kind: 'float64', values };
  }

  private metadata(input: Record<string, string>, skipped: SkippedIndicator[]): Record<string, string> {
    return featureMetadata([...this.names, ...this.passthrough.map(([name]) => name)], {
      'tradelab.skipped': JSON.stringify(skipped),
      // The longest window a feature reads, for the purge gap of splits downstream.
      [LOOKBACK_KEY]: String(Math.max(0, ...STANDARD_COLUMNS.filter((c) => this.names.includes(c.name)).map((c) => c.lookback))),
      ...(input[MISSING_KEY] ? { [MISSING_KEY]: input[MISSING_KEY] } : {}),
    });
  }
}

function floatColumn(values: Float64Array | Float32Array): Column {
  return values instanceof Float32Array ? { kind: 'float32', values } : { kind: 'float64', values };
}

function longestTicker(offsets: Int32Array): number {
  let longest = 0;
  for (let i = 1; i < offsets.length; i++) longest = Math.max(longest, offsets[i]! - offsets[i - 1]!);
  return longest;
}
