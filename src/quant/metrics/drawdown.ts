/**
 * Drawdowns of an equity path W_0 .. W_T (the start value included):
 * 1. `drawdownSeries`: 1 - W_t / max_{s<=t} W_s at every bar, for charts;
 * 2. `drawdownStats`: in one pass, the largest drawdown with its peak, trough and recovery
 *    bars, the longest drawdown that recovered, and the drawdown still open at the end.
 * A drawdown starts at a peak and recovers at the first later bar with W_t >= that peak; its
 * duration is recovery bar - peak bar. Drawdowns are positive fractions of the peak: in
 * [0, 1) while equity stays positive, 1 when it reaches 0, above 1 if it goes negative.
 */
import { MetricsInputError, requireFinite } from './metrics-input-error.js';

/** What `drawdownStats` reports; durations and indices are in bars of the equity path. */
export interface DrawdownStats {
  /** Largest 1 - W_t / peak_t; 0 when equity never falls below a running peak. */
  maxDrawdown: number;
  /** Longest RECOVERED drawdown, peak bar to recovery bar; 0 when none recovered. */
  maxDrawdownDuration: number;
  /** Drawdown at the last bar (0 when it is at a peak). */
  openDrawdown: number;
  /** Bars since the last peak when the path ends in a drawdown, else 0. */
  openDrawdownDuration: number;
  /** Bar of the peak the max drawdown fell from; -1 when there is no drawdown. */
  peakIndex: number;
  /** Bar of the max drawdown's trough; -1 when there is no drawdown. */
  troughIndex: number;
  /** First bar back at or above the max drawdown's peak; -1 when none or not recovered. */
  recoveryIndex: number;
}

/** Throws unless `equity` is non-empty, finite and starts above 0 (the first peak). */
function checkEquity(equity: Float64Array, where: string): void {
  if (equity.length === 0) {
    throw new MetricsInputError({ where, expected: 'an equity path with at least its start value', found: 'an empty array', hint: 'pass W_0 .. W_T, the start value included' });
  }
  requireFinite(equity, where, 'equity');
  if (!(equity[0]! > 0)) {
    throw new MetricsInputError({ where, expected: 'a start value W_0 > 0', found: String(equity[0]), hint: 'drawdowns are fractions of a peak; start the path at the capital (or at 1)' });
  }
}

/** 1 - W_t / max_{s<=t} W_s for every bar t of `equity` (W_0 .. W_T). */
export function drawdownSeries(equity: Float64Array): Float64Array {
  checkEquity(equity, 'drawdownSeries');
  const out = new Float64Array(equity.length);
  let peak = equity[0]!;
  for (let t = 1; t < equity.length; t++) {
    const w = equity[t]!;
    if (w >= peak) peak = w;
    else out[t] = 1 - w / peak;
  }
  return out;
}

/** Largest, longest recovered and open drawdown of `equity` (W_0 .. W_T, W_0 > 0). */
export function drawdownStats(equity: Float64Array): DrawdownStats {
  checkEquity(equity, 'drawdownStats');
  let peak = equity[0]!;
  let peakAt = 0;
  let maxDrawdown = 0;
  let peakIndex = -1;
  let troughIndex = -1;
  let recoveryIndex = -1;
  let maxDrawdownDuration = 0;
  for (let t = 1; t < equity.length; t++) {
    const w = equity[t]!;
    if (w >= peak) {
      // Every bar strictly between peakAt and t was below the peak (else it would be the
      // peak), so a gap of more than one bar is a drawdown that recovers here.
      if (t - peakAt > 1) {
        maxDrawdownDuration = Math.max(maxDrawdownDuration, t - peakAt);
        if (peakAt === peakIndex) recoveryIndex = t;
      }
      peak = w;
      peakAt = t;
      continue;
    }
    const dd = 1 - w / peak;
    if (dd > maxDrawdown) {
      maxDrawdown = dd;
      peakIndex = peakAt;
      troughIndex = t;
      recoveryIndex = -1; // a deeper drawdown from a later peak has not recovered yet
    }
  }
  const last = equity.length - 1;
  const open = peakAt < last;
  return {
    maxDrawdown,
    maxDrawdownDuration,
    openDrawdown: open ? 1 - equity[last]! / peak : 0,
    openDrawdownDuration: open ? last - peakAt : 0,
    peakIndex,
    troughIndex,
    recoveryIndex,
  };
}
