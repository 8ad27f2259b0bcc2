/**
 * Runs `split`, streaming the feature table row group by row group (it never holds it whole):
 * 1. read the key columns (ticker, date, close); label every row with the direction of its
 *    forward return (never across tickers);
 * 2. first pass over the features: mark warm-up rows (a NaN in any feature);
 * 3. lay out the plan (date ranges, or fold k of a walk-forward) on the data's calendar and
 *    assign segments with embargo and purge;
 * 4. second pass: write the kept rows of each row group with `segment`, `label`,
 *    `forward_return`, and every count in the metadata.
 */
import type { StageContext } from '../../src/engine/contract.js';
import { floatValues, type Column } from '../../src/io/column.js';
import type { TableSource } from '../../src/io/table-file.js';
import { formatIsoDay, tickerOffsets } from '../../src/quant/data/price-table.js';
import { directionLabels } from '../../src/quant/labels/direction-labels.js';
import { assignSegments, markWarmUpRows } from '../../src/quant/splits/assign-segments.js';
import { SEGMENT } from '../../src/quant/splits/split-plan.js';
import { splitPlans } from '../../src/quant/splits/split-plans.js';
import { tradingCalendar } from '../../src/quant/splits/trading-calendar.js';
import { LABEL_KEY, LOOKBACK_KEY, featureMetadata, featureNames, keyColumns } from '../feature-table.js';
import { RowBatches } from '../row-batches.js';
import { splitConfig, type SplitParams } from './split-config.js';

export async function run(ctx: StageContext): Promise<void> {
  const p = ctx.params as unknown as SplitParams;
  const source = await ctx.openTable('features');
  try {
    await split(ctx, p, source);
  } finally {
    source.close();
  }
}

async function split(ctx: StageContext, p: SplitParams, source: TableSource): Promise<void> {
  const names = featureNames(source.metadata, source.columns);
  const keys = keyColumns(source.read({ columns: ['ticker', 'date', 'close'] }));
  const offsets = sortedOffsets(keys.ticker.indices, keys.ticker.dictionary.length);
  const lookback = p.lookback === 'auto' ? Number(source.metadata[LOOKBACK_KEY] ?? 0) : p.lookback;
  const labels = directionLabels({
    close: keys.close,
    offsets,
    horizon: p.label.horizon,
    kind: p.label.classes === 3 ? 'ternary' : 'binary',
    deadZone: p.label.dead_zone,
  });
  const plans = splitPlans(splitConfig(p, lookback), tradingCalendar(keys.date));
  const fold = p.walk_forward?.fold ?? 0;
  const plan = plans[fold];
  if (!plan) throw new Error(`walk_forward.fold is ${fold}, but the data holds ${plans.length} fold${plans.length === 1 ? '' : 's'} (0..${plans.length - 1})`);
  const batches = new RowBatches(source, names);
  const warmUp = new Uint8Array(source.rows);
  for (const { start, columns } of batches.read('marking warm-up rows', ctx)) {
    for (const name of names) markWarmUpRows(floatValues(columns.get(name), name), warmUp, start);
  }
  const { segment, counts } = assignSegments({ date: keys.date, offsets }, plan, { label: labels.label, warmUp });
  ctx.log(`kept ${counts.train + counts.val + counts.test} of ${segment.length} rows: train ${counts.train}, val ${counts.val}, test ${counts.test}; dropped: ${counts.missingLabel} without a label, ${counts.warmUp} warm-up, ${counts.purgeGap} in purge gaps, ${counts.outside} outside the ranges`);
  if (counts.train === 0) throw new Error('no training rows are left after labels, warm-up and purge; widen `train` or check the dates');
  const summary = {
    fold,
    folds: plans.length,
    ranges: plan.ranges.map((r) => ({ segment: r.segment, start: formatIsoDay(r.start), end: formatIsoDay(r.end) })),
    horizon: plan.horizon,
    embargo_days: plan.embargoDays,
    lookback: plan.lookback,
    counts,
  };
  const writer = ctx.tableWriter(
    'dataset',
    featureMetadata(names, { ...source.metadata, 'tradelab.split': JSON.stringify(summary), [LABEL_KEY]: JSON.stringify(p.label) }),
  );
  const kept = new KeptRows(batches.capacity);
  for (const { start, end, columns } of batches.read('writing kept rows', ctx)) {
    kept.select(segment, start, end);
    await writer.write([
      ['ticker', { kind: 'strings', indices: kept.take('ticker', keys.ticker.indices, 0), dictionary: keys.ticker.dictionary }],
      ['date', { kind: 'date', days: kept.take('date', keys.date, 0) }],
      ['close', { kind: 'float64', values: kept.take('close', keys.close, 0) }],
      ['segment', { kind: 'int8', values: kept.take('segment', segment, 0) }],
      ['label', { kind: 'int8', values: kept.take('label', labels.label, 0) }],
      ['forward_return', { kind: 'float64', values: kept.take('forward_return', labels.forwardReturn, 0) }],
      ...names.map((name): [string, Column] => {
        const column = columns.get(name) as Extract<Column, { kind: 'float64' | 'float32' }>;
        return [name, { ...column, values: kept.take(name, column.values, start) } as Column];
      }),
    ]);
  }
  await writer.close();
}

/** The kept rows of one batch, gathered into buffers reused from batch to batch. */
class KeptRows {
  private rows = new Int32Array(0);
  private count = 0;
  private readonly buffers = new Map<string, Float64Array | Float32Array | Int32Array | Int8Array>();

  constructor(private readonly capacity: number) {}

  /** Picks the rows of [start, end) with a segment (absolute row numbers). */
  select(segment: Int8Array, start: number, end: number): void {
    if (this.rows.length < this.capacity) this.rows = new Int32Array(this.capacity);
    this.count = 0;
    for (let row = start; row < end; row++) if (segment[row] !== SEGMENT.none) this.rows[this.count++] = row;
  }

  /** The kept values of `values`, whose index 0 is absolute row `base`. */
  take<T extends Float64Array | Float32Array | Int32Array | Int8Array>(name: string, values: T, base: number): T {
    let out = this.buffers.get(name) as T | undefined;
    if (!out) this.buffers.set(name, (out = new (values.constructor as new (n: number) => T)(this.capacity)));
    for (let i = 0; i < this.count; i++) out[i] = values[this.rows[i]! - base]!;
    return out.subarray(0, this.count) as T;
  }
}

function sortedOffsets(ticker: Int32Array, count: number): Int32Array {
  for (let i = 1; i < ticker.length; i++) {
    if (ticker[i]! < ticker[i - 1]!) throw new Error('the features are not sorted by ticker; they must come from `indicators` or be sorted by (ticker, date)');
  }
  return tickerOffsets(ticker, count);
}
