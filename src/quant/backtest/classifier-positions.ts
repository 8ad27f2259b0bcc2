/**
 * The documented rule that turns classifier probabilities into decision-bar target weights:
 * - P(up) is the last class's probability (class 1 of binary labels, class 2 "up" of
 *   ternary ones), P(down) the first's (class 0);
 * - long when P(up) > threshold, else flat; with `longShort`, short when P(down) > threshold
 *   (and P(up) is not);
 * - `full` sizing takes the whole weight (+1 or -1); `probability` sizing takes
 *   (P - threshold) / (1 - threshold), so a barely confident signal takes a small position;
 * - a bar without a prediction gives NaN (no order: the position is kept).
 */

export type PositionSizing = 'full' | 'probability';

export interface ClassifierRule {
  threshold: number;
  longShort: boolean;
  sizing: PositionSizing;
}

/** Target weight from P(up) and P(down); NaN in, NaN out. */
export function classifierWeight(up: number, down: number, rule: ClassifierRule): number {
  if (Number.isNaN(up)) return Number.NaN;
  const { threshold, longShort, sizing } = rule;
  const size = (p: number): number => (sizing === 'full' || threshold >= 1 ? 1 : Math.min(1, (p - threshold) / (1 - threshold)));
  if (up > threshold) return size(up);
  if (longShort && down > threshold) return -size(down);
  return 0;
}

/**
 * Decision-bar weights over `bars` bars of one ticker: `row[t]` is the prediction row of bar
 * t or -1; `probabilities` are the per-class columns.
 */
export function classifierSignals(row: Int32Array, probabilities: readonly Float64Array[], rule: ClassifierRule): Float64Array {
  const up = probabilities[probabilities.length - 1]!;
  const down = probabilities[0]!;
  const out = new Float64Array(row.length);
  for (let t = 0; t < row.length; t++) {
    const r = row[t]!;
    out[t] = r < 0 ? Number.NaN : classifierWeight(up[r]!, down[r]!, rule);
  }
  return out;
}
