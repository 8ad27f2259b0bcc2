/**
 * Checks a split before anything runs, returning every problem at once in words a pipeline
 * author can act on (messages name the split stage's snake_case params):
 *
 * 1. numbers: horizon >= 1, embargo_days >= 0, lookback >= 0, fold sizes, all integers;
 * 2. ranges: none inverted, none overlapping, none without a trading day of the data;
 * 3. gaps: each boundary between consecutive segments holds at least `requiredGap` trading
 *    days (the days between the ranges plus embargo_days), else "gap between train and val
 *    is 3 trading days but the label horizon is 5; set embargo_days >= 5";
 * 4. size: the data holds enough trading days for one fold.
 *
 * `assignSegments` purges row by row whatever this says, so a too-small gap never leaks; this
 * check is the policy that makes the gap visible in the pipeline file instead of implied.
 */
import {
  dateRangeSegments, requiredGap, sortedRanges,
  type GapOptions, type KFoldConfig, type SegmentName, type SegmentRange, type SplitConfig, type SplitPlan, type WalkForwardConfig,
} from './split-plan.js';
import { formatIsoDay as isoDay } from '../data/price-table.js';
import { tradingDaysBetween, tradingDaysIn } from './trading-calendar.js';

export type SplitProblemCode = 'invalid-number' | 'range-inverted' | 'range-overlap' | 'range-empty' | 'gap-too-small' | 'too-few-days';

export interface SplitProblem {
  code: SplitProblemCode;
  /** The param at fault, snake_case as in the pipeline file: `embargo_days`, `val`, `train_days`. */
  field: string;
  message: string;
}

export interface CheckSplitOptions {
  /** Trading days of the data (`tradingCalendar(table.date)`); without it weekdays stand in. */
  calendar?: Int32Array;
}

export function checkSplitConfig(config: SplitConfig, options: CheckSplitOptions = {}): SplitProblem[] {
  if (config.kind === 'date-ranges') {
    return checkSplitPlan({ ranges: dateRangeSegments(config), ...gapDefaults(config) }, options);
  }
  const problems = [...gapNumberProblems(config), ...layoutNumberProblems(config)];
  if (problems.length > 0) return problems;
  const pairs: [SegmentName, SegmentName][] =
    config.kind === 'k-fold' ? [['train', 'test'], ['test', 'train']]
    : (config.valDays ?? 0) > 0 ? [['train', 'val'], ['val', 'test']] : [['train', 'test']];
  for (const [a, b] of pairs) pushGapProblem(problems, a, b, 0, config);
  const need = config.kind === 'k-fold' ? config.folds : config.trainDays + (config.valDays ?? 0) + config.testDays;
  const have = availableDays(config, options.calendar);
  if (have !== undefined && have < need) problems.push({ code: 'too-few-days', field: config.kind === 'k-fold' ? 'folds' : 'train_days', message: tooFewDays(config, need, have) });
  return problems;
}

/** Every problem of a laid-out plan: numbers, ranges, gaps. */
export function checkSplitPlan(plan: SplitPlan, options: CheckSplitOptions = {}): SplitProblem[] {
  const problems = planStructureProblems(plan);
  if (problems.length > 0) return problems;
  const ranges = sortedRanges(plan.ranges);
  if (options.calendar) {
    for (const r of ranges) {
      if (tradingDaysIn(r.start, r.end, options.calendar) === 0) {
        problems.push({ code: 'range-empty', field: r.segment, message: `${r.segment} ${show(r)} holds no trading day of the data` });
      }
    }
  }
  for (let i = 0; i + 1 < ranges.length; i++) {
    const [a, b] = [ranges[i]!, ranges[i + 1]!];
    if (a.segment !== b.segment) pushGapProblem(problems, a.segment, b.segment, tradingDaysBetween(a.end, b.start, options.calendar), plan);
  }
  return dedupe(problems);
}

/** The problems that make a plan meaningless (bad numbers, inverted or overlapping ranges); `assignSegments` throws on them. */
export function planStructureProblems(plan: SplitPlan): SplitProblem[] {
  const problems = gapNumberProblems(plan);
  for (const r of plan.ranges) {
    if (!Number.isInteger(r.start) || !Number.isInteger(r.end)) {
      problems.push({ code: 'invalid-number', field: r.segment, message: `${r.segment} dates must be whole epoch days (got [${r.start}, ${r.end}])` });
    } else if (r.start > r.end) {
      problems.push({ code: 'range-inverted', field: r.segment, message: `${r.segment} starts ${isoDay(r.start)} after it ends ${isoDay(r.end)}` });
    }
  }
  if (problems.length > 0) return problems;
  const ranges = sortedRanges(plan.ranges);
  for (let i = 0; i + 1 < ranges.length; i++) {
    const [a, b] = [ranges[i]!, ranges[i + 1]!];
    if (b.start <= a.end) problems.push({ code: 'range-overlap', field: b.segment, message: `${a.segment} ${show(a)} overlaps ${b.segment} ${show(b)}` });
  }
  return problems;
}

