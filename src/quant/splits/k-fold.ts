/**
 * Purged k-fold (López de Prado): contiguous test blocks with training on both sides. The
 * training range after a test block is where the lookback part of the gap rule applies.
 */
import { assertWellFormed, checkSplitConfig } from './check-split-config.js';
import type { Fold, KFoldConfig, SegmentRange } from './split-plan.js';
import { calendarWindow, dayRange } from './walk-forward.js';

/** One fold per block (see `KFoldConfig`); empty when the data has fewer days than folds. */
export function purgedKFolds(config: KFoldConfig, calendar: Int32Array): Fold[] {
  assertWellFormed(checkSplitConfig(config));
  const days = calendarWindow(calendar, config.start, config.end);
  const k = config.folds;
  if (days.length < k) return [];
  const gap = { horizon: config.horizon, embargoDays: config.embargoDays ?? 0, lookback: config.lookback ?? 0 };
  const base = Math.floor(days.length / k);
  const longer = days.length % k;
  const folds: Fold[] = [];
  let from = 0;
  for (let i = 0; i < k; i++) {
    const to = from + base + (i < longer ? 1 : 0);
    const ranges: SegmentRange[] = [];
    if (from > 0) ranges.push(dayRange(days, 'train', 0, from));
    ranges.push(dayRange(days, 'test', from, to));
    if (to < days.length) ranges.push(dayRange(days, 'train', to, days.length));
    folds.push({ index: i, ranges, ...gap });
    from = to;
  }
  return folds;
}
