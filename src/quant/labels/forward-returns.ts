/**
 * Forward returns over a fixed number of trading rows of one ticker, the raw material of
 * every label. Rows are the price table's: sorted by (ticker, date), ticker i owning rows
 * `offsets[i]` .. `offsets[i + 1]` (exclusive).
 */

/**
 * `close[t + horizon] / close[t] - 1` for each row t, where t + horizon counts rows of the
 * same ticker (trading rows, not calendar days). NaN when row t + horizon lies past the
 * ticker's last row — so the last `horizon` rows of every ticker have no forward return and
 * a window never reaches into the next ticker — and NaN wherever either close is NaN.
 */
export function forwardReturns(close: Float64Array, offsets: Int32Array, horizon: number): Float64Array {
  assertHorizon(horizon);
  const out = new Float64Array(close.length).fill(Number.NaN);
  for (let i = 0; i + 1 < offsets.length; i++) {
    const end = offsets[i + 1]!;
    for (let t = offsets[i]!; t + horizon < end; t++) out[t] = close[t + horizon]! / close[t]! - 1;
  }
  return out;
}

/** Throws unless `horizon` is an integer >= 1. */
export function assertHorizon(horizon: number): void {
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`label horizon must be an integer >= 1 (got ${horizon})`);
}
