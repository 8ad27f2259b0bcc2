/**
 * An RL policy's trace seen as a two-class prediction source, so an ensemble can let a
 * trading policy vote beside classifiers. The trace row dated d holds the position after the
 * fill at d's open, decided at the close of the ticker's previous bar d'; so the policy's
 * "P(up)" for the decision bar d' is that position fraction (0 flat, 1 all in), and a
 * segment's first bar, which has no decision bar inside the trace, gives no row.
 */
import type { PredictionSource } from './prediction-source.js';

export interface PolicyTrace {
  name: string;
  tickers: readonly string[];
  ticker: Int32Array;
  date: Int32Array;
  segment: Int8Array;
  /** Position fraction (shares x close / equity) at the close of the row's bar. */
  position: Float64Array;
}

export function policyPredictions(trace: PolicyTrace): PredictionSource {
  const order = Array.from(trace.date.keys()).sort((a, b) => trace.ticker[a]! - trace.ticker[b]! || trace.date[a]! - trace.date[b]!);
  const rows: number[] = [];
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!;
    const here = order[k]!;
    if (trace.ticker[prev] === trace.ticker[here] && trace.segment[prev] === trace.segment[here]) rows.push(k);
  }
  const n = rows.length;
  const out: PredictionSource = {
    name: trace.name,
    tickers: trace.tickers,
    ticker: new Int32Array(n),
    date: new Int32Array(n),
    segment: new Int8Array(n),
    label: new Int8Array(n).fill(-1),
    probabilities: [new Float64Array(n), new Float64Array(n)],
  };
  rows.forEach((k, j) => {
    const decision = order[k - 1]!;
    const up = Math.min(1, Math.max(0, trace.position[order[k]!]!));
    out.ticker[j] = trace.ticker[decision]!;
    out.date[j] = trace.date[decision]!;
    out.segment[j] = trace.segment[decision]!;
    out.probabilities[1]![j] = up;
    out.probabilities[0]![j] = 1 - up;
  });
  return out;
}
