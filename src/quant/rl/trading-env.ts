/**
 * A batch of long-only trading environments stepped together on flat typed arrays: `step`
 * allocates nothing and looks up no name (only an episode's end builds its result), and
 * `observe` copies each window with one memcpy (see copyFeatureRows). Each env runs
 * episodes of one ticker over consecutive bars of one segment. Implements `VectorEnv`.
 *
 * 1. `TradingEnv.training` draws episodes of `episodeSteps` steps from the train segment
 *    (seeded, per env) and starts a new one as soon as one ends; `TradingEnv.evaluation`
 *    runs one env per ticker (per run of the segment, should a ticker have several) over the
 *    whole val or test range once, deterministically, and then marks it finished;
 * 2. `observe(into)` writes [count, observationSize] (layout in env-observation.ts) and
 *    `actionMask(into)` [count, 9] feasible actions;
 * 3. `step(actions)`: env i at bar t fills its action at bar t + 1's open (its close when
 *    the open is missing, counted and flagged), marks equity at t + 1's close and earns the
 *    reward of env-return-state.ts; `rewards`, `dones`, `truncated` and `trace` say what
 *    happened;
 * 4. at an episode's last bar (after liquidating, if configured) the episode is cut by its
 *    time limit: truncated = 1 (dones stays 0: no state of this env is terminal, so an
 *    agent bootstraps from V(finalObservations)); the last observation goes to
 *    `finalObservations`, an `EpisodeResult` is queued for `drainEpisodes()`, and the env
 *    starts its next episode (training) or stops (evaluation).
 */
import type { SegmentName } from '../splits/split-plan.js';
import { ACTION_COUNT, isAction } from './env-actions.js';
import { resolveEnvConfig, type EnvConfig } from './env-config.js';
import { EnvEpisodeLog, type EpisodeResult } from './env-episode-log.js';
import { evaluationSource, trainingSource, type EpisodeSource } from './env-episode-source.js';
import { ensureEnvMarket, type EnvMarket } from './env-market.js';
import { copyFeatureRows, observationSize, windowRows, writePortfolioState, type PortfolioStateSources } from './env-observation.js';
import { EnvPortfolio, FILL } from './env-portfolio.js';
import { EnvReturnState } from './env-return-state.js';
import { EnvStepTrace } from './env-step-trace.js';
import { episodeStats } from './episode-stats.js';
import type { VectorEnv } from './vector-env.js';

/** Options of `TradingEnv.training`. */
export interface TrainingEnvOptions {
  market: EnvMarket;
  /** Envs in the batch (integer >= 1). */
  envs: number;
  /** Seed of the episode draws; env i draws from `RandomStream(seed, i)`. */
  seed: number;
  config?: Partial<EnvConfig>;
}

/** Options of `TradingEnv.evaluation`. */
export interface EvaluationEnvOptions {
  market: EnvMarket;
  /** The segment to run over, start to end, once. */
  segment: SegmentName;
  config?: Partial<EnvConfig>;
}

/** A batch of trading envs; index i of every per-env array is env i. Arrays are read-only to callers. */
export class TradingEnv implements VectorEnv {
  readonly market: EnvMarket;
  readonly config: Readonly<EnvConfig>;
  /** Envs in the batch. */
  readonly count: number;
  /** Values per env observation: window rows x featureCount + 15. */
  readonly observationSize: number;
  readonly actionCount = ACTION_COUNT;
  /** Segment code episodes run in: 0 train, 1 val, 2 test. */
  readonly segment: number;
  /** Evaluation: tickers with rows in the segment but too few usable ones for a single step. */
  readonly skippedTickers: readonly number[];
  /** Reward of the last step (0 for an env that did not step). */
  readonly rewards: Float32Array;
  /** 1 when the last step reached a true terminal state: never, in this env (kept for `VectorEnv`). */
  readonly dones: Uint8Array;
  /** 1 when the last step ended env i's episode at its last bar (a time limit). */
  readonly truncated: Uint8Array;
  /** For envs whose episode ended at the last step: the observation of the last bar, before the reset. */
  readonly finalObservations: Float32Array;
  /** What each env did in the last step. */
  readonly trace: EnvStepTrace;
  /** Cash, shares, equity and counters of the current episodes. */
  readonly portfolio: EnvPortfolio;
  /** Path state (drawdown, differential Sharpe moments, rolling averages). */
  readonly returns: EnvReturnState;
  /** Current bar (a market row). */
  readonly row: Int32Array;
  /** First bar of the current episode (a market row). */
  readonly startRow: Int32Array;
  /** Last bar of the current episode (a market row, inclusive). */
  readonly endRow: Int32Array;
  /** Ticker of the current episode. */
  readonly ticker: Int32Array;
  /** 1 while env i runs; evaluation envs drop to 0 after their episode. */
  readonly active: Uint8Array;
  /** Fills made at a close because the open was missing, this episode. */
  readonly fallbackFills: Int32Array;
  private readonly episodeReward: Float64Array;
  private readonly liquidated: Uint8Array;
  private readonly windowRows: number;
  private readonly log: EnvEpisodeLog;
  private readonly state: PortfolioStateSources;
  private readonly source: EpisodeSource;
  private readonly draw = new Int32Array(2);
  private finished: EpisodeResult[] = [];

