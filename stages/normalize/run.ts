/**
 * Runs `normalize`: fit the scaling on train rows only, apply it to every row, write the
 * scaled dataset and the statistics as their own artifact (so a test can show that
 * val/test prices never reach them).
 */
import type { Table } from 'apache-arrow';
import type { StageContext } from '../../src/engine/contract.js';
import { columnsToTable, tableColumns, tableMetadata, type Column } from '../../src/io/typed-columns.js';
import { tickerOffsets } from '../../src/quant/data/price-table.js';
import { applyScaling } from '../../src/quant/scaling/apply-scaling.js';
import { fitScaling } from '../../src/quant/scaling/fit-scaling.js';
import { serializeScalingStats } from '../../src/quant/scaling/scaling-stats.js';
import { FEATURES_KEY } from '../feature-table.js';

export async function run(ctx: StageContext): Promise<void> {
  const table = (await ctx.readTable('dataset')) as Table;
  const columns = tableColumns(table);
  const metadata = tableMetadata(table);
  const names = JSON.parse(metadata[FEATURES_KEY] ?? '[]') as string[];
  const segment = columns.get('segment');
  const ticker = columns.get('ticker');
  if (segment?.kind !== 'int8' || ticker?.kind !== 'strings') throw new Error('the dataset needs `segment` and `ticker` columns (it comes from `split`)');
  const features = names.map((name) => {
    const column = columns.get(name);
    if (column?.kind !== 'float64') throw new Error(`feature column '${name}' is missing or not numeric`);
    return column.values;
  });
  const perTicker = ctx.params.per === 'ticker';
  const offsets = tickerOffsets(ticker.indices, ticker.dictionary.length);
  const grouping = perTicker ? { tickers: ticker.dictionary, offsets } : {};
  const stats = fitScaling({
    method: ctx.params.method as 'zscore' | 'robust',
    scope: perTicker ? 'per-ticker' : 'pooled',
    names,
    columns: features,
    segment: segment.values,
    ...grouping,
    ...(ctx.params.clip !== undefined ? { clip: ctx.params.clip as number | null } : {}),
  });
  // In place: the input columns are ours (decoded from the artifact), and fresh arrays cost more here than the arithmetic.
  const scaled = applyScaling(stats, { names, columns: features, out: stats.features.map((name) => features[names.indexOf(name)]!), ...grouping });
  const out = new Map<string, Column>(columns);
  names.forEach((name, i) => out.set(name, { kind: 'float64', values: scaled[i]! }));
  ctx.log(`scaled ${names.length} features (${ctx.params.method}, ${perTicker ? 'per ticker' : 'pooled'}) fitted on ${countTrain(segment.values)} train rows`);
  await ctx.output('dataset', { table: columnsToTable([...out], { ...metadata, 'tradelab.scaling': `${ctx.params.method}/${ctx.params.per}` }) });
  await ctx.output('stats', { bytes: new TextEncoder().encode(serializeScalingStats(stats)), format: 'json' });
}

function countTrain(segment: Int8Array): number {
  let n = 0;
  for (const s of segment) if (s === 0) n++;
  return n;
}
