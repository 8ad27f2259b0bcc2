/**
 * Strategies as a comparison sees them: one per-period return stream per segment (the
 * equal-weight portfolio's), on ISO dates. Streams are aligned on the dates all of them
 * share, so every paired test compares the same days.
 */

export interface SegmentReturns {
  /** ISO dates, ascending. */
  dates: string[];
  returns: Float64Array;
}

export interface StrategyReturns {
  name: string;
  kind: string;
  baseline: boolean;
  test: SegmentReturns;
  /** The validation segment, when the backtest replayed it (selection uses it). */
  val?: SegmentReturns;
}

/** Every stream restricted to the dates all of them have; throws when they share none. */
export function alignOnCommonDates(streams: readonly SegmentReturns[]): { dates: string[]; returns: Float64Array[] } {
  if (streams.length === 0) return { dates: [], returns: [] };
  const counts = new Map<string, number>();
  for (const s of streams) for (const d of new Set(s.dates)) counts.set(d, (counts.get(d) ?? 0) + 1);
  const dates = streams[0]!.dates.filter((d) => counts.get(d) === streams.length);
  const returns = streams.map((s) => {
    const at = new Map(s.dates.map((d, i) => [d, i]));
    return Float64Array.from(dates, (d) => s.returns[at.get(d)!]!);
  });
  return { dates, returns };
}
