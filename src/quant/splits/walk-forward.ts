/**
 * Walk-forward folds on the trading days of the data (see `WalkForwardConfig` for the
 * layout), plus a fold column that says which fold tests each row.
 */
import { assertWellFormed, checkSplitConfig } from './check-split-config.js';
import type { EpochDay } from '../data/price-table.js';
import type { Fold, SegmentRange, SplitPlan, WalkForwardConfig } from './split-plan.js';
import { lowerBound } from './trading-calendar.js';

/** The folds in time order; empty when not even one fits. Throws on malformed numbers. */
export function walkForwardFolds(config: WalkForwardConfig, calendar: Int32Array): Fold[] {
  assertWellFormed(checkSplitConfig(config));
  const days = calendarWindow(calendar, config.start, config.end);
  const valDays = config.valDays ?? 0;
  const step = config.stepDays ?? config.testDays;
  const gap = { horizon: config.horizon, embargoDays: config.embargoDays ?? 0, lookback: config.lookback ?? 0 };
  const folds: Fold[] = [];
  for (let k = 0; ; k++) {
    const trainEnd = config.trainDays + k * step;
    const testEnd = trainEnd + valDays + config.testDays;
    if (testEnd > days.length) break;
    const trainStart = config.window === 'rolling' ? k * step : 0;
    const ranges: SegmentRange[] = [dayRange(days, 'train', trainStart, trainEnd)];
    if (valDays > 0) ranges.push(dayRange(days, 'val', trainEnd, trainEnd + valDays));
    ranges.push(dayRange(days, 'test', trainEnd + valDays, testEnd));
    folds.push({ index: k, ranges, ...gap });
  }
  return folds;
}

/**
 * For each row, the index of the last fold whose test range holds its date (the most recently
 * trained model, when test windows overlap because step < test), or -1.
 */
export function testFoldColumn(date: Int32Array, folds: readonly SplitPlan[]): Int32Array {
  const out = new Int32Array(date.length).fill(-1);
  const tests = folds.flatMap((fold, k) => fold.ranges.filter((r) => r.segment === 'test').map((r) => ({ k, r })));
  if (tests.length === 0) return out;
  const first = Math.min(...tests.map((t) => t.r.start));
  const byDay = new Int32Array(Math.max(...tests.map((t) => t.r.end)) - first + 1).fill(-1);
  for (const { k, r } of tests) byDay.fill(k, r.start - first, r.end - first + 1);
  for (let i = 0; i < date.length; i++) {
    const d = date[i]! - first;
    if (d >= 0 && d < byDay.length) out[i] = byDay[d]!;
  }
  return out;
}

/** The calendar's days in [start, end] (either side open when absent). */
export function calendarWindow(calendar: Int32Array, start?: EpochDay, end?: EpochDay): Int32Array {
  const lo = start === undefined ? 0 : lowerBound(calendar, start);
  const hi = end === undefined ? calendar.length : lowerBound(calendar, end + 1);
  return calendar.subarray(lo, Math.max(lo, hi));
}

/** The range covering calendar days [from, to) (to exclusive). */
export function dayRange(days: Int32Array, segment: SegmentRange['segment'], from: number, to: number): SegmentRange {
  return { segment, start: days[from]!, end: days[to - 1]! };
}