function pushGapProblem(problems: SplitProblem[], a: SegmentName, b: SegmentName, between: number, gap: GapOptions): void {
  const embargo = gap.embargoDays ?? 0;
  const need = requiredGap(a, b, gap);
  const have = between + embargo;
  if (have >= need) return;
  const parts = between > 0 && embargo > 0 ? ` (${between} between the ranges + embargo_days ${embargo})` : '';
  const lookback = gap.lookback ?? 0;
  const wanted = need === gap.horizon ? `the label horizon is ${gap.horizon}`
    : `the label horizon plus the longest feature lookback is ${gap.horizon} + ${lookback} = ${need}`;
  problems.push({
    code: 'gap-too-small',
    field: 'embargo_days',
    message: `gap between ${a} and ${b} is ${have} trading days${parts} but ${wanted}; set embargo_days >= ${need - between}`,
  });
}

function gapNumberProblems(gap: GapOptions): SplitProblem[] {
  const problems: SplitProblem[] = [];
  integerAtLeast(problems, 'horizon', gap.horizon, 1);
  integerAtLeast(problems, 'embargo_days', gap.embargoDays ?? 0, 0);
  integerAtLeast(problems, 'lookback', gap.lookback ?? 0, 0);
  return problems;
}

function layoutNumberProblems(config: WalkForwardConfig | KFoldConfig): SplitProblem[] {
  const problems: SplitProblem[] = [];
  if (config.kind === 'k-fold') {
    integerAtLeast(problems, 'folds', config.folds, 2);
  } else {
    if (config.window !== 'expanding' && config.window !== 'rolling') {
      problems.push({ code: 'invalid-number', field: 'window', message: `window must be 'expanding' or 'rolling' (got '${String(config.window)}')` });
    }
    integerAtLeast(problems, 'train_days', config.trainDays, 1);
    integerAtLeast(problems, 'val_days', config.valDays ?? 0, 0);
    integerAtLeast(problems, 'test_days', config.testDays, 1);
    integerAtLeast(problems, 'step_days', config.stepDays ?? config.testDays, 1);
  }
  if (config.start !== undefined && config.end !== undefined && config.start > config.end) {
    problems.push({ code: 'range-inverted', field: 'start', message: `start ${isoDay(config.start)} is after end ${isoDay(config.end)}` });
  }
  return problems;
}

function integerAtLeast(problems: SplitProblem[], field: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    problems.push({ code: 'invalid-number', field, message: `${field} must be an integer >= ${min} (got ${value})` });
  }
}

function availableDays(config: WalkForwardConfig | KFoldConfig, calendar?: Int32Array): number | undefined {
  if (calendar) return tradingDaysIn(config.start ?? -Infinity, config.end ?? Infinity, calendar);
  if (config.start === undefined || config.end === undefined) return undefined;
  return tradingDaysIn(config.start, config.end);
}

function tooFewDays(config: WalkForwardConfig | KFoldConfig, need: number, have: number): string {
  if (config.kind === 'k-fold') return `k-fold needs at least ${need} trading days (one per fold) but the data has ${have}`;
  const sizes = `train_days ${config.trainDays} + val_days ${config.valDays ?? 0} + test_days ${config.testDays}`;
  return `walk-forward needs at least ${need} trading days for one fold (${sizes}) but the data has ${have}`;
}

function gapDefaults(gap: GapOptions): Required<GapOptions> {
  return { horizon: gap.horizon, embargoDays: gap.embargoDays ?? 0, lookback: gap.lookback ?? 0 };
}

function show(r: SegmentRange): string {
  return `[${isoDay(r.start)}, ${isoDay(r.end)}]`;
}

function dedupe(problems: SplitProblem[]): SplitProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (seen.has(p.message)) return false;
    seen.add(p.message);
    return true;
  });
}

const MALFORMED: ReadonlySet<SplitProblemCode> = new Set(['invalid-number', 'range-inverted', 'range-overlap']);

/** Throws a RangeError listing the problems that leave a split undefined (bad numbers, inverted or overlapping ranges). */
export function assertWellFormed(problems: readonly SplitProblem[]): void {
  const bad = problems.filter((p) => MALFORMED.has(p.code));
  if (bad.length > 0) throw new RangeError(`invalid split: ${bad.map((p) => p.message).join('; ')}`);
}
