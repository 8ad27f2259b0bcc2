/**
 * Aligns several prediction sources on their common (ticker, date) rows (an inner join in
 * the order of the first source), so an ensemble never mixes a model's view of one day
 * with another model's view of a different day. Tickers are matched by name.
 */
import { formatIsoDay } from '../data/price-table.js';
import type { PredictionSource } from './prediction-source.js';

/** The joined rows: for each source, the row index in that source of every joined row. */
export interface JoinedPredictions {
  /** Row of the first source per joined row. */
  rows: Int32Array;
  /** Per source, its row per joined row. */
  sourceRows: Int32Array[];
  /** Rows of the first source that some other source lacks. */
  dropped: number;
}

const DATE_SPAN = 1 << 20; // days since 1970 stay below 2^20 until the year 4840

export function joinPredictions(sources: readonly PredictionSource[]): JoinedPredictions {
  if (sources.length === 0) throw new Error('an ensemble needs at least one prediction source');
  const names = new Map<string, number>();
  const keyOf = (source: PredictionSource, row: number): number => {
    const name = source.tickers[source.ticker[row]!]!;
    let id = names.get(name);
    if (id === undefined) names.set(name, (id = names.size));
    return id * DATE_SPAN + source.date[row]!;
  };
  const [first, ...others] = sources as [PredictionSource, ...PredictionSource[]];
  const lookups = others.map((source) => {
    const map = new Map<number, number>();
    for (let r = 0; r < source.date.length; r++) {
      const key = keyOf(source, r);
      if (map.has(key)) throw new Error(`${source.name}: ticker ${source.tickers[source.ticker[r]!]} has two rows dated ${formatIsoDay(source.date[r]!)}; predictions must have one row per (ticker, date)`);
      map.set(key, r);
    }
    return map;
  });
  const kept: number[] = [];
  const perSource: number[][] = others.map(() => []);
  for (let r = 0; r < first.date.length; r++) {
    const key = keyOf(first, r);
    const hits = lookups.map((m) => m.get(key));
    if (hits.some((h) => h === undefined)) continue;
    kept.push(r);
    hits.forEach((h, i) => perSource[i]!.push(h!));
  }
  const rows = Int32Array.from(kept);
  return { rows, sourceRows: [rows, ...perSource.map((p) => Int32Array.from(p))], dropped: first.date.length - kept.length };
}
