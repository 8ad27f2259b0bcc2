/** The split stage's params as the domain library's split config, and its validation-time check. */
import type { ParamProblem, Params } from '../../src/engine/contract.js';
import { parseIsoDay } from '../../src/quant/data/price-table.js';
import { checkSplitConfig } from '../../src/quant/splits/check-split-config.js';
import type { SplitConfig } from '../../src/quant/splits/split-plan.js';

export interface SplitParams {
  train?: [string, string];
  val?: [string, string];
  test?: [string, string];
  walk_forward?: { window: 'expanding' | 'rolling'; train_days: number; val_days: number; test_days: number; step_days?: number; start?: string; end?: string; fold: number };
  embargo_days: number;
  lookback: number | 'auto';
  label: { kind: 'direction'; horizon: number; classes: 2 | 3; dead_zone: number };
}

const range = (r: [string, string]) => [parseIsoDay(r[0]), parseIsoDay(r[1])] as const;

export function splitConfig(p: SplitParams, lookback: number): SplitConfig {
  const gap = { horizon: p.label.horizon, embargoDays: p.embargo_days, lookback };
  if (p.walk_forward) {
    const w = p.walk_forward;
    return {
      kind: 'walk-forward',
      window: w.window,
      trainDays: w.train_days,
      valDays: w.val_days,
      testDays: w.test_days,
      ...(w.step_days ? { stepDays: w.step_days } : {}),
      ...(w.start ? { start: parseIsoDay(w.start) } : {}),
      ...(w.end ? { end: parseIsoDay(w.end) } : {}),
      ...gap,
    };
  }
  return {
    kind: 'date-ranges',
    train: range(p.train!),
    ...(p.val ? { val: range(p.val) } : {}),
    ...(p.test ? { test: range(p.test) } : {}),
    ...gap,
  };
}

/** Validation: one way of splitting, real dates, and gaps that cover the label horizon. */
export function checkSplitParams(params: Params): ParamProblem[] {
  const p = params as unknown as SplitParams;
  if (!p.train && !p.walk_forward) return [{ param: 'train', message: 'give `train` dates (with `val`/`test`) or `walk_forward`', hint: 'e.g. train: [1991-01-01, 1997-12-31]' }];
  if (p.train && p.walk_forward) return [{ param: 'walk_forward', message: '`walk_forward` and `train` dates are two ways of splitting; give one' }];
  const bad: ParamProblem[] = [];
  for (const name of ['train', 'val', 'test'] as const) {
    const r = p[name];
    if (r && r.some((d) => Number.isNaN(parseIsoDay(d)))) bad.push({ param: name, message: `${JSON.stringify(r)} holds a date that does not exist` });
  }
  if (bad.length > 0) return bad;
  const lookback = typeof p.lookback === 'number' ? p.lookback : 0;
  return checkSplitConfig(splitConfig(p, lookback)).map((problem) => ({ param: problem.field === 'lookback' ? 'lookback' : problem.field, message: problem.message }));
}
