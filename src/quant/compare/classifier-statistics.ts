/**
 * How the classifiers compare on the test segment:
 * 1. per model: accuracy, per-class precision/recall/F1 and the confusion matrix;
 * 2. per pair: McNemar on the rows both predicted (exact binomial below 25 discordant rows,
 *    continuity-corrected chi-square otherwise);
 * 3. per model, when forward returns are given: the daily cross-sectional IC and rank IC
 *    of P(up) against the realized forward return, Qlib style (mean, std, ICIR).
 */
import { joinPredictions } from '../ensemble/join-predictions.js';
import { argmaxClass, SEGMENT, type PredictionSource } from '../ensemble/prediction-source.js';
import { classificationMetrics, type ClassificationMetrics } from '../metrics/classification-metrics.js';
import { informationCoefficient, type InformationCoefficientSummary } from '../metrics/information-coefficient.js';
import { mcnemarFromPredictions, type McNemarResult } from '../statistics/mcnemar.js';

export interface ClassifierScore {
  name: string;
  metrics: ClassificationMetrics;
  ic?: InformationCoefficientSummary;
}

export interface McNemarPair {
  a: string;
  b: string;
  rows: number;
  result: McNemarResult;
}

/** Forward return of (ticker name, date) over the label horizon; NaN when unknown. */
export type ForwardReturn = (ticker: string, date: number) => number;

export function classifierStatistics(sources: readonly PredictionSource[], forwardReturn?: ForwardReturn): { scores: ClassifierScore[]; pairs: McNemarPair[] } {
  const tests = sources.map(testRows);
  const scores = tests.map((s) => {
    const predicted = Int8Array.from(s.label, (_, r) => argmaxClass(s.probabilities, r));
    const score: ClassifierScore = { name: s.name, metrics: classificationMetrics(s.label, predicted, s.probabilities.length) };
    if (forwardReturn) score.ic = informationCoefficient({ dates: s.date, score: s.probabilities[s.probabilities.length - 1]!, forwardReturn: Float64Array.from(s.date, (d, r) => forwardReturn(s.tickers[s.ticker[r]!]!, d)) }).summary;
    return score;
  });
  const pairs: McNemarPair[] = [];
  for (let i = 0; i < tests.length; i++) {
    for (let j = i + 1; j < tests.length; j++) {
      const a = tests[i]!;
      const b = tests[j]!;
      const joined = joinPredictions([a, b]);
      const [ra, rb] = joined.sourceRows as [Int32Array, Int32Array];
      const labels = Int8Array.from(ra, (r) => a.label[r]!);
      const predA = Int8Array.from(ra, (r) => argmaxClass(a.probabilities, r));
      const predB = Int8Array.from(rb, (r) => argmaxClass(b.probabilities, r));
      pairs.push({ a: a.name, b: b.name, rows: ra.length, result: mcnemarFromPredictions(labels, predA, predB) });
    }
  }
  return { scores, pairs };
}

/** The labelled test rows of a source, as a source of its own. */
function testRows(s: PredictionSource): PredictionSource {
  const rows: number[] = [];
  for (let r = 0; r < s.date.length; r++) if (s.segment[r] === SEGMENT.test && s.label[r]! >= 0) rows.push(r);
  if (rows.length === 0) throw new Error(`${s.name}: no labelled test rows to score (hint: connect predictions from a model trained on a split with a test segment)`);
  return {
    name: s.name,
    tickers: s.tickers,
    ticker: Int32Array.from(rows, (r) => s.ticker[r]!),
    date: Int32Array.from(rows, (r) => s.date[r]!),
    segment: Int8Array.from(rows, (r) => s.segment[r]!),
    label: Int8Array.from(rows, (r) => s.label[r]!),
    probabilities: s.probabilities.map((p) => Float64Array.from(rows, (r) => p[r]!)),
  };
}
