/**
 * One model's class probabilities per (ticker, date) row: what an ensemble combines and a
 * comparison scores. Rows are parallel typed arrays; tickers are indices into `tickers`.
 */
export interface PredictionSource {
  /** A label for reports, e.g. the upstream `stage.port`. */
  name: string;
  tickers: readonly string[];
  ticker: Int32Array;
  /** Days since 1970-01-01 of the bar whose close the prediction was made at. */
  date: Int32Array;
  /** 0 train, 1 val, 2 test. */
  segment: Int8Array;
  /** The true class, or -1 when the source does not know it (an RL policy). */
  label: Int8Array;
  /** One array per class: P(class c) per row. */
  probabilities: Float64Array[];
}

/** Segment codes shared with `split`. */
export const SEGMENT = { train: 0, val: 1, test: 2 } as const;

/** Number of rows of a source. */
export function sourceRows(source: PredictionSource): number {
  return source.date.length;
}

/** Index of the largest probability of row `row` (ties go to the lower class). */
export function argmaxClass(probabilities: readonly Float64Array[], row: number): number {
  let best = 0;
  for (let c = 1; c < probabilities.length; c++) if (probabilities[c]![row]! > probabilities[best]![row]!) best = c;
  return best;
}
