/**
 * Assigns every row of a table sorted by (ticker, date) to train, val, test or none:
 *
 * 1. by date: a row takes the segment of the range holding its date; none when no range does;
 * 2. embargo: at each boundary between consecutive ranges of different segments, the
 *    `embargoDays` trading days of the calendar nearest the boundary are cut — from the later
 *    range when it is training that follows evaluation, else from the earlier range (so a test
 *    range that precedes nothing else is never shortened);
 * 3. purge, per ticker and in trading rows, the guarantee whatever the config:
 *    - a row is cut when a row of a different evaluation segment (val, test) lies within its
 *      next `horizon` rows — its label window [t, t + horizon] would reach it;
 *    - a training row is cut when an evaluation row lies within its previous
 *      `horizon + lookback` rows — its feature window would read a price that row used;
 *    both judged on the step-1 assignment, so the cut rows still count as their segment's;
 * 4. drop and count: rows with no label, then rows with a NaN feature (warm-up), then rows
 *    cut in step 2 or 3 (the purge gap); each dropped row is counted once, under the first.
 */
import { NO_LABEL } from '../labels/direction-labels.js';
import { assertWellFormed, planStructureProblems } from './check-split-config.js';
import { SEGMENT, isEvaluation, sortedRanges, type SegmentRange, type SplitPlan } from './split-plan.js';
import { lowerBound, tradingCalendar } from './trading-calendar.js';
import type { FloatArray } from '../data/float-array.js';

/** The two columns a split reads from a price-shaped table. */
export interface SegmentRows {
  date: Int32Array;
  /** Row range of ticker i: `offsets[i]` .. `offsets[i + 1]`; rows sorted by date within it. */
  offsets: Int32Array;
}

export interface AssignSegmentsOptions {
  /** A row has no label where this is NO_LABEL (-1, Int8Array direction labels) or NaN (Float64Array targets). */
  label?: Int8Array | Float64Array;
  /** Feature columns; a row with NaN in any of them is a warm-up row. */
  features?: readonly FloatArray[];
  /** Rows already known to be warm-up (1), e.g. marked batch by batch with `markWarmUpRows`. */
  warmUp?: Uint8Array;
  /** Trading days the embargo counts; default `tradingCalendar(rows.date)`. */
  calendar?: Int32Array;
}

export interface SegmentCounts {
  train: number;
  val: number;
  test: number;
  /** Rows whose date lies in no range. */
  outside: number;
  missingLabel: number;
  warmUp: number;
  /** Rows cut by the embargo or the purge that had a label and all features. */
  purgeGap: number;
}

export interface SegmentAssignment {
  /** SEGMENT.train / val / test, or SEGMENT.none for every row outside or dropped. */
  segment: Int8Array;
  counts: SegmentCounts;
}

/** Throws a RangeError on a malformed plan (bad numbers, inverted or overlapping ranges). */
export function assignSegments(rows: SegmentRows, plan: SplitPlan, options: AssignSegmentsOptions = {}): SegmentAssignment {
  assertWellFormed(planStructureProblems(plan));
  const ranges = sortedRanges(plan.ranges);
  const calendar = plan.embargoDays > 0 ? (options.calendar ?? tradingCalendar(rows.date)) : new Int32Array(0);
  const raw = new Int8Array(rows.date.length).fill(SEGMENT.none);
  const cut = new Uint8Array(rows.date.length);
  assignByDate(rows.date, ranges, keptBounds(ranges, plan.embargoDays, calendar), raw, cut);
  purge(raw, rows.offsets, plan, cut);
  return dropAndCount(raw, cut, options);
}

