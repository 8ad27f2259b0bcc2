/**
 * Momentum of one price series (close-only):
 * 1. `rsi` (Wilder), `cmo` (Chande, plain sums as TTR), `roc`, `momentum`, `trix`.
 * 2. `macd` (EMA difference or percent), `apo` and `ppo` (TA-Lib's default SMA form).
 * 3. `balanceOfPower` (needs open, high and low).
 * A ratio whose denominator is zero is NaN, never ±Infinity.
 */
import { ema, sma } from './moving-averages.js';
import { nanArray } from './nan-array.js';
import { rollingSum } from './rolling-sum.js';

/** Up and down moves: u_t = max(x_t − x_{t−1}, 0), d_t = max(x_{t−1} − x_t, 0); NaN on the first row. */
export function upDownMoves(x: Float64Array): { up: Float64Array; down: Float64Array } {
  const up = nanArray(x.length);
  const down = nanArray(x.length);
  for (let t = 1; t < x.length; t++) {
    const change = x[t]! - x[t - 1]!;
    up[t] = change > 0 ? change : change === change ? 0 : Number.NaN;
    down[t] = change < 0 ? -change : change === change ? 0 : Number.NaN;
  }
  return { up, down };
}

/**
 * Wilder's RSI: 100·U/(U+D) with U, D Wilder averages of the up and down moves, seeded with their mean
 * over moves 1..n (TTR `RSI`). One pass; the arithmetic is `wilderAverage`'s, step for step.
 */
export function rsi(x: Float64Array, n: number): Float64Array {
  const out = nanArray(x.length);
  const alpha = 1 / n;
  const beta = 1 - alpha;
  let count = 0;
  let u = 0;
  let d = 0;
  for (let t = 1; t < x.length; t++) {
    const change = x[t]! - x[t - 1]!;
    if (!Number.isFinite(change)) {
      // A gap: like wilderAverage, skip the move (NaN on its row) and keep the state.
      continue;
    }
    const up = change > 0 ? change : 0;
    const down = change < 0 ? -change : 0;
    if (count < n) {
      u += up / n;
      d += down / n;
      if (++count < n) continue;
    } else {
      u = up * alpha + u * beta;
      d = down * alpha + d * beta;
    }
    const total = u + d;
    out[t] = total === 0 ? Number.NaN : (100 * u) / total;
  }
  return out;
}

/** Chande momentum oscillator: 100·(ΣU − ΣD)/(ΣU + ΣD) over the last n moves (TTR `CMO`). */
export function cmo(x: Float64Array, n: number): Float64Array {
  const { up, down } = upDownMoves(x);
  const u = rollingSum(up, n);
  const d = rollingSum(down, n);
  const out = nanArray(x.length);
  for (let t = 0; t < x.length; t++) {
    const total = u[t]! + d[t]!;
    out[t] = total === 0 ? Number.NaN : (100 * (u[t]! - d[t]!)) / total;
  }
  return out;
}

/** Rate of change in percent: 100·(x_t/x_{t−n} − 1) (TA-Lib `ROC`; TTR's discrete ROC is this / 100). */
export function roc(x: Float64Array, n: number): Float64Array {
  const out = nanArray(x.length);
  for (let t = n; t < x.length; t++) {
    const base = x[t - n]!;
    out[t] = base === 0 ? Number.NaN : 100 * (x[t]! / base - 1);
  }
  return out;
}

/** x_t − x_{t−n} (TTR `momentum`, TA-Lib `MOM`). */
export function momentum(x: Float64Array, n: number): Float64Array {
  const out = nanArray(x.length);
  for (let t = n; t < x.length; t++) out[t] = x[t]! - x[t - n]!;
  return out;
}

/** TRIX: 100·(E3_t/E3_{t−1} − 1), E3 = EMA(EMA(EMA(x))) (TTR `TRIX(percent = TRUE)`, TA-Lib `TRIX`). */
export function trix(x: Float64Array, n: number): Float64Array {
  const e3 = ema(ema(ema(x, n), n), n);
  const out = nanArray(x.length);
  for (let t = 1; t < x.length; t++) {
    const previous = e3[t - 1]!;
    out[t] = previous === 0 ? Number.NaN : 100 * (e3[t]! / previous - 1);
  }
  return out;
}

/** MACD line, its signal line (EMA of the line) and the histogram (line − signal). */
export interface Macd {
  line: Float64Array;
  signal: Float64Array;
  histogram: Float64Array;
}

/**
 * MACD from TTR-seeded EMAs (each seeded on its own first values). `difference`: EMA_fast − EMA_slow
 * (TA-Lib / Appel); `percent`: 100·(EMA_fast/EMA_slow − 1), TTR's default.
 */
export function macd(x: Float64Array, fast: number, slow: number, signal: number, form: 'difference' | 'percent' = 'difference'): Macd {
  const f = ema(x, fast);
  const s = ema(x, slow);
  const line = nanArray(x.length);
  for (let t = 0; t < x.length; t++) {
    line[t] = form === 'difference' ? f[t]! - s[t]! : s[t] === 0 ? Number.NaN : 100 * (f[t]! / s[t]! - 1);
  }
  const signalLine = ema(line, signal);
  const histogram = nanArray(x.length);
  for (let t = 0; t < x.length; t++) histogram[t] = line[t]! - signalLine[t]!;
  return { line, signal: signalLine, histogram };
}

/** Absolute price oscillator: SMA_fast − SMA_slow (TA-Lib `APO` with its default MA type, SMA). */
export function apo(x: Float64Array, fast: number, slow: number): Float64Array {
  const f = sma(x, fast);
  const s = sma(x, slow);
  for (let t = 0; t < x.length; t++) f[t] = f[t]! - s[t]!;
  return f;
}

/** Percentage price oscillator: 100·(SMA_fast − SMA_slow)/SMA_slow (TA-Lib `PPO`, default MA type SMA). */
export function ppo(x: Float64Array, fast: number, slow: number): Float64Array {
  const f = sma(x, fast);
  const s = sma(x, slow);
  for (let t = 0; t < x.length; t++) f[t] = s[t] === 0 ? Number.NaN : ((f[t]! - s[t]!) / s[t]!) * 100;
  return f;
}

/** Balance of power: (C − O)/(H − L), 0 when H = L (TA-Lib `BOP`). */
export function balanceOfPower(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const out = nanArray(close.length);
  for (let t = 0; t < close.length; t++) {
    const range = high[t]! - low[t]!;
    out[t] = range > 0 ? (close[t]! - open[t]!) / range : range === 0 ? 0 : Number.NaN;
  }
  return out;
}
