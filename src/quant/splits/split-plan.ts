/**
 * The vocabulary of chronological splits: segment codes, the three ways to ask for a split
 * (date ranges, walk-forward, purged k-fold) and the `SplitPlan` they all become — a list of
 * dated segment ranges plus the numbers that size the gap between them.
 *
 * The gap rule (enforced by `assignSegments`, checked by `checkSplitConfig`):
 * - the gap between two consecutive segments is the trading days between their ranges plus
 *   `embargoDays`; it must be >= `horizon`, so no label window [t, t + horizon] of the
 *   earlier segment reaches a row of the later one;
 * - where a training segment follows an evaluation segment (val or test), it must be
 *   >= `horizon + lookback`, so no training feature window [s - lookback, s] reads a price
 *   that an evaluation row used, its label window included.
 */
import type { EpochDay } from '../data/price-table.js';

/** Segment codes of the `segment` column (Int8Array); `none` marks rows left out. */
export const SEGMENT = { none: -1, train: 0, val: 1, test: 2 } as const;

export type SegmentName = 'train' | 'val' | 'test';

/** Inclusive range of epoch days: [start, end]. */
export type DateRange = readonly [start: EpochDay, end: EpochDay];

/** One dated piece of a split; a row belongs to it when start <= date <= end. */
export interface SegmentRange {
  segment: SegmentName;
  start: EpochDay;
  end: EpochDay;
}

/** What the gap between segments is sized by. */
export interface GapOptions {
  /** Label horizon in trading rows (integer >= 1). */
  horizon: number;
  /** Trading days of the data added to the gap at every segment boundary (integer >= 0; default 0). */
  embargoDays?: number;
  /**
   * Longest feature lookback: a feature at row s reads rows s - lookback .. s of its ticker
   * (a 30-row SMA has lookback 29; close[s] / close[s - 30] has 30). Integer >= 0; default 0.
   * Only matters where a training segment follows an evaluation segment.
   */
  lookback?: number;
}

/** A split fully laid out: non-overlapping ranges (any order, a segment may repeat). */
export interface SplitPlan extends Required<GapOptions> {
  ranges: readonly SegmentRange[];
}

/** One of the plans a split config yields (date ranges yield exactly one, index 0). */
export interface Fold extends SplitPlan {
  index: number;
}

/** Train / val / test by date, as in `split: { train: [...], val: [...], test: [...] }`. */
export interface DateRangeSplitConfig extends GapOptions {
  kind: 'date-ranges';
  train: DateRange;
  val?: DateRange;
  test?: DateRange;
}

/**
 * Walk-forward folds laid on the trading days of the data between `start` and `end`.
 * Fold k: train is days [k * step, trainDays + k * step) when rolling, [0, trainDays + k * step)
 * when expanding; then `valDays` of val (optional) and `testDays` of test follow it directly.
 * Folds stop at the last one whose test window fits whole. Adjacent ranges have a natural gap
 * of 0, so the gap is `embargoDays` alone and must be >= horizon.
 */
export interface WalkForwardConfig extends GapOptions {
  kind: 'walk-forward';
  window: 'expanding' | 'rolling';
  trainDays: number;
  /** 0 or absent: no val segment. */
  valDays?: number;
  testDays: number;
  /** Trading days between the starts of consecutive folds; default `testDays`. */
  stepDays?: number;
  start?: EpochDay;
  end?: EpochDay;
}

/**
 * Purged k-fold: the trading days between `start` and `end` cut into `folds` contiguous
 * blocks (the first `days % folds` blocks one day longer); fold i tests block i and trains on
 * the blocks before and after it. Training after the test block makes the gap there
 * `horizon + lookback`, and one `embargoDays` serves every boundary, so it must cover that.
 */
export interface KFoldConfig extends GapOptions {
  kind: 'k-fold';
  folds: number;
  start?: EpochDay;
  end?: EpochDay;
}

export type SplitConfig = DateRangeSplitConfig | WalkForwardConfig | KFoldConfig;

export function segmentCode(name: SegmentName): 0 | 1 | 2 {
  return SEGMENT[name];
}

/** val and test are evaluation segments; train is not. */
export function isEvaluation(name: SegmentName): boolean {
  return name !== 'train';
}

/** The gap a boundary needs, in trading days: horizon, plus lookback when training follows evaluation. */
export function requiredGap(earlier: SegmentName, later: SegmentName, gap: GapOptions): number {
  const base = gap.horizon;
  return isEvaluation(earlier) && later === 'train' ? base + (gap.lookback ?? 0) : base;
}

/** Ranges sorted by start date (a copy). */
export function sortedRanges(ranges: readonly SegmentRange[]): SegmentRange[] {
  return [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The ranges a date-range config asks for, in train, val, test order. */
export function dateRangeSegments(config: DateRangeSplitConfig): SegmentRange[] {
  const out: SegmentRange[] = [{ segment: 'train', start: config.train[0], end: config.train[1] }];
  if (config.val) out.push({ segment: 'val', start: config.val[0], end: config.val[1] });
  if (config.test) out.push({ segment: 'test', start: config.test[0], end: config.test[1] });
  return out;
}
