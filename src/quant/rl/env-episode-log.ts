/**
 * The per-bar equity and the fills of each env's current episode, in preallocated typed
 * arrays (`envs x (maxSteps + 1)`), so the step loop only stores numbers; the episode's
 * `EpisodeResult`, with its statistics, is built from them when it ends (allocation there is
 * rare and fine).
 */
import type { EpisodeStats, EpisodeTrades } from './episode-stats.js';

/** One finished episode. */
export interface EpisodeResult {
  /** Env index in its batch. */
  env: number;
  /** Ticker index in the market. */
  ticker: number;
  /** Segment code: 0 train, 1 val, 2 test. */
  segment: number;
  /** First bar (a market row). */
  startRow: number;
  /** Last bar (a market row, inclusive). */
  endRow: number;
  /** Date of the first bar, days since 1970-01-01. */
  startDate: number;
  /** Date of the last bar. */
  endDate: number;
  /** Steps taken: endRow - startRow. */
  steps: number;
  /** Equity at the close of every bar, startRow .. endRow (steps + 1 values; the first is the initial cash). */
  equity: Float64Array;
  /** Fills in order, the end-of-episode liquidation included. */
  trades: EpisodeTrades;
  /** `episodeStats(equity, trades)`. */
  stats: EpisodeStats;
  /** Sum of the step rewards. */
  totalReward: number;
  /** Commission and slippage paid. */
  costPaid: number;
  /** Actions that were no-ops because infeasible (a buy with no cash, a sell with no shares). */
  infeasibleActions: number;
  /** Fills made at the next bar's close because its open was missing. */
  fallbackFills: number;
  /** Whether a position was sold at the last close because `liquidateAtEnd` is set. */
  liquidated: boolean;
}

/** Equity series and fills of the current episode of each of `envs` envs. */
export class EnvEpisodeLog {
  private readonly stride: number;
  private readonly equity: Float64Array;
  private readonly tradeBar: Int32Array;
  private readonly tradeShares: Float64Array;
  private readonly tradeCashFlow: Float64Array;
  private readonly tradePosition: Float64Array;
  private readonly tradeCount: Int32Array;

  /** Room for `maxSteps` steps per episode (a step fills at most once, plus one liquidation). */
  constructor(envs: number, maxSteps: number) {
    this.stride = maxSteps + 1;
    const size = envs * this.stride;
    this.equity = new Float64Array(size);
    this.tradeBar = new Int32Array(size);
    this.tradeShares = new Float64Array(size);
    this.tradeCashFlow = new Float64Array(size);
    this.tradePosition = new Float64Array(size);
    this.tradeCount = new Int32Array(envs);
  }

  /** Starts env i's episode with equity `initial` at bar 0. */
  begin(i: number, initial: number): void {
    this.equity[i * this.stride] = initial;
    this.tradeCount[i] = 0;
  }

  /** Equity of env i at the close of `bar` (1 .. steps). */
  recordEquity(i: number, bar: number, equity: number): void {
    this.equity[i * this.stride + bar] = equity;
  }

  /** A fill of env i at `bar`: signed shares, signed cash flow, shares held after. */
  recordTrade(i: number, bar: number, shares: number, cashFlow: number, position: number): void {
    const k = i * this.stride + this.tradeCount[i]!;
    this.tradeBar[k] = bar;
    this.tradeShares[k] = shares;
    this.tradeCashFlow[k] = cashFlow;
    this.tradePosition[k] = position;
    this.tradeCount[i] = this.tradeCount[i]! + 1;
  }

  /**
   * Copies of env i's equity at bars 0 .. steps and of its fills, all views of one new
   * Float64Array: one backing store per episode rather than five, which is most of what
   * ending an episode costs.
   */
  snapshot(i: number, steps: number): { equity: Float64Array; trades: EpisodeTrades } {
    const base = i * this.stride;
    const n = this.tradeCount[i]!;
    const out = new Float64Array(steps + 1 + 4 * n);
    out.set(this.equity.subarray(base, base + steps + 1));
    const columns = [this.tradeBar, this.tradeShares, this.tradeCashFlow, this.tradePosition].map((column, c) => {
      const at = steps + 1 + c * n;
      out.set(column.subarray(base, base + n), at);
      return out.subarray(at, at + n);
    });
    const [bar, shares, cashFlow, positionAfter] = columns as [Float64Array, Float64Array, Float64Array, Float64Array];
    return { equity: out.subarray(0, steps + 1), trades: { bar, shares, cashFlow, positionAfter } };
  }
}
