/**
 * What train-ppo and train-dqn share around their trainers:
 * 1. `prepareRl`: the compute backend, the market (`env-market-input.ts`), the env config
 *    from the snake_case params, and the seeded training env;
 * 2. `RlHistory`: one JSON line per update (or log) in the scratch dir's learning curve,
 *    TensorBoard scalars, and the progress line (frames, frames/s, mean episode return);
 * 3. `RlCheckpoints`: every `checkpoint_interval` frames the trainer's state, the learning
 *    curve and the training env's action log (`replayable-env.ts`) go to the scratch dir; a
 *    re-run after an interruption replays the env, restores the trainer and continues, and
 *    ends with the weights of an uninterrupted run;
 * 4. `writeRlOutputs`: the greedy evaluation on val and test (`rl-evaluation.ts`) into
 *    `actions`, the `policy` model (config, weight names and shapes, weights in the tfjs
 *    weights-manifest layout) and the `history`.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { StageContext } from '../src/engine/contract.js';
import { TensorBoardWriter } from '../src/io/tensorboard-events.js';
import { resolveEnvConfig, type EnvConfig } from '../src/quant/rl/env-config.js';
import { TradingEnv } from '../src/quant/rl/trading-env.js';
import { startBackend, type BackendParams } from './compute-backend.js';
import { loadEnvMarket } from './env-market-input.js';
import { ReplayableEnv } from './replayable-env.js';
import { readRlCheckpoint, writeRlCheckpoint } from './rl-checkpoint.js';
import { evaluatePolicy, type GreedyPolicy } from './rl-evaluation.js';
import { afterEpoch } from './test-stage-hooks.js';
import { weightFields } from './model-weights.js';

/** Params both RL stages have: the budget, the backend and the environment. */
export interface RlParams extends BackendParams {
  total_steps: number;
  envs: number;
  seed?: number;
  checkpoint_interval: number;
  hidden: number[];
  learning_rate: number;
  lookback: number;
  observation: 'window' | 'last-row';
  episode_steps: number;
  initial_cash: number;
  commission_bps: number;
  slippage_bps: number;
  liquidate_at_end: boolean;
  dsr_weight: number;
  drawdown_weight: number;
  consistency_weight: number;
}

/** The env config the params give (every other field at its default). */
export function envConfigOf(p: RlParams): EnvConfig {
  return resolveEnvConfig({
    lookback: p.lookback,
    observation: p.observation,
    episodeSteps: p.episode_steps,
    initialCash: p.initial_cash,
    commissionBps: p.commission_bps,
    slippageBps: p.slippage_bps,
    liquidateAtEnd: p.liquidate_at_end,
    dsrWeight: p.dsr_weight,
    drawdownWeight: p.drawdown_weight,
    consistencyWeight: p.consistency_weight,
  });
}

export async function prepareRl(ctx: StageContext, p: RlParams) {
  const tfjs = await startBackend(ctx, p);
  const input = await loadEnvMarket(ctx);
  const config = envConfigOf(p);
  const seed = p.seed ?? ctx.seed;
  const env = TradingEnv.training({ market: input.market, envs: p.envs, seed, config });
  const counts = [0, 1, 2].map((code) => input.market.segment.reduce((n, s) => n + (s === code ? 1 : 0), 0));
  ctx.log(`${input.tickers.length} tickers, ${input.featureNames.length} features; ${counts[0]} train, ${counts[1]} val, ${counts[2]} test rows; ${p.envs} envs, observations of ${env.observationSize} values`);
  if (!input.hasOpens) ctx.log('no `prices` input: the dataset has no opens, so every fill is at the next close (connect `in: { prices: <ingest>.prices }` for next-open fills)');
  return { tfjs, ...input, config, seed, env, trainEnv: new ReplayableEnv(env) };
}

/** What `prepareRl` sets up. */
export type RlSetup = Awaited<ReturnType<typeof prepareRl>>;

/** One point of the learning curve. */
export interface CurvePoint {
  steps: number;
  meanEpisodeReturn: number | null;
  framesPerSecond: number;
  [key: string]: unknown;
}

/** The learning curve: JSONL in the scratch dir, TensorBoard scalars, progress. */
export class RlHistory {
  readonly points: CurvePoint[] = [];
  private readonly file: string;
  private board: TensorBoardWriter | undefined;

  constructor(
    private readonly ctx: StageContext,
    private readonly totalSteps: number,
  ) {
    mkdirSync(ctx.scratchDir, { recursive: true });
    this.file = path.join(ctx.scratchDir, 'history.jsonl');
    writeFileSync(this.file, '');
  }

