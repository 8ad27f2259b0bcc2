/**
 * The Diebold–Mariano test of equal predictive accuracy (Diebold & Mariano 1995) with the
 * small-sample correction of Harvey, Leybourne & Newbold (1997, "Testing the equality of
 * prediction mean squared errors", IJF 13:281-291):
 * 1. the loss differential d_t = L(a_t) - L(b_t) and its mean d̄ over T periods;
 * 2. its long-run variance from the autocovariances γ_k = (1/T) Σ (d_t - d̄)(d_{t-k} - d̄)
 *    up to lag h - 1 (an h-step forecast error is MA(h - 1) under the null):
 *    V = (γ_0 + 2 Σ_{k=1}^{h-1} γ_k) / T;
 * 3. DM = d̄ / √V, scaled by HLN's factor √((T + 1 - 2h + h(h - 1)/T) / T);
 * 4. p-values from Student's t with T - 1 degrees of freedom.
 * Sign: statistic > 0 means a's loss is larger, i.e. b forecasts better.
 * Where V <= 0 with h > 1 (negative autocovariances), the test falls back to h = 1 as
 * R's forecast::dm.test does, and says so in `horizonUsed`. Where V = 0 with h = 1 (the
 * differential is constant, e.g. identical losses) the test is undefined: the statistic
 * is NaN and every p-value 1, so that nothing is ever declared significant on it.
 */
import { studentTCdf, studentTSf } from './student-t-distribution.js';
import { checkFiniteSeries } from './sample-moments.js';
import { StatisticsInputError } from './statistics-input-error.js';

/** The outcome of a Diebold–Mariano test. */
export interface DieboldMarianoResult {
  /** HLN-corrected statistic; > 0 when a's mean loss exceeds b's. NaN when undefined. */
  statistic: number;
  /** Two-sided p-value, H1: the mean losses differ. */
  pTwoSided: number;
  /** One-sided p-value, H1: E[d] > 0 (b is more accurate than a). */
  pGreater: number;
  /** One-sided p-value, H1: E[d] < 0 (a is more accurate than b). */
  pLess: number;
  /** Mean loss differential d̄ = mean(L(a) - L(b)). */
  meanDifferential: number;
  /** Number of periods T. */
  observations: number;
  /** The horizon asked for. */
  horizon: number;
  /** The horizon whose autocovariances were used: `horizon`, or 1 after the fallback. */
  horizonUsed: number;
  /** Degrees of freedom of the reference t distribution, T - 1. */
  dof: number;
}

/** Options of `dieboldMariano`. */
export interface DieboldMarianoOptions {
  /** Loss of forecast a at each period (e.g. squared error, or -return). */
  lossA: ArrayLike<number>;
  /** Loss of forecast b at the same periods. */
  lossB: ArrayLike<number>;
  /** Forecast horizon h >= 1; autocovariances up to lag h - 1 enter the variance. Default 1. */
  horizon?: number;
}

/** The Diebold–Mariano test with the HLN correction on two loss series. */
export function dieboldMariano({ lossA, lossB, horizon = 1 }: DieboldMarianoOptions): DieboldMarianoResult {
  checkFiniteSeries('dieboldMariano', 'lossA', lossA, 3);
  checkFiniteSeries('dieboldMariano', 'lossB', lossB, 3);
  const n = lossA.length;
  if (lossB.length !== n) {
    throw new StatisticsInputError({ where: 'dieboldMariano', expected: 'lossA and lossB of one length', found: `lengths ${n} and ${lossB.length}`, hint: 'align both loss series on the same periods' });
  }
  if (!Number.isSafeInteger(horizon) || horizon < 1 || horizon >= n) {
    throw new StatisticsInputError({ where: 'dieboldMariano', expected: `horizon an integer in [1, ${n - 1}]`, found: String(horizon), hint: 'use 1 for one-step-ahead forecasts' });
  }
  const d = new Float64Array(n);
  let sum = 0;
  for (let t = 0; t < n; t++) sum += d[t] = lossA[t]! - lossB[t]!;
  const mean = sum / n;
  for (let t = 0; t < n; t++) d[t]! -= mean;

  let horizonUsed = horizon;
  let variance = longRunVariance(d, horizon) / n;
  if (!(variance > 0) && horizon > 1) {
    horizonUsed = 1;
    variance = longRunVariance(d, 1) / n;
  }
  const dof = n - 1;
  const base = { meanDifferential: mean, observations: n, horizon, horizonUsed, dof };
  if (!(variance > 0)) return { statistic: NaN, pTwoSided: 1, pGreater: 1, pLess: 1, ...base };
  const h = horizonUsed;
  const correction = Math.sqrt((n + 1 - 2 * h + (h * (h - 1)) / n) / n);
  const statistic = (mean / Math.sqrt(variance)) * correction;
  const pGreater = studentTSf(statistic, dof);
  const pLess = studentTCdf(statistic, dof);
  return { statistic, pTwoSided: Math.min(1, 2 * Math.min(pGreater, pLess)), pGreater, pLess, ...base };
}

/** γ_0 + 2 Σ_{k=1}^{h-1} γ_k of a centered series, γ_k = (1/T) Σ_t d_t d_{t-k}. */
function longRunVariance(centered: Float64Array, horizon: number): number {
  const n = centered.length;
  let total = 0;
  for (let k = 0; k < horizon; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += centered[t]! * centered[t - k]!;
    total += (k === 0 ? 1 : 2) * (s / n);
  }
  return total;
}

/** Options of `dieboldMarianoReturns`. */
export interface DieboldMarianoReturnsOptions {
  /** Per-period returns of the model's strategy. */
  model: ArrayLike<number>;
  /** Per-period returns of the benchmark (e.g. buy-and-hold) over the same periods. */
  benchmark: ArrayLike<number>;
  /** Horizon h; default 1. */
  horizon?: number;
}

/**
 * Diebold–Mariano on two return streams with loss = -return. The differential is
 * d_t = r_model,t - r_benchmark,t, so statistic > 0 means the model's returns exceed the
 * benchmark's, and `pGreater` is the one-sided p-value for "the model earns more".
 */
export function dieboldMarianoReturns({ model, benchmark, horizon }: DieboldMarianoReturnsOptions): DieboldMarianoResult {
  checkFiniteSeries('dieboldMarianoReturns', 'model returns', model, 3);
  checkFiniteSeries('dieboldMarianoReturns', 'benchmark returns', benchmark, 3);
  // L(benchmark) - L(model) = -r_benchmark + r_model.
  const lossA = Float64Array.from(benchmark, (r) => -r);
  const lossB = Float64Array.from(model, (r) => -r);
  return dieboldMariano({ lossA, lossB, horizon });
}
