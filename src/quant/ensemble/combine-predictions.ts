/**
 * Combines aligned class probabilities of several sources into one:
 * 1. `mean` and `weighted`: the weighted average of the probability vectors;
 * 2. `vote`: each source votes for its argmax class with its weight; the probabilities are
 *    the vote shares, and ties are broken by the mean probability, then the lower class.
 */
import type { JoinedPredictions } from './join-predictions.js';
import { argmaxClass, type PredictionSource } from './prediction-source.js';

export type EnsembleMethod = 'mean' | 'weighted' | 'vote';

export interface CombinedPredictions {
  probabilities: Float64Array[];
  predicted: Int8Array;
}

export function combinePredictions(options: { sources: readonly PredictionSource[]; joined: JoinedPredictions; method: EnsembleMethod; weights: readonly number[] }): CombinedPredictions {
  const { sources, joined, method, weights } = options;
  const classes = sources[0]!.probabilities.length;
  const n = joined.rows.length;
  const averaged = Array.from({ length: classes }, () => new Float64Array(n));
  const votes = method === 'vote' ? Array.from({ length: classes }, () => new Float64Array(n)) : undefined;
  sources.forEach((source, s) => {
    const rows = joined.sourceRows[s]!;
    const w = weights[s]!;
    for (let j = 0; j < n; j++) {
      const r = rows[j]!;
      for (let c = 0; c < classes; c++) averaged[c]![j]! += w * source.probabilities[c]![r]!;
      if (votes) votes[argmaxClass(source.probabilities, r)]![j]! += w;
    }
  });
  const probabilities = votes ?? averaged;
  const predicted = new Int8Array(n);
  for (let j = 0; j < n; j++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      const d = probabilities[c]![j]! - probabilities[best]![j]!;
      if (d > 1e-12 || (votes && Math.abs(d) <= 1e-12 && averaged[c]![j]! > averaged[best]![j]!)) best = c;
    }
    predicted[j] = best;
  }
  return { probabilities, predicted };
}