  /** A batch of `envs` envs drawing training episodes from the train segment. */
  static training(options: TrainingEnvOptions): TradingEnv {
    if (!Number.isInteger(options.envs) || options.envs < 1) throw new RangeError(`envs must be an integer >= 1, got ${options.envs}`);
    const market = ensureEnvMarket(options.market);
    const config = resolveEnvConfig(options.config);
    return new TradingEnv(market, config, options.envs, trainingSource(market, config, options.seed, options.envs));
  }

  /** One env per ticker (per run of `segment`), each over its whole range once. */
  static evaluation(options: EvaluationEnvOptions): TradingEnv {
    const market = ensureEnvMarket(options.market);
    const config = resolveEnvConfig(options.config);
    const source = evaluationSource(market, config, options.segment);
    return new TradingEnv(market, config, source.runs.length, source);
  }

  private constructor(market: EnvMarket, config: EnvConfig, count: number, source: EpisodeSource) {
    this.market = market;
    this.config = Object.freeze(config);
    this.count = count;
    this.source = source;
    this.segment = source.segment;
    this.skippedTickers = source.skippedTickers;
    this.windowRows = windowRows(config);
    this.observationSize = observationSize(market.featureCount, config);
    this.rewards = new Float32Array(count);
    this.dones = new Uint8Array(count);
    this.truncated = new Uint8Array(count);
    this.finalObservations = new Float32Array(count * this.observationSize);
    this.trace = new EnvStepTrace(count);
    this.portfolio = new EnvPortfolio(count, config.commissionBps, config.slippageBps);
    this.returns = new EnvReturnState(count, config);
    this.row = new Int32Array(count);
    this.startRow = new Int32Array(count);
    this.endRow = new Int32Array(count);
    this.ticker = new Int32Array(count);
    this.fallbackFills = new Int32Array(count);
    this.active = new Uint8Array(count).fill(1);
    this.episodeReward = new Float64Array(count);
    this.liquidated = new Uint8Array(count);
    this.log = new EnvEpisodeLog(count, source.maxSteps);
    this.state = { portfolio: this.portfolio, returns: this.returns, initialCash: config.initialCash, barScale: config.barScale };
    for (let i = 0; i < count; i++) this.beginEpisode(i);
  }

  /** An evaluation batch over `segment` of this env's market, with its config. */
  evaluationBatch(segment: SegmentName): TradingEnv {
    return TradingEnv.evaluation({ market: this.market, segment, config: this.config });
  }

  /** Whether every env has finished its episode (evaluation); always false when training. */
  get done(): boolean {
    return this.active.indexOf(1) < 0;
  }

  /** Writes every env's observation at its current bar into `into` ([count, observationSize]). */
  observe(into: Float32Array): void {
    if (into.length < this.count * this.observationSize) throw new RangeError(`observe: need ${this.count} x ${this.observationSize} values, got ${into.length}`);
    for (let i = 0; i < this.count; i++) this.writeObservation(i, into, i * this.observationSize);
  }

  /** Writes [count, 9]: 1 where feasible (hold always; buys with cash > 0; sells with shares > 0; only hold once finished). */
  actionMask(into: Uint8Array): void {
    if (into.length < this.count * ACTION_COUNT) throw new RangeError(`actionMask: need ${this.count} x ${ACTION_COUNT} values, got ${into.length}`);
    const { cash, shares } = this.portfolio;
    for (let i = 0; i < this.count; i++) {
      const at = i * ACTION_COUNT;
      const live = this.active[i] === 1;
      const buy = live && cash[i]! > 0 ? 1 : 0;
      const sell = live && shares[i]! > 0 ? 1 : 0;
      into[at] = 1;
      for (let a = 1; a <= 4; a++) into[at + a] = buy;
      for (let a = 5; a <= 8; a++) into[at + a] = sell;
    }
  }

  /** Steps every active env with its action (an integer 0..8); see the module notes for what it writes. */
  step(actions: ArrayLike<number>): void {
    if (actions.length < this.count) throw new RangeError(`step: need ${this.count} actions, got ${actions.length}`);
    for (let i = 0; i < this.count; i++) {
      this.dones[i] = 0;
      this.truncated[i] = 0;
      if (this.active[i] === 0) {
        this.rewards[i] = 0;
        this.trace.stepped[i] = 0;
        continue;
      }
      const action = actions[i]!;
      if (!isAction(action)) throw new RangeError(`step: env ${i} got action ${action}; actions are integers 0..8`);
      this.advance(i, action);
    }
  }