  /** The points of the interrupted run, after a resume. */
  restore(points: CurvePoint[]): void {
    this.points.push(...points);
    writeFileSync(this.file, points.map((p) => `${JSON.stringify(p)}\n`).join(''));
  }

  record(point: CurvePoint, scalars: Record<string, number | null>): void {
    this.points.push(point);
    appendFileSync(this.file, `${JSON.stringify(point)}\n`);
    this.board ??= new TensorBoardWriter(this.ctx.eventsDir);
    const finite = Object.entries(scalars).filter((e): e is [string, number] => e[1] !== null && Number.isFinite(e[1]));
    this.board.scalars(point.steps, Object.fromEntries(finite));
    const ret = point.meanEpisodeReturn === null ? '' : ` mean episode return ${point.meanEpisodeReturn.toFixed(4)}`;
    this.ctx.progress({ done: Math.min(point.steps, this.totalSteps), total: this.totalSteps, message: `${point.steps}/${this.totalSteps} frames ${Math.round(point.framesPerSecond)} frames/s${ret}` });
  }

  close(): void {
    this.board?.close();
  }
}

/** A trainer whose state can be saved and restored (PPO's or DQN's). */
interface Checkpointable {
  readonly steps: number;
  state(): unknown;
  restore(state: never): void;
}

interface SavedRun {
  trainer: unknown;
  actions: Uint8Array;
  curve: CurvePoint[];
  saves: number;
}

/** Saves the run every `checkpoint_interval` frames and resumes from the last save. */
export class RlCheckpoints {
  private readonly dir: string;
  private readonly fingerprint: string;
  private lastSaved = 0;
  private saves = 0;

  constructor(
    private readonly ctx: StageContext,
    private readonly setup: RlSetup,
    private readonly trainer: Checkpointable,
    private readonly history: RlHistory,
    private readonly interval: number,
  ) {
    this.dir = path.join(ctx.scratchDir, 'checkpoint');
    // The scratch dir belongs to the stage key (params, inputs, code); the backend is the one thing outside it.
    this.fingerprint = JSON.stringify({ backend: setup.tfjs.getBackend() });
  }

  /** Continues from the last checkpoint, when there is one. */
  resume(): void {
    const saved = readRlCheckpoint(this.dir, this.fingerprint) as SavedRun | undefined;
    if (!saved) return;
    this.setup.trainEnv.replay(saved.actions);
    (this.trainer.restore as (state: unknown) => void)(saved.trainer);
    this.history.restore(saved.curve);
    this.lastSaved = this.trainer.steps;
    this.saves = saved.saves;
    this.ctx.log(`resumed after ${this.trainer.steps} frames from the checkpoint in the scratch dir`);
  }

  /** Called after each update or log: saves when `interval` frames have passed since the last save. */
  maybeSave(): void {
    if (this.trainer.steps - this.lastSaved < this.interval) return;
    this.saves += 1;
    const value: SavedRun = { trainer: this.trainer.state(), actions: this.setup.trainEnv.actions(), curve: this.history.points, saves: this.saves };
    writeRlCheckpoint(this.dir, { fingerprint: this.fingerprint, sequence: this.saves, value });
    this.lastSaved = this.trainer.steps;
    // TRADELAB_TEST_FAIL=<id>:kill-after-epoch-<k> kills the stage after its k-th checkpoint.
    afterEpoch(this.ctx, this.saves);
  }
}

/** Evaluates the greedy policy, then writes `actions`, `model` and `history`. */
export async function writeRlOutputs(
  ctx: StageContext,
  setup: RlSetup,
  o: { kind: 'ppo' | 'dqn'; trainerConfig: unknown; weights: ReadonlyMap<string, tf.Variable>; policy: GreedyPolicy; history: RlHistory },
): Promise<void> {
  const evaluation = await evaluatePolicy(ctx, { market: setup.market, tickers: setup.tickers, config: setup.config, policy: o.policy });
  await ctx.output('model', {
    json: {
      format: 'tradelab-rl-policy',
      version: 1,
      kind: o.kind,
      config: o.trainerConfig,
      env: setup.config,
      features: setup.featureNames,
      observationSize: setup.env.observationSize,
      actionCount: setup.env.actionCount,
      ...weightFields(o.weights),
    },
  });
  await ctx.output('history', { json: { kind: o.kind, curve: o.history.points, evaluation } });
}

