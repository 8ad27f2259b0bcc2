/**
 * A prediction source narrowed to a universe: a list of ticker names, the first N tickers
 * in name order, or everything (null). Names the source lacks are an error that lists what
 * it has, so a typo in `tickers:` is not silently an empty comparison.
 */
import type { PredictionSource } from './prediction-source.js';

export type TickerSelection = readonly string[] | number | null;

export function selectTickers(source: PredictionSource, selection: TickerSelection): PredictionSource {
  if (selection === null) return source;
  const present = [...new Set(Array.from(source.ticker, (i) => source.tickers[i]!))].sort();
  const wanted = typeof selection === 'number' ? present.slice(0, selection) : [...selection];
  const missing = wanted.filter((t) => !present.includes(t));
  if (missing.length > 0) throw new Error(`${source.name}: no predictions for ${missing.join(', ')}; it has ${present.slice(0, 12).join(', ')}${present.length > 12 ? ', ...' : ''}`);
  const keep = new Set(wanted);
  const rows: number[] = [];
  for (let r = 0; r < source.date.length; r++) if (keep.has(source.tickers[source.ticker[r]!]!)) rows.push(r);
  const pick = <T extends Int32Array | Int8Array>(values: T, out: T): T => {
    rows.forEach((r, j) => (out[j] = values[r]!));
    return out;
  };
  return {
    name: source.name,
    tickers: source.tickers,
    ticker: pick(source.ticker, new Int32Array(rows.length)),
    date: pick(source.date, new Int32Array(rows.length)),
    segment: pick(source.segment, new Int8Array(rows.length)),
    label: pick(source.label, new Int8Array(rows.length)),
    probabilities: source.probabilities.map((p) => Float64Array.from(rows, (r) => p[r]!)),
  };
}
