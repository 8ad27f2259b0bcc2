/**
 * What the envs remember about their equity's path, and the reward it yields per step:
 *
 * 1. the step's net return R = E_{t+1} / E_t - 1 (costs are already out of E_{t+1});
 * 2. reward = log(E_{t+1} / E_t)
 *            + dsrWeight * D_t(R)                       (differential-sharpe.ts, moments A, B)
 *            - drawdownWeight * max(0, DD_{t+1} - DD_t) (DD = 1 - E / running peak, E_0 a peak)
 *            + consistencyWeight * min(run, cap) / cap  when R > 0, run = consecutive steps
 *                                                       with R > 0 including this one; else 0;
 * 3. exponential averages of R and R^2 (alpha = 2 / (rollingSpan + 1)) for the rolling
 *    return and volatility the observation shows.
 * A step that leaves equity unchanged (holding cash) earns exactly 0.
 */
import { differentialSharpe, nextMomentA, nextMomentB } from './differential-sharpe.js';
import type { EnvConfig } from './env-config.js';

type RewardConfig = Pick<EnvConfig, 'dsrEta' | 'dsrMinVariance' | 'dsrWeight' | 'drawdownWeight' | 'consistencyWeight' | 'consistencyCap' | 'rollingSpan'>;

/** Per-env path state; index i is env i. */
export class EnvReturnState {
  /** Highest equity so far this episode, the initial equity included. */
  readonly peak: Float64Array;
  /** 1 - equity / peak at the last mark. */
  readonly drawdown: Float64Array;
  /** Largest drawdown so far this episode. */
  readonly maxDrawdown: Float64Array;
  /** Differential Sharpe first moment A. */
  readonly dsrA: Float64Array;
  /** Differential Sharpe second moment B. */
  readonly dsrB: Float64Array;
  /** Exponential average of R. */
  readonly rollingMean: Float64Array;
  /** Exponential average of R^2. */
  readonly rollingSquare: Float64Array;
  /** Consecutive steps with R > 0, up to and including the last. */
  readonly positiveRun: Int32Array;
  private readonly alpha: number;

  constructor(envs: number, private readonly config: RewardConfig) {
    const f64 = (): Float64Array => new Float64Array(envs);
    this.peak = f64();
    this.drawdown = f64();
    this.maxDrawdown = f64();
    this.dsrA = f64();
    this.dsrB = f64();
    this.rollingMean = f64();
    this.rollingSquare = f64();
    this.positiveRun = new Int32Array(envs);
    this.alpha = 2 / (config.rollingSpan + 1);
  }

  /** Starts env i's path at `equity`. */
  reset(i: number, equity: number): void {
    this.peak[i] = equity;
    this.drawdown[i] = this.maxDrawdown[i] = 0;
    this.dsrA[i] = this.dsrB[i] = 0;
    this.rollingMean[i] = this.rollingSquare[i] = 0;
    this.positiveRun[i] = 0;
  }

  /** Advances env i from equity `before` to `after` and returns the step's reward. */
  reward(i: number, before: number, after: number): number {
    const c = this.config;
    const growth = after / before;
    const r = growth - 1;
    const a = this.dsrA[i]!;
    const b = this.dsrB[i]!;
    const sharpe = differentialSharpe(a, b, r, c.dsrEta, c.dsrMinVariance);
    this.dsrA[i] = nextMomentA(a, r, c.dsrEta);
    this.dsrB[i] = nextMomentB(b, r, c.dsrEta);
    this.rollingMean[i] = this.rollingMean[i]! + this.alpha * (r - this.rollingMean[i]!);
    this.rollingSquare[i] = this.rollingSquare[i]! + this.alpha * (r * r - this.rollingSquare[i]!);
    const deepening = this.updateDrawdown(i, after);
    const run = r > 0 ? this.positiveRun[i]! + 1 : 0;
    this.positiveRun[i] = run;
    const bonus = run > 0 ? Math.min(run, c.consistencyCap) / c.consistencyCap : 0;
    return Math.log(growth) + c.dsrWeight * sharpe - c.drawdownWeight * deepening + c.consistencyWeight * bonus;
  }

  /** sqrt of the exponential variance of R, for the observation. */
  rollingVolatility(i: number): number {
    const mean = this.rollingMean[i]!;
    const variance = this.rollingSquare[i]! - mean * mean;
    return variance > 0 ? Math.sqrt(variance) : 0;
  }

  /** Updates peak and drawdowns; returns how much the drawdown grew (>= 0). */
  private updateDrawdown(i: number, equity: number): number {
    let peak = this.peak[i]!;
    if (equity > peak) this.peak[i] = peak = equity;
    const drawdown = 1 - equity / peak;
    const growth = drawdown - this.drawdown[i]!;
    this.drawdown[i] = drawdown;
    if (drawdown > this.maxDrawdown[i]!) this.maxDrawdown[i] = drawdown;
    return growth > 0 ? growth : 0;
  }
}
