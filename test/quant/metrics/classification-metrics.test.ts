import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classificationMetrics } from '../../../src/quant/metrics/classification-metrics.js';

// Three classes; rows 5 and 13 unlabelled; class 2 is never predicted (a 0/0 precision).
const Y = Int8Array.from([0, 1, 2, 1, 0, -1, 2, 1, 1, 0, 2, 0, 1, -1, 0, 1, 2, 2, 0, 1]);
const P = Int8Array.from([0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, -1, 0, 0, 1, 0, 1, 1]);

describe('classificationMetrics', () => {
  it('matches numpy on a three-class fixture with unlabelled rows and a class never predicted', () => {
    /* python3 (numpy):
     *   m = y >= 0; y, p = y[m], p[m]; C = np.zeros((3, 3), int); np.add.at(C, (y, p), 1)
     *   tp = np.diag(C); pred = C.sum(0); act = C.sum(1)
     *   prec = np.where(pred > 0, tp / pred, 0); rec = np.where(act > 0, tp / act, 0)
     *   f1 = np.where(pred + act > 0, 2 * tp / (pred + act), 0)
     *   acc = tp.sum() / len(y); f1.mean(); (f1 * act).sum() / act.sum()
     */
    const m = classificationMetrics(Y, P, 3);
    expect(m.confusion).toEqual([[4, 2, 0], [2, 5, 0], [2, 3, 0]]);
    expect([m.rows, m.unlabelled, m.classes]).toEqual([18, 2, 3]);
    expect(m.accuracy).toBe(0.5);
    expect(m.support).toEqual([6, 7, 5]);
    expect(m.precision).toEqual([0.5, 0.5, 0]);
    const close = (actual: number[], expected: number[]) => actual.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(1e-15));
    close(m.recall, [0.6666666666666666, 0.7142857142857143, 0]);
    close(m.f1, [0.5714285714285714, 0.5882352941176471, 0]);
    close([m.macroPrecision, m.macroRecall, m.macroF1, m.weightedF1], [0.3333333333333333, 0.4603174603174603, 0.38655462184873945, 0.419234360410831]);
  });

  it('scores a perfect binary classifier 1 everywhere', () => {
    const y = Int8Array.from([0, 1, 1, 0, 1]);
    const m = classificationMetrics(y, y, 2);
    expect([m.accuracy, m.macroF1, m.weightedF1, ...m.precision, ...m.recall]).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('throws clear errors for mismatched lengths, bad class counts, out-of-range classes and no labels', () => {
    expect(() => classificationMetrics(Int8Array.from([0, 1]), Int8Array.from([0]), 2)).toThrow(/2 labels and 1 predictions/);
    expect(() => classificationMetrics(Y, P, 1)).toThrow(/classes an integer in 2 \.\. 127, found 1/);
    expect(() => classificationMetrics(Int8Array.from([0, 2]), Int8Array.from([0, 1]), 2)).toThrow(/label of a labelled row in 0 \.\. 1, found 2 at row 1/);
    expect(() => classificationMetrics(Int8Array.from([0, 1]), Int8Array.from([0, -1]), 2)).toThrow(/prediction .* found -1 at row 1/);
    expect(() => classificationMetrics(Int8Array.from([-1, -1]), Int8Array.from([0, 1]), 2)).toThrow(/at least one labelled row/);
  });

  const rowsArb = fc.integer({ min: 2, max: 4 }).chain((k) =>
    fc.tuple(
      fc.constant(k),
      fc.array(fc.tuple(fc.integer({ min: -1, max: k - 1 }), fc.integer({ min: 0, max: k - 1 })), { minLength: 1, maxLength: 60 }),
    ),
  ).filter(([, rows]) => rows.some(([y]) => y >= 0));

  it('keeps counts consistent: the matrix sums to the labelled rows, its trace over them is the accuracy', () => {
    fc.assert(
      fc.property(rowsArb, ([k, rows]) => {
        const m = classificationMetrics(Int8Array.from(rows, (r) => r[0]), Int8Array.from(rows, (r) => r[1]), k);
        const total = m.confusion.flat().reduce((a, b) => a + b, 0);
        const trace = m.confusion.reduce((a, row, i) => a + row[i]!, 0);
        const supportSum = m.support.reduce((a, b) => a + b, 0);
        // Support-weighted recall is sum(tp) / rows, which is the accuracy.
        const weightedRecall = m.recall.reduce((a, r, i) => a + r * m.support[i]!, 0) / m.rows;
        return total === m.rows && supportSum === m.rows && m.rows + m.unlabelled === rows.length && trace / m.rows === m.accuracy && Math.abs(weightedRecall - m.accuracy) < 1e-12;
      }),
    );
  });

  it('keeps every score in [0, 1] and F1 between the smaller and larger of precision and recall', () => {
    fc.assert(
      fc.property(rowsArb, ([k, rows]) => {
        const m = classificationMetrics(Int8Array.from(rows, (r) => r[0]), Int8Array.from(rows, (r) => r[1]), k);
        return m.f1.every((f, i) => {
          const lo = Math.min(m.precision[i]!, m.recall[i]!);
          const hi = Math.max(m.precision[i]!, m.recall[i]!);
          return f >= lo - 1e-12 && f <= hi + 1e-12 && lo >= 0 && hi <= 1;
        }) && m.macroF1 >= 0 && m.macroF1 <= 1;
      }),
    );
  });
});