/** Per range, the dates [lo, hi] left after the embargo (lo > hi: nothing left). */
function keptBounds(ranges: readonly SegmentRange[], embargo: number, calendar: Int32Array): [Float64Array, Float64Array] {
  const lo = Float64Array.from(ranges, (r) => r.start);
  const hi = Float64Array.from(ranges, (r) => r.end);
  if (embargo === 0) return [lo, hi];
  for (let i = 0; i + 1 < ranges.length; i++) {
    const [a, b] = [ranges[i]!, ranges[i + 1]!];
    if (a.segment === b.segment) continue;
    if (isEvaluation(a.segment) && b.segment === 'train') {
      const first = lowerBound(calendar, b.start) + embargo;
      lo[i + 1] = first < calendar.length ? Math.max(lo[i + 1]!, calendar[first]!) : Infinity;
    } else {
      const last = lowerBound(calendar, a.end + 1) - 1 - embargo;
      hi[i] = last >= 0 ? Math.min(hi[i]!, calendar[last]!) : -Infinity;
    }
  }
  return [lo, hi];
}

function assignByDate(date: Int32Array, ranges: readonly SegmentRange[], [lo, hi]: [Float64Array, Float64Array], raw: Int8Array, cut: Uint8Array): void {
  const starts = Int32Array.from(ranges, (r) => r.start);
  const ends = Int32Array.from(ranges, (r) => r.end);
  const codes = Int8Array.from(ranges, (r) => SEGMENT[r.segment]);
  for (let row = 0; row < date.length; row++) {
    const d = date[row]!;
    const j = lowerBound(starts, d + 1) - 1;
    if (j < 0 || d > ends[j]!) continue;
    raw[row] = codes[j]!;
    if (d < lo[j]! || d > hi[j]!) cut[row] = 1;
  }
}

function purge(raw: Int8Array, offsets: Int32Array, plan: SplitPlan, cut: Uint8Array): void {
  const { horizon } = plan;
  const back = plan.horizon + plan.lookback;
  const { train, val, test, none } = SEGMENT;
  for (let i = 0; i + 1 < offsets.length; i++) {
    const [first, end] = [offsets[i]!, offsets[i + 1]!];
    let nextVal = Infinity;
    let nextTest = Infinity;
    for (let t = end - 1; t >= first; t--) {
      const s = raw[t]!;
      if (s === none) continue;
      if ((s !== val && nextVal - t <= horizon) || (s !== test && nextTest - t <= horizon)) cut[t] = 1;
      if (s === val) nextVal = t;
      else if (s === test) nextTest = t;
    }
    let lastEval = -Infinity;
    for (let t = first; t < end; t++) {
      const s = raw[t]!;
      if (s === train) {
        if (t - lastEval <= back) cut[t] = 1;
      } else if (s !== none) lastEval = t;
    }
  }
}

function dropAndCount(raw: Int8Array, cut: Uint8Array, options: AssignSegmentsOptions): SegmentAssignment {
  const n = raw.length;
  const features = options.features ?? [];
  // The caller's mask is only copied when features would add to it.
  const warm = options.warmUp && features.length === 0 ? options.warmUp : Uint8Array.from(options.warmUp ?? new Uint8Array(n));
  for (const column of features) markWarmUpRows(column, warm);
  const label = options.label;
  const segment = new Int8Array(n).fill(SEGMENT.none);
  const counts: SegmentCounts = { train: 0, val: 0, test: 0, outside: 0, missingLabel: 0, warmUp: 0, purgeGap: 0 };
  const perSegment = [0, 0, 0];
  for (let row = 0; row < n; row++) {
    const s = raw[row]!;
    if (s === SEGMENT.none) counts.outside++;
    else if (label && isMissing(label, row)) counts.missingLabel++;
    else if (warm[row] === 1) counts.warmUp++;
    else if (cut[row] === 1) counts.purgeGap++;
    else {
      segment[row] = s;
      perSegment[s]!++;
    }
  }
  [counts.train, counts.val, counts.test] = perSegment as [number, number, number];
  return { segment, counts };
}

/** Sets `warm[at + row]` to 1 for every row where the feature column is NaN. */
export function markWarmUpRows(column: FloatArray, warm: Uint8Array, at = 0): void {
  for (let row = 0; row < column.length; row++) if (column[row] !== column[row]) warm[at + row] = 1;
}

function isMissing(label: Int8Array | Float64Array, row: number): boolean {
  const v = label[row]!;
  return label instanceof Int8Array ? v === NO_LABEL : v !== v;
}
