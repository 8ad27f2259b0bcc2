/**
 * Runs `split`:
 * 1. label every row with the direction of its forward return (never across tickers);
 * 2. lay out the plan (date ranges, or fold k of a walk-forward) on the data's calendar;
 * 3. assign segments with embargo and purge, drop unlabeled, warm-up and gap rows;
 * 4. write the kept rows with `segment`, `label`, `forward_return`, and every count.
 */
import type { Table } from 'apache-arrow';
import type { StageContext } from '../../src/engine/contract.js';
import { columnsToTable, tableColumns, tableMetadata, type Column } from '../../src/io/typed-columns.js';
import { formatIsoDay, tickerOffsets } from '../../src/quant/data/price-table.js';
import { directionLabels } from '../../src/quant/labels/direction-labels.js';
import { assignSegments } from '../../src/quant/splits/assign-segments.js';
import { SEGMENT } from '../../src/quant/splits/split-plan.js';
import { splitPlans } from '../../src/quant/splits/split-plans.js';
import { tradingCalendar } from '../../src/quant/splits/trading-calendar.js';
import { FEATURES_KEY, LOOKBACK_KEY, featuresFromColumns } from '../feature-table.js';
import { splitConfig, type SplitParams } from './split-config.js';

export async function run(ctx: StageContext): Promise<void> {
  const p = ctx.params as unknown as SplitParams;
  const table = (await ctx.readTable('features')) as Table;
  const metadata = tableMetadata(table);
  const data = featuresFromColumns(tableColumns(table), metadata);
  const offsets = sortedOffsets(data.ticker.indices, data.ticker.dictionary.length);
  const lookback = p.lookback === 'auto' ? Number(metadata[LOOKBACK_KEY] ?? 0) : p.lookback;
  const labels = directionLabels({
    close: data.close,
    offsets,
    horizon: p.label.horizon,
    kind: p.label.classes === 3 ? 'ternary' : 'binary',
    deadZone: p.label.dead_zone,
  });
  const plans = splitPlans(splitConfig(p, lookback), tradingCalendar(data.date));
  const fold = p.walk_forward?.fold ?? 0;
  const plan = plans[fold];
  if (!plan) throw new Error(`walk_forward.fold is ${fold}, but the data holds ${plans.length} fold${plans.length === 1 ? '' : 's'} (0..${plans.length - 1})`);
  const { segment, counts } = assignSegments({ date: data.date, offsets }, plan, { label: labels.label, features: [...data.features.values()] });
  const keep = keptRows(segment);
  ctx.log(`kept ${keep.length} of ${segment.length} rows: train ${counts.train}, val ${counts.val}, test ${counts.test}; dropped: ${counts.missingLabel} without a label, ${counts.warmUp} warm-up, ${counts.purgeGap} in purge gaps, ${counts.outside} outside the ranges`);
  if (counts.train === 0) throw new Error('no training rows are left after labels, warm-up and purge; widen `train` or check the dates');
  const take = <T extends Float64Array | Int32Array | Int8Array>(values: T): T => {
    const out = new (values.constructor as new (n: number) => T)(keep.length);
    for (let i = 0; i < keep.length; i++) out[i] = values[keep[i]!]!;
    return out;
  };
  const columns: [string, Column][] = [
    ['ticker', { kind: 'strings', indices: take(data.ticker.indices), dictionary: data.ticker.dictionary }],
    ['date', { kind: 'date', days: take(data.date) }],
    ['close', { kind: 'float64', values: take(data.close) }],
    ['segment', { kind: 'int8', values: take(segment) }],
    ['label', { kind: 'int8', values: take(labels.label) }],
    ['forward_return', { kind: 'float64', values: take(labels.forwardReturn) }],
    ...[...data.features].map(([name, values]): [string, Column] => [name, { kind: 'float64', values: take(values) }]),
  ];
  const split = {
    fold,
    folds: plans.length,
    ranges: plan.ranges.map((r) => ({ segment: r.segment, start: formatIsoDay(r.start), end: formatIsoDay(r.end) })),
    horizon: plan.horizon,
    embargo_days: plan.embargoDays,
    lookback: plan.lookback,
    counts,
  };
  await ctx.output('dataset', {
    table: columnsToTable(columns, {
      ...data.metadata,
      [FEATURES_KEY]: JSON.stringify([...data.features.keys()]),
      'tradelab.split': JSON.stringify(split),
      'tradelab.label': JSON.stringify(p.label),
    }),
  });
}

function sortedOffsets(ticker: Int32Array, count: number): Int32Array {
  for (let i = 1; i < ticker.length; i++) {
    if (ticker[i]! < ticker[i - 1]!) throw new Error('the features are not sorted by ticker; they must come from `indicators` or be sorted by (ticker, date)');
  }
  return tickerOffsets(ticker, count);
}

function keptRows(segment: Int8Array): Int32Array {
  let n = 0;
  for (let i = 0; i < segment.length; i++) if (segment[i] !== SEGMENT.none) n++;
  const out = new Int32Array(n);
  for (let i = 0, k = 0; i < segment.length; i++) if (segment[i] !== SEGMENT.none) out[k++] = i;
  return out;
}
