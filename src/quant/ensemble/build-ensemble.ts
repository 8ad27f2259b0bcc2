/**
 * An ensemble end to end:
 * 1. join the sources on their common (ticker, date) rows;
 * 2. take each row's true class from the sources that know it, refusing sources whose
 *    labels disagree (they were built with different label definitions);
 * 3. choose weights (validation skill for `weighted`, equal otherwise);
 * 4. combine the probabilities.
 */
import { combinePredictions, type CombinedPredictions, type EnsembleMethod } from './combine-predictions.js';
import { equalWeights, validationWeights, type EnsembleWeights } from './ensemble-weights.js';
import { formatIsoDay } from '../data/price-table.js';
import { joinPredictions } from './join-predictions.js';
import type { PredictionSource } from './prediction-source.js';

export interface Ensemble extends CombinedPredictions {
  /** The first source's tickers; `ticker` indexes them. */
  tickers: readonly string[];
  ticker: Int32Array;
  date: Int32Array;
  segment: Int8Array;
  label: Int8Array;
  weights: EnsembleWeights;
  /** Rows of the first source missing from another source. */
  dropped: number;
}

export function buildEnsemble(sources: readonly PredictionSource[], method: EnsembleMethod): Ensemble {
  checkShapes(sources);
  const joined = joinPredictions(sources);
  const first = sources[0]!;
  const n = joined.rows.length;
  const pick = <T extends Int32Array | Int8Array>(values: T, out: T): T => {
    for (let j = 0; j < n; j++) out[j] = values[joined.rows[j]!]!;
    return out;
  };
  const segment = pick(first.segment, new Int8Array(n));
  const label = joinedLabels(sources, joined.sourceRows);
  const weights = method === 'weighted' ? validationWeights(sources, joined, label, segment) : equalWeights(sources);
  const combined = combinePredictions({ sources, joined, method, weights: weights.sources.map((s) => s.weight) });
  return { ...combined, tickers: first.tickers, ticker: pick(first.ticker, new Int32Array(n)), date: pick(first.date, new Int32Array(n)), segment, label, weights, dropped: joined.dropped };
}

function checkShapes(sources: readonly PredictionSource[]): void {
  const classes = sources[0]?.probabilities.length ?? 0;
  for (const s of sources) {
    if (s.probabilities.length !== classes) {
      throw new Error(`${s.name} predicts ${s.probabilities.length} classes but ${sources[0]!.name} predicts ${classes}; an ensemble combines models of one label definition (hint: give every model the same split label)`);
    }
  }
  if (!sources.some((s) => s.label.some((l) => l >= 0))) throw new Error('no source carries labels: an ensemble needs at least one classifier `predictions` input');
}

function joinedLabels(sources: readonly PredictionSource[], sourceRows: readonly Int32Array[]): Int8Array {
  const n = sourceRows[0]!.length;
  const label = new Int8Array(n).fill(-1);
  sources.forEach((source, s) => {
    const rows = sourceRows[s]!;
    for (let j = 0; j < n; j++) {
      const l = source.label[rows[j]!]!;
      if (l < 0) continue;
      if (label[j]! >= 0 && label[j] !== l) {
        throw new Error(`${source.name} labels ${source.tickers[source.ticker[rows[j]!]!]} on ${formatIsoDay(source.date[rows[j]!]!)} as class ${l} but an earlier source says ${label[j]}; the models were trained on different labels`);
      }
      label[j] = l;
    }
  });
  return label;
}
