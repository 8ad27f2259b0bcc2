/**
 * McNemar's test (McNemar 1947) of whether two classifiers scored on the same rows have
 * the same error rate. Only the discordant rows count: b where A is right and B wrong, c
 * where A is wrong and B right; under the null each discordant row is a fair coin.
 * 1. `mcnemarTest(b, c)`: the chi-square statistic with Edwards' continuity correction
 *    (|b - c| - 1)² / (b + c) and its χ²(1) p-value, the exact two-sided binomial p-value
 *    min(1, 2 P(X <= min(b, c))) with X ~ Binomial(b + c, ½), and the one to report: exact
 *    when b + c < 25 (where the chi-square approximation is poor), chi-square otherwise.
 * 2. `mcnemarFromPredictions`: counts b and c from labels and two prediction arrays.
 * With b + c = 0 the classifiers never disagree: there is no evidence of a difference,
 * so the statistic is 0 and every p-value is 1.
 */
import { binomialHalfCdf } from './binomial-distribution.js';
import { chiSquareOneDfSf } from './chi-square-distribution.js';
import { StatisticsInputError } from './statistics-input-error.js';

/** Below this many discordant rows the exact binomial p-value is reported. */
export const MCNEMAR_EXACT_BELOW = 25;

/** The outcome of McNemar's test. */
export interface McNemarResult {
  /** Rows where model A is right and model B wrong. */
  b: number;
  /** Rows where model A is wrong and model B right. */
  c: number;
  /** (|b - c| - 1)² / (b + c), continuity-corrected; 0 when b + c = 0 or |b - c| <= 1. */
  statistic: number;
  /** P(χ²(1) > statistic). */
  pChiSquare: number;
  /** Two-sided exact binomial p-value, min(1, 2 P(X <= min(b, c))), X ~ Bin(b + c, ½). */
  pExact: number;
  /** Which p-value `p` is: 'exact' when b + c < 25, else 'chi-square'. */
  method: 'exact' | 'chi-square';
  /** The p-value of `method`. */
  p: number;
}

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new StatisticsInputError({
      where: 'mcnemarTest',
      expected: `${name} a non-negative integer count of discordant rows`,
      found: String(value),
      hint: 'count the rows where exactly one of the two models is right, or use mcnemarFromPredictions',
    });
  }
}

/** McNemar's test from the two discordant counts. */
export function mcnemarTest(b: number, c: number): McNemarResult {
  checkCount('b', b);
  checkCount('c', c);
  const n = b + c;
  if (n === 0) return { b, c, statistic: 0, pChiSquare: 1, pExact: 1, method: 'exact', p: 1 };
  // Clamped at 0: with |b - c| < 1 the correction would otherwise make a statistic of 1/n.
  const excess = Math.max(0, Math.abs(b - c) - 1);
  const statistic = (excess * excess) / n;
  const pChiSquare = chiSquareOneDfSf(statistic);
  const pExact = Math.min(1, 2 * binomialHalfCdf(Math.min(b, c), n));
  const method = n < MCNEMAR_EXACT_BELOW ? 'exact' : 'chi-square';
  return { b, c, statistic, pChiSquare, pExact, method, p: method === 'exact' ? pExact : pChiSquare };
}

/**
 * McNemar's test from predictions: b = A right and B wrong, c = A wrong and B right.
 * `labels` is the true class of each row (rows with a label < 0 or NaN, unlabelled, are
 * skipped); `predA` and `predB` are the two models' predicted classes for the same rows.
 */
export function mcnemarFromPredictions(labels: ArrayLike<number>, predA: ArrayLike<number>, predB: ArrayLike<number>): McNemarResult {
  if (predA.length !== labels.length || predB.length !== labels.length) {
    throw new StatisticsInputError({
      where: 'mcnemarFromPredictions',
      expected: `labels, predA and predB of one length`,
      found: `lengths ${labels.length}, ${predA.length} and ${predB.length}`,
      hint: 'join both models\' predictions on the same rows before comparing them',
    });
  }
  let b = 0;
  let c = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (!(label >= 0)) continue;
    const rightA = predA[i] === label;
    const rightB = predB[i] === label;
    if (rightA && !rightB) b++;
    else if (!rightA && rightB) c++;
  }
  return mcnemarTest(b, c);
}