  /** The episodes that ended since the last call, in the order they ended. */
  drainEpisodes(): EpisodeResult[] {
    const out = this.finished;
    this.finished = [];
    return out;
  }

  private advance(i: number, action: number): void {
    const { open, close } = this.market;
    const p = this.portfolio;
    const next = this.row[i]! + 1;
    const bar = next - this.startRow[i]!;
    let price = open[next]!;
    const fallback = price !== price;
    if (fallback) price = close[next]!;
    const outcome = p.execute(i, action, price);
    if (outcome === FILL.traded) {
      if (fallback) this.fallbackFills[i] = this.fallbackFills[i]! + 1;
      this.log.recordTrade(i, bar, p.lastShares[i]!, p.lastCashFlow[i]!, p.shares[i]!);
    }
    const before = p.equity[i]!;
    let equity = p.mark(i, close[next]!);
    const last = next === this.endRow[i];
    if (last && this.config.liquidateAtEnd && p.shares[i]! > 0) equity = this.liquidate(i, bar, close[next]!);
    p.endBar(i, action, outcome);
    const reward = this.returns.reward(i, before, equity);
    this.rewards[i] = reward;
    this.episodeReward[i] = this.episodeReward[i]! + reward;
    this.row[i] = next;
    this.log.recordEquity(i, bar, equity);
    this.writeTrace(i, next, action, outcome, fallback && outcome === FILL.traded, equity);
    if (last) this.endEpisode(i);
  }

  private liquidate(i: number, bar: number, price: number): number {
    const p = this.portfolio;
    p.liquidate(i, price);
    this.liquidated[i] = 1;
    this.log.recordTrade(i, bar, p.lastShares[i]!, p.lastCashFlow[i]!, 0);
    return p.equity[i]!;
  }

  private writeTrace(i: number, row: number, action: number, outcome: number, fallback: boolean, equity: number): void {
    const t = this.trace;
    t.stepped[i] = 1;
    t.ticker[i] = this.ticker[i]!;
    t.row[i] = row;
    t.date[i] = this.market.dates[row]!;
    t.action[i] = action;
    t.outcome[i] = outcome;
    t.fallback[i] = fallback ? 1 : 0;
    t.positionFraction[i] = (this.portfolio.shares[i]! * this.market.close[row]!) / equity;
    t.equity[i] = equity;
  }

  private writeObservation(i: number, into: Float32Array, at: number): void {
    const row = this.row[i]!;
    const rows = this.windowRows;
    const fc = this.market.featureCount;
    copyFeatureRows(this.market.features, fc, row - rows + 1, rows, into, at);
    const remaining = (this.endRow[i]! - row) / (this.endRow[i]! - this.startRow[i]!);
    writePortfolioState(into, at + rows * fc, i, this.market.close[row]!, remaining, this.state);
  }

  private endEpisode(i: number): void {
    this.truncated[i] = 1;
    this.writeObservation(i, this.finalObservations, i * this.observationSize);
    this.finished.push(this.result(i));
    if (this.source.sampler) this.beginEpisode(i);
    else this.active[i] = 0;
  }

  private result(i: number): EpisodeResult {
    const p = this.portfolio;
    const startRow = this.startRow[i]!;
    const endRow = this.endRow[i]!;
    const steps = endRow - startRow;
    const { equity, trades } = this.log.snapshot(i, steps);
    return {
      env: i,
      ticker: this.ticker[i]!,
      segment: this.segment,
      startRow,
      endRow,
      startDate: this.market.dates[startRow]!,
      endDate: this.market.dates[endRow]!,
      steps,
      equity,
      trades,
      stats: episodeStats(equity, trades),
      totalReward: this.episodeReward[i]!,
      costPaid: p.costPaid[i]!,
      infeasibleActions: p.infeasible[i]!,
      fallbackFills: this.fallbackFills[i]!,
      liquidated: this.liquidated[i] === 1,
    };
  }

  private beginEpisode(i: number): void {
    const { sampler, runs } = this.source;
    if (sampler) {
      sampler.sample(i, this.draw);
      this.ticker[i] = this.draw[0]!;
      this.startRow[i] = this.draw[1]!;
      this.endRow[i] = this.draw[1]! + this.config.episodeSteps;
    } else {
      const run = runs[i]!;
      this.ticker[i] = run.ticker;
      this.startRow[i] = run.first;
      this.endRow[i] = run.last;
    }
    this.row[i] = this.startRow[i]!;
    this.portfolio.reset(i, this.config.initialCash);
    this.returns.reset(i, this.config.initialCash);
    this.log.begin(i, this.config.initialCash);
    this.fallbackFills[i] = 0;
    this.liquidated[i] = 0;
    this.episodeReward[i] = 0;
  }
}
