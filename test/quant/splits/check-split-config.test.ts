import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../../src/quant/data/price-table.js';
import { checkSplitConfig, checkSplitPlan } from '../../../src/quant/splits/check-split-config.js';
import type { DateRange, DateRangeSplitConfig } from '../../../src/quant/splits/split-plan.js';
import { tradingCalendar } from '../../../src/quant/splits/trading-calendar.js';

const range = (a: string, b: string): DateRange => [parseIsoDay(a), parseIsoDay(b)];

/** The split of pipelines/baseline.yaml. */
const baseline: DateRangeSplitConfig = {
  kind: 'date-ranges',
  train: range('1991-01-01', '1997-12-31'),
  val: range('1998-01-01', '1999-06-30'),
  test: range('1999-07-01', '2000-12-31'),
  horizon: 1,
  embargoDays: 5,
};

/** Weekdays from 1997-12-01 to 1998-01-31 without New Year's Day. */
const calendar = tradingCalendar(
  Int32Array.from({ length: 62 }, (_, i) => parseIsoDay('1997-12-01') + i).filter((d) => ![0, 6].includes((d + 4) % 7) && d !== parseIsoDay('1998-01-01')),
);

describe('checkSplitConfig', () => {
  it('accepts the baseline split', () => {
    expect(checkSplitConfig(baseline)).toEqual([]);
  });

  it('flags a gap smaller than the label horizon with the embargo that fixes it', () => {
    expect(checkSplitConfig({ ...baseline, horizon: 5, embargoDays: 3 })).toEqual([
      { code: 'gap-too-small', field: 'embargo_days', message: 'gap between train and val is 3 trading days but the label horizon is 5; set embargo_days >= 5' },
      { code: 'gap-too-small', field: 'embargo_days', message: 'gap between val and test is 3 trading days but the label horizon is 5; set embargo_days >= 5' },
    ]);
  });

  it('counts the trading days between the ranges, on the data calendar when given, weekdays otherwise', () => {
    const config: DateRangeSplitConfig = { kind: 'date-ranges', train: range('1997-12-01', '1997-12-26'), val: range('1998-01-05', '1998-01-30'), horizon: 5 };
    expect(checkSplitConfig(config)).toEqual([]);
    expect(checkSplitConfig(config, { calendar }).map((p) => p.message)).toEqual([
      'gap between train and val is 4 trading days but the label horizon is 5; set embargo_days >= 1',
    ]);
    expect(checkSplitConfig({ ...config, horizon: 6, embargoDays: 1 }, { calendar }).map((p) => p.message)).toEqual([
      'gap between train and val is 5 trading days (4 between the ranges + embargo_days 1) but the label horizon is 6; set embargo_days >= 2',
    ]);
  });

  it('asks for horizon + lookback where training follows an evaluation segment', () => {
    const config: DateRangeSplitConfig = {
      kind: 'date-ranges', test: range('1991-01-01', '1994-12-31'), train: range('1995-01-01', '2000-12-31'), horizon: 5, lookback: 30, embargoDays: 5,
    };
    expect(checkSplitConfig(config).map((p) => p.message)).toEqual([
      'gap between test and train is 5 trading days but the label horizon plus the longest feature lookback is 5 + 30 = 35; set embargo_days >= 35',
    ]);
    expect(checkSplitConfig({ ...config, embargoDays: 35 })).toEqual([]);
  });

  it('reports bad numbers, inverted, overlapping and empty ranges together', () => {
    expect(checkSplitConfig({ ...baseline, horizon: 0, embargoDays: -1, lookback: 2.5 }).map((p) => p.message)).toEqual([
      'horizon must be an integer >= 1 (got 0)',
      'embargo_days must be an integer >= 0 (got -1)',
      'lookback must be an integer >= 0 (got 2.5)',
    ]);
    expect(checkSplitConfig({ ...baseline, val: range('1999-06-30', '1998-01-01') })).toEqual([
      { code: 'range-inverted', field: 'val', message: 'val starts 1999-06-30 after it ends 1998-01-01' },
    ]);
    expect(checkSplitConfig({ ...baseline, train: range('1991-01-01', '1998-03-01') })).toEqual([
      { code: 'range-overlap', field: 'val', message: 'train [1991-01-01, 1998-03-01] overlaps val [1998-01-01, 1999-06-30]' },
    ]);
    const empty = checkSplitPlan({ ranges: [{ segment: 'test', start: parseIsoDay('1998-01-01'), end: parseIsoDay('1998-01-01') }], horizon: 1, embargoDays: 0, lookback: 0 }, { calendar });
    expect(empty.map((p) => p.message)).toEqual(['test [1998-01-01, 1998-01-01] holds no trading day of the data']);
  });

  it('checks walk-forward folds: the gap is embargo_days alone, and one fold must fit', () => {
    const wf = { kind: 'walk-forward', window: 'rolling', trainDays: 20, valDays: 5, testDays: 10, horizon: 3, embargoDays: 2 } as const;
    expect(checkSplitConfig(wf).map((p) => p.message)).toEqual([
      'gap between train and val is 2 trading days but the label horizon is 3; set embargo_days >= 3',
      'gap between val and test is 2 trading days but the label horizon is 3; set embargo_days >= 3',
    ]);
    expect(checkSplitConfig({ ...wf, embargoDays: 3 }, { calendar })).toEqual([]);
    expect(checkSplitConfig({ ...wf, embargoDays: 3, trainDays: 30 }, { calendar }).map((p) => p.message)).toEqual([
      'walk-forward needs at least 45 trading days for one fold (train_days 30 + val_days 5 + test_days 10) but the data has 44',
    ]);
    expect(checkSplitConfig({ ...wf, trainDays: 0, stepDays: 0, window: 'sliding' as 'rolling' }).map((p) => p.field)).toEqual(['window', 'train_days', 'step_days']);
  });

  it('checks k-fold: horizon before each test block, horizon + lookback after it', () => {
    const kf = { kind: 'k-fold', folds: 5, horizon: 2, lookback: 5, embargoDays: 2 } as const;
    expect(checkSplitConfig(kf).map((p) => p.message)).toEqual([
      'gap between test and train is 2 trading days but the label horizon plus the longest feature lookback is 2 + 5 = 7; set embargo_days >= 7',
    ]);
    expect(checkSplitConfig({ ...kf, embargoDays: 7, folds: 1 }).map((p) => p.message)).toEqual(['folds must be an integer >= 2 (got 1)']);
    expect(checkSplitConfig({ ...kf, embargoDays: 7, folds: 50 }, { calendar }).map((p) => p.message)).toEqual([
      'k-fold needs at least 50 trading days (one per fold) but the data has 44',
    ]);
  });
});
