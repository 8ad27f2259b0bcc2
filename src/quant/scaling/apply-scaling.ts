/**
 * Applies fitted statistics to every row (train, val and test alike), element by element:
 * y = (x - center) / scale, clipped to [-clip, clip] when the stats carry a clip. A constant
 * entry (scale 0) maps every non-NaN x to 0; an unfitted entry maps everything to NaN; NaN
 * stays NaN. Each output depends only on its own input and the stats, so applying to a table
 * truncated at any date changes no value of the rows kept.
 */
import { SCALE_RULE, scalingGroups, type ScalingStats } from './scaling-stats.js';
import type { FloatArray } from '../data/float-array.js';

export interface ApplyScalingOptions {
  /** Names of `columns`; every feature of the stats must be among them (order free). */
  names: readonly string[];
  columns: readonly FloatArray[];
  /** Required when the stats are per ticker; matched to the stats by ticker name (a ticker the stats lack gets NaN). */
  tickers?: readonly string[];
  offsets?: Int32Array;
  /** Where to write, in the stats' feature order; pass the input columns to scale in place. Default: new arrays. */
  out?: readonly FloatArray[];
}

/** The scaled columns, in the stats' feature order. */
export function applyScaling(stats: ScalingStats, options: ApplyScalingOptions): FloatArray[] {
  const groups = scalingGroups(stats);
  const parts = rowGroups(stats, options);
  return stats.features.map((name, f) => {
    const at = options.names.indexOf(name);
    if (at < 0) throw new RangeError(`no column '${name}' to scale (have: ${options.names.join(', ')})`);
    const x = options.columns[at]!;
    const y = options.out?.[f] ?? new Float64Array(x.length);
    if (y.length !== x.length) throw new RangeError(`output for '${name}' has ${y.length} rows, the column ${x.length}`);
    for (let p = 0; p < parts.group.length; p++) {
      const g = parts.group[p]!;
      const lo = parts.bounds[p]!;
      const hi = parts.bounds[p + 1]!;
      if (g < 0) y.fill(Number.NaN, lo, hi);
      else scaleRange(x, y, lo, hi, f * groups + g, stats);
    }
    return y;
  });
}

/** Row ranges of the table and the stats group of each (-1: none). */
function rowGroups(stats: ScalingStats, options: ApplyScalingOptions): { bounds: Int32Array; group: Int32Array } {
  const rows = options.columns[0]?.length ?? 0;
  if (stats.tickers === null) return { bounds: Int32Array.of(0, rows), group: Int32Array.of(0) };
  const { tickers, offsets } = options;
  if (!tickers || !offsets || offsets.length !== tickers.length + 1) throw new RangeError('per-ticker scaling needs tickers and offsets (length tickers + 1)');
  const index = new Map(stats.tickers.map((t, g) => [t, g]));
  return { bounds: offsets, group: Int32Array.from(tickers, (t) => index.get(t) ?? -1) };
}

function scaleRange(x: FloatArray, y: FloatArray, lo: number, hi: number, i: number, stats: ScalingStats): void {
  const rule = stats.rule[i]!;
  if (rule === SCALE_RULE.unfitted) {
    y.fill(Number.NaN, lo, hi);
    return;
  }
  if (rule === SCALE_RULE.constant) {
    for (let row = lo; row < hi; row++) y[row] = x[row]! !== x[row]! ? Number.NaN : 0;
    return;
  }
  const center = stats.center[i]!;
  const scale = stats.scale[i]!;
  const clip = stats.clip;
  if (clip === null) {
    for (let row = lo; row < hi; row++) y[row] = (x[row]! - center) / scale;
    return;
  }
  const floor = -clip;
  for (let row = lo; row < hi; row++) y[row] = Math.min(Math.max((x[row]! - center) / scale, floor), clip);
}
