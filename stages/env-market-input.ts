/**
 * The trading environment's market from a stage's inputs:
 * 1. the `dataset` (a normalized table: ticker, date, close, segment and the features its
 *    metadata lists) read whole, its rows ordered by (ticker, date);
 * 2. the opens from the optional `prices` input joined by (ticker, date), else NaN, so the
 *    env fills at the next close (counted as fallback fills);
 * 3. `createEnvMarket` checks it all once.
 */
import type { StageContext } from '../src/engine/contract.js';
import { floatValues } from '../src/io/column.js';
import { createEnvMarket, type EnvMarket } from '../src/quant/rl/env-market.js';
import { featureNames } from './feature-table.js';

/** The market and the names it was built from. */
export interface EnvMarketInput {
  market: EnvMarket;
  tickers: string[];
  featureNames: string[];
  /** Whether opens came from a `prices` input. */
  hasOpens: boolean;
}

export async function loadEnvMarket(ctx: StageContext): Promise<EnvMarketInput> {
  const table = await ctx.readTable('dataset');
  const names = featureNames(table.metadata, [...table.columns].map(([name, c]) => ({ name, kind: c.kind })));
  const ticker = table.columns.get('ticker');
  const date = table.columns.get('date');
  const segment = table.columns.get('segment');
  if (ticker?.kind !== 'strings' || date?.kind !== 'date' || segment?.kind !== 'int8') {
    throw new Error('the dataset needs ticker, date and segment columns: connect the output of `split` or `normalize`');
  }
  const close = floatValues(table.columns.get('close'), 'close');
  const n = date.days.length;
  // Rows by (ticker name, date): the env needs each ticker's rows contiguous and in date order.
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const ta = ticker.dictionary[ticker.indices[a]!]!;
    const tb = ticker.dictionary[ticker.indices[b]!]!;
    return ta < tb ? -1 : ta > tb ? 1 : date.days[a]! - date.days[b]!;
  });
  const tickers: string[] = [];
  const starts: number[] = [];
  const dates = new Int32Array(n);
  const closes = new Float64Array(n);
  const segments = new Int8Array(n);
  const features = new Float32Array(n * names.length);
  const featureColumns = names.map((name) => floatValues(table.columns.get(name), name));
  for (let r = 0; r < n; r++) {
    const src = order[r]!;
    const name = ticker.dictionary[ticker.indices[src]!]!;
    if (tickers[tickers.length - 1] !== name) {
      tickers.push(name);
      starts.push(r);
    }
    dates[r] = date.days[src]!;
    closes[r] = close[src]!;
    segments[r] = segment.values[src]!;
    for (let f = 0; f < names.length; f++) features[r * names.length + f] = featureColumns[f]![src]!;
  }
  starts.push(n);
  const open = await readOpens(ctx, tickers, starts, dates);
  const market = createEnvMarket({
    tickerStart: Int32Array.from(starts), dates, open: open ?? new Float64Array(n).fill(NaN), close: closes, features, featureCount: names.length, segment: segments, tickers,
  });
  return { market, tickers, featureNames: names, hasOpens: open !== undefined };
}

/** Opens of the market's rows from the `prices` input (NaN where it has none); undefined without one. */
async function readOpens(ctx: StageContext, tickers: string[], starts: number[], dates: Int32Array): Promise<Float64Array | undefined> {
  if (!(ctx.inputs.prices?.length)) return undefined;
  const prices = await ctx.readTable('prices', ['ticker', 'date', 'open']);
  const ticker = prices.columns.get('ticker');
  const date = prices.columns.get('date');
  if (ticker?.kind !== 'strings' || date?.kind !== 'date') throw new Error('the prices input needs ticker, date and open columns: connect the output of `ingest`');
  const open = floatValues(prices.columns.get('open'), 'open');
  const byKey = new Map<string, number>();
  for (let i = 0; i < open.length; i++) byKey.set(`${ticker.dictionary[ticker.indices[i]!]}\0${date.days[i]}`, open[i]!);
  const out = new Float64Array(dates.length).fill(NaN);
  for (let k = 0; k < tickers.length; k++) {
    for (let r = starts[k]!; r < starts[k + 1]!; r++) out[r] = byKey.get(`${tickers[k]}\0${dates[r]}`) ?? NaN;
  }
  return out;
}
