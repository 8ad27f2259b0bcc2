/**
 * Computes the standard set (or a chosen subset) for one ticker:
 * 1. Resolve the requested column names (unknown names throw, with the nearest known names).
 * 2. Skip every column whose inputs the data lacks, with the reason ("needs high and low").
 * 3. Compute each needed group once, on the runs of rows where all its inputs are finite: a missing
 *    value ends the run and the group warms up again after it, so no value is computed across a gap.
 * 4. Apply the output transform (price levels relative to the close) while copying the outputs out of
 *    the reused scratch arena that holds every intermediate (see `scratch-arena.ts`).
 * Nothing here prints; nothing looks at a later row than the one it computes (see the truncation test).
 */
import type { IndicatorGroup, OhlcvSeries, PriceInput } from './indicator-group.js';
import { nanArray } from './nan-array.js';
import { withScratchArena } from './scratch-arena.js';
import { STANDARD_COLUMNS, STANDARD_GROUPS } from './standard-set.js';

export type { OhlcvSeries } from './indicator-group.js';

/** Which optional price columns the data has; `close` is always present. */
export interface AvailableInputs {
  open: boolean;
  high: boolean;
  low: boolean;
  volume: boolean;
}

export interface ComputeIndicatorsOptions {
  /** Column names to compute (default: the whole standard set); output keeps the standard order. */
  columns?: readonly string[];
  has: AvailableInputs;
  /**
   * Where to put each computed column (an array of the series' length); by default a new
   * array per column. A caller computing ticker after ticker passes views of buffers it
   * reuses, so millions of rows never allocate (and first-touch) fresh memory per ticker.
   */
  into?: (name: string) => Float64Array;
}

/** A requested column that was not computed, and why. */
export interface SkippedIndicator {
  name: string;
  reason: string;
}

export interface IndicatorResult {
  /** Column name -> values, one per input row, in standard-set order. */
  columns: Map<string, Float64Array>;
  skipped: SkippedIndicator[];
}

export function computeIndicators(series: OhlcvSeries, options: ComputeIndicatorsOptions): IndicatorResult {
  const wanted = options.columns === undefined ? undefined : requestedNames(options.columns);
  const { steps, skipped } = plan(wanted, options.has);
  const columns = new Map<string, Float64Array>();
  const runsByNeeds = new Map<string, Int32Array>();
  for (const { group, requested } of steps) {
    const key = group.needs.join(',');
    const runs = runsByNeeds.get(key) ?? finiteRuns(series, group.needs);
    runsByNeeds.set(key, runs);
    // The group's intermediates live in the scratch arena; only its requested outputs are copied out.
    withScratchArena(() => {
      const outputs = computeOnRuns(group, series, runs);
      group.columns.forEach((column, k) => {
        if (!requested[k]) return;
        const values = outputs[k]!;
        if (column.transform === 'relative-to-close') relativeToClose(values, series.close);
        const target = options.into?.(column.name);
        if (target) target.set(values);
        // slice() copies out of the arena without zero-filling a new array first.
        columns.set(column.name, target ?? values.slice());
      });
    });
  }
  return { columns, skipped };
}

interface Step {
  group: IndicatorGroup;
  /** Per column of the group: was it asked for? */
  requested: boolean[];
}

// The groups to compute, and the requested columns whose inputs are missing.
function plan(wanted: Set<string> | undefined, has: AvailableInputs): { steps: Step[]; skipped: SkippedIndicator[] } {
  const steps: Step[] = [];
  const skipped: SkippedIndicator[] = [];
  for (const group of STANDARD_GROUPS) {
    const requested = group.columns.map((column) => wanted === undefined || wanted.has(column.name));
    if (!requested.includes(true)) continue;
    const missing = group.needs.filter((input) => input !== 'close' && !has[input]);
    if (missing.length === 0) {
      steps.push({ group, requested });
      continue;
    }
    const reason = `needs ${wordList(missing)}`;
    group.columns.forEach((column, k) => requested[k] && skipped.push({ name: column.name, reason }));
  }
  return { steps, skipped };
}

function requestedNames(names: readonly string[]): Set<string> {
  const known = new Set(STANDARD_COLUMNS.map((column) => column.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const hints = unknown.map((name) => {
      const near = nearestNames(name, [...known]);
      return near.length > 0 ? `'${name}' (did you mean ${near.map((n) => `'${n}'`).join(' or ')}?)` : `'${name}'`;
    });
    throw new RangeError(`unknown indicator column ${hints.join(', ')}; the standard set has ${known.size} columns, listed in docs/indicators.md`);
  }
  return new Set(names);
}

// Start/end pairs of the maximal runs of rows where every needed input is finite.
function finiteRuns(series: OhlcvSeries, needs: readonly PriceInput[]): Int32Array {
  const length = series.close.length;
  const inputs = needs.map((input) => series[input]).filter((values) => !allFinite(values));
  if (inputs.length === 0) return Int32Array.of(0, length);
  const bounds: number[] = [];
  let start = -1;
  for (let t = 0; t <= length; t++) {
    let ok = t < length;
    for (let k = 0; ok && k < inputs.length; k++) ok = Number.isFinite(inputs[k]![t]!);
    if (ok && start < 0) start = t;
    if (!ok && start >= 0) {
      bounds.push(start, t);
      start = -1;
    }
  }
  return Int32Array.from(bounds);
}

function allFinite(values: Float64Array): boolean {
  for (let t = 0; t < values.length; t++) if (!Number.isFinite(values[t]!)) return false;
  return true;
}

function computeOnRuns(group: IndicatorGroup, series: OhlcvSeries, runs: Int32Array): Float64Array[] {
  const length = series.close.length;
  if (runs.length === 2 && runs[0] === 0 && runs[1] === length) return group.compute(series);
  const outputs = group.columns.map(() => nanArray(length));
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r]!;
    const end = runs[r + 1]!;
    const part: OhlcvSeries = {
      open: series.open.subarray(start, end),
      high: series.high.subarray(start, end),
      low: series.low.subarray(start, end),
      close: series.close.subarray(start, end),
      volume: series.volume.subarray(start, end),
    };
    group.compute(part).forEach((values, k) => outputs[k]!.set(values, start));
  }
  return outputs;
}

function relativeToClose(values: Float64Array, close: Float64Array): void {
  for (let t = 0; t < values.length; t++) values[t] = values[t]! / close[t]! - 1;
}

function wordList(words: readonly string[]): string {
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]!}`;
}

// Known names within a small edit distance of `name`, closest first (at most two).
function nearestNames(name: string, known: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  return known
    .map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
    .filter((entry) => entry.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, 2)
    .map((entry) => entry.candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
