/**
 * Drawdown from an equity curve, derived here rather than passed in, so the drawdown chart
 * can never disagree with the equity chart. A missing or non-positive point stays a gap and
 * does not move the running peak.
 */

/** Drawdown at each point as a non-positive fraction: W / running peak - 1 (0 at a new high). */
export function drawdownSeries(equity: (number | null)[]): (number | null)[] {
  let peak = -Infinity;
  return equity.map((value) => {
    if (value === null || !Number.isFinite(value) || value <= 0) return null;
    peak = Math.max(peak, value);
    return value / peak - 1;
  });
}
