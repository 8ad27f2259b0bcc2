/**
 * Ensemble weights chosen on the validation segment only: each source's validation accuracy
 * (argmax class vs label) and its skill over chance, max(accuracy - 1/classes, 0). Weights
 * are skills normalized to sum 1; when no source beats chance, every source gets the same
 * weight (and the caller says so), since weighting by noise is worse than not weighting.
 */
import type { JoinedPredictions } from './join-predictions.js';
import { SEGMENT, argmaxClass, type PredictionSource } from './prediction-source.js';

export interface SourceSkill {
  name: string;
  valAccuracy: number;
  valRows: number;
  weight: number;
}

export interface EnsembleWeights {
  sources: SourceSkill[];
  /** True when no source beat chance on validation and weights fell back to equal. */
  equalFallback: boolean;
}

/** Validation skill weights of `sources`, scored against `label` (the joined true classes). */
export function validationWeights(sources: readonly PredictionSource[], joined: JoinedPredictions, label: Int8Array, segment: Int8Array): EnsembleWeights {
  const classes = sources[0]!.probabilities.length;
  const skills = sources.map((source, s) => {
    const rows = joined.sourceRows[s]!;
    let hits = 0;
    let n = 0;
    for (let j = 0; j < rows.length; j++) {
      if (segment[j] !== SEGMENT.val || label[j]! < 0) continue;
      n++;
      if (argmaxClass(source.probabilities, rows[j]!) === label[j]) hits++;
    }
    const valAccuracy = n > 0 ? hits / n : Number.NaN;
    return { name: source.name, valAccuracy, valRows: n, weight: n > 0 ? Math.max(valAccuracy - 1 / classes, 0) : 0 };
  });
  const total = skills.reduce((sum, s) => sum + s.weight, 0);
  const equalFallback = !(total > 0);
  for (const s of skills) s.weight = equalFallback ? 1 / skills.length : s.weight / total;
  return { sources: skills, equalFallback };
}

/** Equal weights, for the `mean` and `vote` methods. */
export function equalWeights(sources: readonly PredictionSource[]): EnsembleWeights {
  return { sources: sources.map((s) => ({ name: s.name, valAccuracy: Number.NaN, valRows: 0, weight: 1 / sources.length })), equalFallback: false };
}
