import { describe, expect, it } from 'vitest';
import { assignSegments } from '../../../src/quant/splits/assign-segments.js';
import { checkSplitConfig } from '../../../src/quant/splits/check-split-config.js';
import { purgedKFolds } from '../../../src/quant/splits/k-fold.js';
import type { Fold, KFoldConfig, WalkForwardConfig } from '../../../src/quant/splits/split-plan.js';
import { splitPlans } from '../../../src/quant/splits/split-plans.js';
import { tradingCalendar } from '../../../src/quant/splits/trading-calendar.js';
import { testFoldColumn, walkForwardFolds } from '../../../src/quant/splits/walk-forward.js';
import { days, leaks, rowsOf, segmentNames } from './split-fixtures.js';

const calendar = Int32Array.from(days(100, 129));

/** Each fold's ranges as [segment, first, last] offsets into the calendar. */
function layout(folds: Fold[]): string[] {
  return folds.map((f) => f.ranges.map((r) => `${r.segment} ${r.start - 100}-${r.end - 100}`).join(', '));
}

const base: WalkForwardConfig = { kind: 'walk-forward', window: 'expanding', trainDays: 10, testDays: 5, horizon: 2, embargoDays: 2 };

describe('walk-forward folds', () => {
  it('expanding: train grows from the first day by one step per fold, test follows it', () => {
    expect(layout(walkForwardFolds(base, calendar))).toEqual([
      'train 0-9, test 10-14',
      'train 0-14, test 15-19',
      'train 0-19, test 20-24',
      'train 0-24, test 25-29',
    ]);
  });

  it('rolling: the train window keeps its length and slides by the step; val sits between train and test', () => {
    expect(layout(walkForwardFolds({ ...base, window: 'rolling', valDays: 3, stepDays: 6 }, calendar))).toEqual([
      'train 0-9, val 10-12, test 13-17',
      'train 6-15, val 16-18, test 19-23',
      'train 12-21, val 22-24, test 25-29',
    ]);
  });

  it('lays folds on the data\'s trading days between start and end, and yields none when one does not fit', () => {
    const weekdays = tradingCalendar(Int32Array.from(days(0, 60).filter((d) => ![0, 6].includes((d + 4) % 7))));
    const folds = walkForwardFolds({ ...base, trainDays: 5, testDays: 5, start: 4, end: 30 }, weekdays);
    expect(folds.map((f) => f.ranges.map((r) => [r.start, r.end]))).toEqual([[[4, 8], [11, 15]], [[4, 15], [18, 22]], [[4, 22], [25, 29]]]);
    expect(walkForwardFolds({ ...base, trainDays: 40 }, calendar)).toEqual([]);
  });

  it('cuts the embargo from the end of train so every test window stays whole', () => {
    const rows = rowsOf([days(100, 129), days(100, 129)]);
    const folds = walkForwardFolds({ ...base, window: 'rolling', valDays: 3 }, calendar);
    expect(checkSplitConfig({ ...base, window: 'rolling', valDays: 3 })).toEqual([]);
    const assigned = folds.map((f) => assignSegments(rows, f));
    expect(segmentNames(assigned[0]!.segment.subarray(0, 30))).toBe('TTTTTTTT..V..XXXXX............');
    expect(segmentNames(assigned[1]!.segment.subarray(0, 30))).toBe('.....TTTTTTTT..V..XXXXX.......');
    for (const [k, a] of assigned.entries()) {
      expect(leaks(rows, folds[k]!, a.segment)).toEqual([]);
      expect(a.counts).toMatchObject({ test: 10, purgeGap: 8 });
    }
  });

  it('marks each row with the last fold that tests it', () => {
    const folds = walkForwardFolds({ ...base, testDays: 10, stepDays: 5 }, calendar);
    expect(layout(folds)).toEqual(['train 0-9, test 10-19', 'train 0-14, test 15-24', 'train 0-19, test 20-29']);
    expect(Array.from(testFoldColumn(Int32Array.from([99, 100, 109, 110, 114, 115, 124, 129, 130]), folds))).toEqual([-1, -1, -1, 0, 0, 1, 2, 2, -1]);
  });
});

describe('purged k-fold', () => {
  const kf: KFoldConfig = { kind: 'k-fold', folds: 3, horizon: 2, lookback: 3, embargoDays: 5 };

  it('tests each contiguous block once and trains on the blocks around it', () => {
    const cal = Int32Array.from(days(100, 109));
    expect(layout(purgedKFolds(kf, cal))).toEqual(['test 0-3, train 4-9', 'train 0-3, test 4-6, train 7-9', 'train 0-6, test 7-9']);
  });

  it('drops horizon + lookback days of training after each test block and horizon before it', () => {
    expect(checkSplitConfig(kf)).toEqual([]);
    const rows = rowsOf([days(100, 129)]);
    const folds = splitPlans(kf, calendar);
    const names = folds.map((f) => segmentNames(assignSegments(rows, f).segment));
    expect(names).toEqual([
      'XXXXXXXXXX.....TTTTTTTTTTTTTTT',
      'TTTTT.....XXXXXXXXXX.....TTTTT',
      'TTTTTTTTTTTTTTT.....XXXXXXXXXX',
    ]);
    for (const f of folds) expect(leaks(rows, f, assignSegments(rows, f).segment)).toEqual([]);
  });

  it('still purges horizon + lookback rows after a test block when the embargo is too small', () => {
    const rows = rowsOf([days(100, 129)]);
    const [first] = purgedKFolds({ ...kf, embargoDays: 0 }, calendar);
    expect(segmentNames(assignSegments(rows, first!).segment)).toBe('XXXXXXXXXX.....TTTTTTTTTTTTTTT');
  });
});
