/**
 * Runs `normalize`, streaming: fit the scaling on train rows only, one feature column at a
 * time through one reused buffer; then scale the table row group by row group and write it,
 * with the statistics as their own artifact (so a test can show that val/test prices never
 * reach them).
 */
import type { StageContext } from '../../src/engine/contract.js';
import { allocateColumn, floatValues, type Column } from '../../src/io/column.js';
import type { TableSource } from '../../src/io/table-file.js';
import { tickerOffsets } from '../../src/quant/data/price-table.js';
import { SEGMENT } from '../../src/quant/splits/split-plan.js';
import { applyScaling } from '../../src/quant/scaling/apply-scaling.js';
import { fitScaling } from '../../src/quant/scaling/fit-scaling.js';
import { concatScalingStats, serializeScalingStats, type ScalingStats } from '../../src/quant/scaling/scaling-stats.js';
import { featureNames } from '../feature-table.js';
import { RowBatches } from '../row-batches.js';

export async function run(ctx: StageContext): Promise<void> {
  const source = await ctx.openTable('dataset');
  try {
    const stats = fit(ctx, source);
    await scale(ctx, source, stats);
    await ctx.output('stats', { bytes: new TextEncoder().encode(serializeScalingStats(stats)), format: 'json' });
  } finally {
    source.close();
  }
}

function fit(ctx: StageContext, source: TableSource): ScalingStats {
  const names = featureNames(source.metadata, source.columns);
  const keys = source.read({ columns: ['segment', 'ticker'] });
  const segment = keys.get('segment');
  const ticker = keys.get('ticker');
  if (segment?.kind !== 'int8' || ticker?.kind !== 'strings') throw new Error('the dataset needs `segment` and `ticker` columns (it comes from `split`)');
  const perTicker = ctx.params.per === 'ticker';
  const grouping = perTicker ? { tickers: ticker.dictionary, offsets: tickerOffsets(ticker.indices, ticker.dictionary.length) } : {};
  const kinds = new Map(source.columns.map((c) => [c.name, c.kind]));
  const buffers = new Map<string, Column>();
  const parts = names.map((name, f) => {
    ctx.progress({ done: f, total: names.length, message: `fitting ${name} on train rows` });
    // One buffer per float width, reused for every column of that width.
    const kind = kinds.get(name)!;
    if (!buffers.has(kind)) buffers.set(kind, allocateColumn(kind, source.rows));
    const column = { values: floatValues(source.read({ columns: [name], into: new Map([[name, buffers.get(kind)!]]) }).get(name), name) };
    return fitScaling({
      method: ctx.params.method as 'zscore' | 'robust',
      scope: perTicker ? 'per-ticker' : 'pooled',
      names: [name],
      columns: [column.values],
      segment: segment.values,
      ...grouping,
      ...(ctx.params.clip !== undefined ? { clip: ctx.params.clip as number | null } : {}),
    });
  });
  const train = segment.values.reduce((n, s) => n + (s === SEGMENT.train ? 1 : 0), 0);
  ctx.log(`scaled ${names.length} features (${ctx.params.method}, ${perTicker ? 'per ticker' : 'pooled'}) fitted on ${train} train rows`);
  return concatScalingStats(parts);
}

async function scale(ctx: StageContext, source: TableSource, stats: ScalingStats): Promise<void> {
  const all = source.columns.map((c) => c.name);
  const writer = ctx.tableWriter('dataset', { ...source.metadata, 'tradelab.scaling': `${ctx.params.method}/${ctx.params.per}` });
  for (const { columns } of new RowBatches(source, all).read('scaling', ctx)) {
    const features = stats.features.map((name) => floatValues(columns.get(name), name));
    const ticker = columns.get('ticker') as { indices: Int32Array; dictionary: string[] };
    // In place: the batch buffers are ours, and fresh arrays cost more here than the arithmetic.
    applyScaling(stats, { names: stats.features, columns: features, out: features, ...tickerRuns(ticker.indices, ticker.dictionary) });
    await writer.write(all.map((name) => [name, columns.get(name)!]));
  }
  await writer.close();
}

/** Each run of equal tickers in a batch, as the ticker names and row offsets applyScaling takes. */
function tickerRuns(indices: Int32Array, dictionary: string[]): { tickers: string[]; offsets: Int32Array } {
  if (indices.length === 0) return { tickers: [], offsets: Int32Array.of(0) };
  const tickers: string[] = [];
  const offsets: number[] = [0];
  for (let row = 0; row < indices.length; row++) {
    if (row > 0 && indices[row] === indices[row - 1]) continue;
    if (row > 0) offsets.push(row);
    tickers.push(dictionary[indices[row]!]!);
  }
  offsets.push(indices.length);
  return { tickers, offsets: Int32Array.from(offsets) };
}
