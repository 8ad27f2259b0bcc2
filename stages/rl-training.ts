/**
 * What train-ppo and train-dqn share around their trainers:
 * 1. `prepareRl`: the compute backend, the market (`env-market-input.ts`), the env config
 *    from the snake_case params, and the seeded training env;
 * 2. `RlHistory`: one JSON line per update (or log) in the scratch dir's learning curve,
 *    TensorBoard scalars, and the progress line (frames, frames/s, mean episode return);
 * 3. `writeRlOutputs`: the greedy evaluation on val and test (`rl-evaluation.ts`) into
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
import { evaluatePolicy, type GreedyPolicy } from './rl-evaluation.js';

/** Params both RL stages have: the budget, the backend and the environment. */
export interface RlParams extends BackendParams {
  total_steps: number;
  envs: number;
  seed?: number;
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
  return { tfjs, ...input, config, seed, env };
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

/** Evaluates the greedy policy, then writes `actions`, `model` and `history`. */
export async function writeRlOutputs(
  ctx: StageContext,
  setup: RlSetup,
  o: { kind: 'ppo' | 'dqn'; trainerConfig: unknown; weights: ReadonlyMap<string, tf.Variable>; policy: GreedyPolicy; history: RlHistory },
): Promise<void> {
  const evaluation = await evaluatePolicy(ctx, { market: setup.market, tickers: setup.tickers, config: setup.config, policy: o.policy });
  const manifest = [...o.weights].map(([name, v]) => ({ name, shape: v.shape, dtype: 'float32' }));
  const weightBytes = Buffer.concat([...o.weights.values()].map((v) => {
    const values = v.dataSync() as Float32Array;
    return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  }));
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
      weightsManifest: [{ paths: ['weightData'], weights: manifest }],
      weightData: weightBytes.toString('base64'),
    },
  });
  await ctx.output('history', { json: { kind: o.kind, curve: o.history.points, evaluation } });
}

/** The definition's ports, the same for both stages. */
export const RL_PORTS = {
  inputs: {
    dataset: { type: 'dataset', description: 'a normalized dataset (from `normalize`): features, close and segment per (ticker, date)' },
    prices: { type: 'prices', optional: true, description: 'the price table (from `ingest`) whose opens fills use; without it fills use the next close' },
  },
  outputs: {
    model: { type: 'model', description: 'the policy: trainer and env config, weight names and shapes, weights (JSON, tfjs weights-manifest layout)' },
    history: { type: 'history', description: 'learning curve (one point per update or log) and the val/test episode statistics (JSON)' },
    actions: { type: 'actions', description: 'ticker, date, segment (1 val, 2 test), action, position, equity, fill_fallback for every greedy val and test step (Parquet)' },
  },
};
