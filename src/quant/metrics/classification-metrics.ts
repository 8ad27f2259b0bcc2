/**
 * How well predicted classes match the labels, as compare reports it:
 * 1. skip the rows whose label is < 0 (unlabelled, e.g. the last `horizon` rows) and count them;
 * 2. the confusion matrix, rows = true class, columns = predicted class;
 * 3. accuracy, and per class precision, recall, F1 and support;
 * 4. macro averages (unweighted over ALL `classes` classes) and support-weighted F1.
 * A 0/0 precision, recall or F1 (a class never predicted, or never present) is 0, as
 * scikit-learn's default `zero_division` gives, so the averages here match
 * `precision_recall_fscore_support(y, p, labels=range(classes))`. No labelled row at all
 * throws: every score would be undefined.
 */
import { MetricsInputError } from './metrics-input-error.js';

/** What `classificationMetrics` reports; per-class arrays are indexed by class. */
export interface ClassificationMetrics {
  /** Number of classes K (labels 0 .. K-1). */
  classes: number;
  /** Labelled rows scored. */
  rows: number;
  /** Rows skipped because their label was < 0. */
  unlabelled: number;
  /** Correct predictions / labelled rows. */
  accuracy: number;
  /** confusion[i][j] = labelled rows of true class i predicted as j. */
  confusion: number[][];
  /** tp / (tp + fp); 0 when the class was never predicted. */
  precision: number[];
  /** tp / (tp + fn); 0 when the class never occurs. */
  recall: number[];
  /** 2 tp / (2 tp + fp + fn), the harmonic mean of precision and recall; 0 when 0/0. */
  f1: number[];
  /** Labelled rows of each true class. */
  support: number[];
  /** Unweighted mean of the per-class precision. */
  macroPrecision: number;
  /** Unweighted mean of the per-class recall. */
  macroRecall: number;
  /** Unweighted mean of the per-class F1. */
  macroF1: number;
  /** Per-class F1 weighted by support. */
  weightedF1: number;
}

/** Scores `predicted` against `labels` (label < 0 = unlabelled, skipped) over `classes` classes. */
export function classificationMetrics(labels: Int8Array, predicted: Int8Array, classes: number): ClassificationMetrics {
  checkShape(labels, predicted, classes);
  const { confusion, unlabelled } = confusionMatrix(labels, predicted, classes);
  const rows = labels.length - unlabelled;
  if (rows === 0) {
    throw new MetricsInputError({ where: 'classificationMetrics', expected: 'at least one labelled row (label >= 0)', found: `${labels.length} rows, all unlabelled`, hint: 'score the val or test segment, whose labels are known; the last horizon rows of a series have none' });
  }
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  const support: number[] = [];
  let correct = 0;
  for (let k = 0; k < classes; k++) {
    const tp = confusion[k]![k]!;
    let predictedK = 0;
    let actualK = 0;
    for (let j = 0; j < classes; j++) {
      predictedK += confusion[j]![k]!;
      actualK += confusion[k]![j]!;
    }
    correct += tp;
    precision.push(safeDivide(tp, predictedK));
    recall.push(safeDivide(tp, actualK));
    f1.push(safeDivide(2 * tp, predictedK + actualK));
    support.push(actualK);
  }
  return {
    classes,
    rows,
    unlabelled,
    accuracy: correct / rows,
    confusion,
    precision,
    recall,
    f1,
    support,
    macroPrecision: mean(precision),
    macroRecall: mean(recall),
    macroF1: mean(f1),
    weightedF1: f1.reduce((sum, v, k) => sum + v * support[k]!, 0) / rows,
  };
}

function confusionMatrix(labels: Int8Array, predicted: Int8Array, classes: number): { confusion: number[][]; unlabelled: number } {
  const counts = new Float64Array(classes * classes);
  let unlabelled = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (y < 0) {
      unlabelled++;
      continue;
    }
    const p = predicted[i]!;
    if (y >= classes || p < 0 || p >= classes) {
      const [what, value] = y >= classes ? ['label', y] : ['prediction', p];
      throw new MetricsInputError({ where: 'classificationMetrics', expected: `every ${what} of a labelled row in 0 .. ${classes - 1}`, found: `${value} at row ${i}`, hint: `check that classes (${classes}) matches the label kind: 2 for binary direction labels, 3 for ternary` });
    }
    counts[y * classes + p]!++;
  }
  const confusion = Array.from({ length: classes }, (_, i) => Array.from(counts.subarray(i * classes, (i + 1) * classes)));
  return { confusion, unlabelled };
}

function checkShape(labels: Int8Array, predicted: Int8Array, classes: number): void {
  if (!Number.isInteger(classes) || classes < 2 || classes > 127) {
    throw new MetricsInputError({ where: 'classificationMetrics', expected: 'classes an integer in 2 .. 127', found: String(classes), hint: 'pass the number of label classes: 2 for binary direction labels, 3 for ternary' });
  }
  if (labels.length !== predicted.length) {
    throw new MetricsInputError({ where: 'classificationMetrics', expected: 'as many predictions as labels', found: `${labels.length} labels and ${predicted.length} predictions`, hint: 'align predictions to labels by (ticker, date) before scoring' });
  }
}

/** a / b, and 0 for 0 / 0 (scikit-learn's default zero_division). */
function safeDivide(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
