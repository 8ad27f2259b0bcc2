/**
 * Fits normalization statistics on the rows of one segment (train) only:
 *
 * 1. for each feature and group (one group pooled, one per ticker otherwise) gather the
 *    finite values of rows whose segment is `fitSegment`; other rows are never read, so
 *    val/test values cannot move the statistics;
 * 2. zscore: center = mean, scale = population std (ddof 0, as scikit-learn's
 *    StandardScaler), both by plain left-to-right Float64 sums, two passes;
 *    robust: center = median, scale = 1.4826 x MAD, falling back to sqrt(pi / 2) x the mean
 *    absolute deviation from the median when MAD is 0 but the values differ (the modified
 *    z-score of Iglewicz and Hoaglin), so a mostly-constant feature keeps its information;
 * 3. all values equal -> rule `constant` (center = that value, scale 0); none -> `unfitted`.
 */
import { SEGMENT } from '../splits/split-plan.js';
import { median } from './order-statistics.js';
import { SCALE_RULE, type ScalingMethod, type ScalingScope, type ScalingStats } from './scaling-stats.js';
import type { FloatArray } from '../data/float-array.js';

const MAD_TO_SIGMA = 1.4826;
const MEAN_AD_TO_SIGMA = Math.sqrt(Math.PI / 2);

export interface FitScalingOptions {
  method: ScalingMethod;
  scope: ScalingScope;
  /** Feature names, one per column. */
  names: readonly string[];
  columns: readonly FloatArray[];
  /** Segment code of each row (from `assignSegments`). */
  segment: Int8Array;
  /** The segment fitted on; default SEGMENT.train. */
  fitSegment?: number;
  /** Required per ticker: the table's tickers and `offsets` (ticker i owns rows offsets[i] .. offsets[i + 1]). */
  tickers?: readonly string[];
  offsets?: Int32Array;
  /** Clip outputs to [-clip, clip]; null for none. Default 5 for robust, null for zscore. */
  clip?: number | null;
}

interface Entry {
  center: number;
  scale: number;
  count: number;
  rule: number;
}

export function fitScaling(options: FitScalingOptions): ScalingStats {
  const { method, scope, names, columns, segment } = options;
  if (method !== 'zscore' && method !== 'robust') throw new RangeError(`method must be 'zscore' or 'robust' (got '${String(method)}')`);
  if (names.length !== columns.length) throw new RangeError(`${names.length} feature names for ${columns.length} columns`);
  const clip = options.clip === undefined ? (method === 'robust' ? 5 : null) : options.clip;
  if (clip !== null && !(clip > 0)) throw new RangeError(`clip must be a number > 0 or null (got ${clip})`);
  const bounds = groupBounds(scope, segment.length, options);
  const groups = bounds.length - 1;
  const size = names.length * groups;
  const stats: ScalingStats = {
    method, scope, clip, features: [...names], tickers: scope === 'per-ticker' ? [...options.tickers!] : null,
    center: new Float64Array(size), scale: new Float64Array(size), count: new Int32Array(size), rule: new Uint8Array(size),
  };
  let widest = 0;
  for (let g = 0; g < groups; g++) widest = Math.max(widest, bounds[g + 1]! - bounds[g]!);
  const scratch = new Float64Array(method === 'robust' ? widest : 0);
  const spare = new Float64Array(method === 'robust' ? widest : 0);
  const fitSegment = options.fitSegment ?? SEGMENT.train;
  columns.forEach((column, f) => {
    if (column.length !== segment.length) throw new RangeError(`column '${names[f]}' has ${column.length} rows, the segment column ${segment.length}`);
    for (let g = 0; g < groups; g++) {
      const [lo, hi] = [bounds[g]!, bounds[g + 1]!];
      const e = method === 'zscore' ? fitZScore(column, segment, fitSegment, lo, hi) : fitRobust(column, segment, fitSegment, lo, hi, scratch, spare);
      const i = f * groups + g;
      stats.center[i] = e.center === 0 ? 0 : e.center; // no -0, so the JSON form round-trips bit for bit
      stats.scale[i] = e.scale;
      stats.count[i] = e.count;
      stats.rule[i] = e.rule;
    }
  });
  return stats;
}

function groupBounds(scope: ScalingScope, rows: number, options: FitScalingOptions): Int32Array {
  if (scope === 'pooled') return Int32Array.of(0, rows);
  if (scope !== 'per-ticker') throw new RangeError(`scope must be 'pooled' or 'per-ticker' (got '${String(scope)}')`);
  const { tickers, offsets } = options;
  if (!tickers || !offsets || offsets.length !== tickers.length + 1 || offsets[tickers.length] !== rows) {
    throw new RangeError('per-ticker scaling needs tickers and offsets (length tickers + 1, ending at the row count)');
  }
  return offsets;
}

function fitZScore(x: FloatArray, segment: Int8Array, fit: number, lo: number, hi: number): Entry {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let row = lo; row < hi; row++) {
    const v = x[row]!;
    if (segment[row] !== fit || v - v !== 0) continue;
    count++;
    sum += v;
    min = v < min ? v : min;
    max = v > max ? v : max;
  }
  if (count === 0) return UNFITTED;
  if (min === max) return { center: min, scale: 0, count, rule: SCALE_RULE.constant };
  const mean = sum / count;
  let squares = 0;
  for (let row = lo; row < hi; row++) {
    const v = x[row]!;
    if (segment[row] !== fit || v - v !== 0) continue;
    const d = v - mean;
    squares += d * d;
  }
  const std = Math.sqrt(squares / count);
  return std > 0 ? { center: mean, scale: std, count, rule: SCALE_RULE.fitted } : { center: mean, scale: 0, count, rule: SCALE_RULE.constant };
}

function fitRobust(x: FloatArray, segment: Int8Array, fit: number, lo: number, hi: number, scratch: Float64Array, spare: Float64Array): Entry {
  const count = gatherFinite(x, segment, fit, lo, hi, scratch);
  if (count === 0) return UNFITTED;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = scratch[i]!;
    min = v < min ? v : min;
    max = v > max ? v : max;
  }
  if (min === max) return { center: min, scale: 0, count, rule: SCALE_RULE.constant };
  const center = median(scratch, count, spare);
  const absSum = absoluteDeviations(scratch, count, center);
  const mad = median(scratch, count, spare);
  if (mad > 0) return { center, scale: MAD_TO_SIGMA * mad, count, rule: SCALE_RULE.fitted };
  return { center, scale: MEAN_AD_TO_SIGMA * (absSum / count), count, rule: SCALE_RULE.meanAbsDeviation };
}

const UNFITTED: Entry = { center: Number.NaN, scale: Number.NaN, count: 0, rule: SCALE_RULE.unfitted };

/** Copies the finite values of fit-segment rows lo..hi into scratch; returns how many. */
function gatherFinite(x: FloatArray, segment: Int8Array, fit: number, lo: number, hi: number, scratch: Float64Array): number {
  let count = 0;
  for (let row = lo; row < hi; row++) {
    const v = x[row]!;
    if (segment[row] === fit && v - v === 0) scratch[count++] = v;
  }
  return count;
}

/** Replaces a[i] by |a[i] - center| for i < n; returns their left-to-right sum. */
function absoluteDeviations(a: Float64Array, n: number, center: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(a[i]! - center);
    a[i] = d;
    sum += d;
  }
  return sum;
}
