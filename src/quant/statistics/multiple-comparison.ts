/**
 * Holm–Bonferroni adjusted p-values for a family of m tests (Holm 1979, "A simple
 * sequentially rejective multiple test procedure", Scand. J. Statist. 6:65-70). It controls
 * the family-wise error rate, like Bonferroni, but rejects at least as often:
 * 1. sort the p-values ascending, p_(1) <= ... <= p_(m);
 * 2. adjusted p_(i) = max over j <= i of min(1, (m - j + 1) p_(j)) (a running maximum, so
 *    the adjusted values keep the order of the raw ones);
 * 3. return them in the caller's order; reject H_i when adjusted p_i <= α.
 * The compare stage uses it so that a best model is named only when it beats buy-and-hold
 * and the runner-up after correcting for the number of models tried. Ties keep their
 * input order (a stable sort), which does not change any adjusted value.
 */
import { StatisticsInputError } from './statistics-input-error.js';

/** Holm-adjusted p-values, in the order of `pValues`. */
export function holmAdjust(pValues: ArrayLike<number>): Float64Array {
  const m = pValues.length;
  for (let i = 0; i < m; i++) {
    const p = pValues[i]!;
    if (!(p >= 0 && p <= 1)) {
      throw new StatisticsInputError({ where: 'holmAdjust', expected: 'p-values in [0, 1]', found: `${p} at index ${i}`, hint: 'pass the p-value of each test, not its statistic' });
    }
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => pValues[a]! - pValues[b]!);
  const adjusted = new Float64Array(m);
  let running = 0;
  for (let rank = 0; rank < m; rank++) {
    const index = order[rank]!;
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = running;
  }
  return adjusted;
}

/** The outcome of `holmBonferroni`. */
export interface HolmResult {
  /** Holm-adjusted p-values, in input order. */
  adjusted: Float64Array;
  /** 1 where the hypothesis is rejected at family-wise level α (adjusted p <= α). */
  rejected: Uint8Array;
  /** The family-wise level used. */
  alpha: number;
}

/** Options of `holmBonferroni`. */
export interface HolmOptions {
  /** Family-wise error rate α in (0, 1); default 0.05. */
  alpha?: number;
}

/** Holm's step-down procedure: adjusted p-values and which hypotheses fall at level α. */
export function holmBonferroni(pValues: ArrayLike<number>, { alpha = 0.05 }: HolmOptions = {}): HolmResult {
  if (!(alpha > 0 && alpha < 1)) {
    throw new StatisticsInputError({ where: 'holmBonferroni', expected: 'alpha in (0, 1)', found: String(alpha), hint: 'use 0.05' });
  }
  const adjusted = holmAdjust(pValues);
  const rejected = Uint8Array.from(adjusted, (p) => (p <= alpha ? 1 : 0));
  return { adjusted, rejected, alpha };
}
