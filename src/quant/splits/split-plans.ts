/** Turns any split config into the plans `assignSegments` takes: one for date ranges, one per fold otherwise. */
import { purgedKFolds } from './k-fold.js';
import { dateRangeSegments, type Fold, type SplitConfig } from './split-plan.js';
import { walkForwardFolds } from './walk-forward.js';

export function splitPlans(config: SplitConfig, calendar: Int32Array): Fold[] {
  switch (config.kind) {
    case 'date-ranges':
      return [{ index: 0, ranges: dateRangeSegments(config), horizon: config.horizon, embargoDays: config.embargoDays ?? 0, lookback: config.lookback ?? 0 }];
    case 'walk-forward':
      return walkForwardFolds(config, calendar);
    case 'k-fold':
      return purgedKFolds(config, calendar);
  }
}
