/**
 * `tradelab predict` for an RL policy (train-ppo, train-dqn): the policy's observation holds
 * 15 portfolio values that follow from its own past trades, so one decision cannot be taken
 * in isolation. Each ticker of the file is replayed greedily from flat, as the stage's
 * evaluation runs a segment (`rl-evaluation.ts`):
 * 1. the features of every row with the run's indicators, precision and statistics
 *    (`lastWindows` of `inference-windows.ts`, asked for the longest window the data allows);
 * 2. an env market per the file: the rows from the first one with finite features on, in
 *    one segment, then one placeholder bar after the last date, never filled nor observed,
 *    which the last decision would fill at. `TradingEnv.evaluation` then starts each ticker's
 *    episode `lookback - 1` rows into that run (as `segmentRuns` trims every segment) with the
 *    artifact's env config (initial cash, costs, lookback, observation mode), fills at the
 *    next open when the file has opens (else the next close), and counts the steps-left
 *    fraction down to the placeholder: the last date's decision is its episode's last, as at
 *    a segment's second-to-last bar in the evaluation;
 * 3. the network rebuilt with the artifact's weights (`createMlp`, `loadWeights`), greedy
 *    over the allowed actions (`greedyActions`) as the trainers' `act`;
 * 4. for each ticker's last date: the action decided at its close, and the position and
 *    equity after the replay up to that close.
 */
import { readFileSync } from 'node:fs';
import type * as tf from '@tensorflow/tfjs';
import { formatIsoDay } from '../src/quant/data/price-table.js';
import type { PriceColumnMapping } from '../src/quant/data/price-csv.js';
import { greedyActions } from '../src/quant/rl/categorical.js';
import { ACTION_COUNT, BUY_FRACTION, SELL_FRACTION } from '../src/quant/rl/env-actions.js';
import { resolveEnvConfig, type EnvConfig } from '../src/quant/rl/env-config.js';
import { createEnvMarket, type EnvMarket } from '../src/quant/rl/env-market.js';
import { observationSize } from '../src/quant/rl/env-observation.js';
import { createMlp, loadWeights, type Mlp, type MlpConfig } from '../src/quant/rl/mlp.js';
import { policyForward } from '../src/quant/rl/ppo-rollout.js';
import { TradingEnv } from '../src/quant/rl/trading-env.js';
import { InferenceInputError } from './inference-error.js';
import { readInferencePrices, type InferencePrices } from './inference-prices.js';
import { lastWindows, passthroughFeatures, type FeatureRecipe } from './inference-windows.js';
import type { PredictRequest } from './predict-request.js';

/** The `model` artifact of train-ppo and train-dqn (`writeRlOutputs`). */
export interface PolicyArtifact {
  format: 'tradelab-rl-policy';
  version: number;
  kind: 'ppo' | 'dqn';
  config: { hidden: number[]; activation: 'tanh' | 'relu'; seed: number; sharedTrunk?: boolean; policyGain?: number; valueGain?: number };
  env: EnvConfig;
  features: string[];
  observationSize: number;
  actionCount: number;
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
  weightData: string;
}

/** One ticker's decision at the close of its last date, after replaying the file from flat. */
export interface PolicySignal {
  ticker: string;
  /** ISO date of the ticker's last row: the decision is taken at its close and fills at the next bar's open. */
  date: string;
  /** Action code 0..8. */
  action: number;
  /** `hold`, `buy 25%` .. `buy 100%` (of cash), `sell 25%` .. `sell 100%` (of the shares). */
  actionName: string;
  /** Shares x close / equity at the last date's close. */
  position: number;
  /** Equity at the last date's close (the replay starts with the initial cash). */
  equity: number;
  /** ISO date of the replay's first decision (the episode's first bar). */
  from: string;
  /** Decisions replayed before the last one. */
  steps: number;
}

export interface PolicyResult {
  modelKind: string;
  backend: string;
  lookback: number;
  observation: 'window' | 'last-row';
  initialCash: number;
  /** Whether fills used the file's opens (else the next close). */
  opens: boolean;
  signals: PolicySignal[];
}

/** `hold`, `buy 25%`, ..., `sell 100%`. */
export function actionName(action: number): string {
  if (BUY_FRACTION[action]! > 0) return `buy ${BUY_FRACTION[action]! * 100}%`;
  if (SELL_FRACTION[action]! > 0) return `sell ${SELL_FRACTION[action]! * 100}%`;
  return 'hold';
}

/** Whether parsed artifact JSON is an RL policy (its format field). */
export function isPolicyArtifact(json: { format?: unknown }): boolean {
  return json.format === 'tradelab-rl-policy';
}

export async function predictPolicy(
  request: PredictRequest,
  tools: {
    recipe: (features: readonly string[], lookback: number) => FeatureRecipe;
    startBackend: (request: PredictRequest) => Promise<{ tfjs: typeof tf; backend: string }>;
  },
): Promise<PolicyResult> {
  const artifact = readPolicy(request.model.artifact);
  let config: EnvConfig;
  try {
    config = resolveEnvConfig(artifact.env);
  } catch (error) {
    throw new InferenceInputError(`the policy artifact's env config is not valid: ${(error as Error).message}`, 're-run the training stage');
  }
  const size = observationSize(artifact.features.length, config);
  if (size !== artifact.observationSize || artifact.actionCount !== ACTION_COUNT) {
    throw new InferenceInputError(`the policy reads observations of ${artifact.observationSize} values and ${artifact.actionCount} actions; its env config and ${artifact.features.length} features make ${size} and ${ACTION_COUNT}`, 'the artifact does not belong to this version of tradelab; re-run the training stage');
  }
  const recipe = tools.recipe(artifact.features, config.lookback);
  const data = readInferencePrices(request.data, request.ingest.params as { columns?: PriceColumnMapping; ticker?: string }, passthroughFeatures(artifact.features));
  const market = replayMarket(data, recipe);
  const { tfjs, backend } = await tools.startBackend(request);
  const tickers = data.prices.tickers;
  request.log?.(`backend ${backend}; replaying ${tickers.length} ticker${tickers.length === 1 ? '' : 's'} from flat with the ${artifact.kind} policy (${config.observation === 'window' ? `windows of ${config.lookback} days` : 'the last row'} x ${artifact.features.length} features + 15 portfolio values)`);
  const network = loadPolicyNetwork(tfjs, artifact);
  try {
    const signals = replay(market, config, tickers, (obs, mask) => greedy(tfjs, network, artifact, obs, mask));
    return { modelKind: artifact.kind, backend, lookback: config.lookback, observation: config.observation, initialCash: config.initialCash, opens: data.prices.has.open, signals };
  } finally {
    network.dispose();
  }
}

function readPolicy(file: string): PolicyArtifact {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Partial<PolicyArtifact>;
  if (!isPolicyArtifact(json) || (json.kind !== 'ppo' && json.kind !== 'dqn')) {
    throw new InferenceInputError(`not an RL policy artifact (format ${JSON.stringify(json.format ?? null)}, kind ${JSON.stringify(json.kind ?? null)})`, 'name the stage of a train-ppo or train-dqn model with --model');
  }
  if (!Array.isArray(json.features) || !json.env || !json.config || typeof json.weightData !== 'string' || !Array.isArray(json.weightsManifest)) {
    throw new InferenceInputError('the policy artifact lacks features, env, config or weights', 're-run the training stage');
  }
  return json as PolicyArtifact;
}

/**
 * The market of the replay: per ticker, every row of the file (rows before its finite tail
 * outside every segment, with NaN features), the tail in the test segment, then a
 * placeholder bar (the last date + 1, the last close and features, no open) that no step reaches.
 */
function replayMarket(data: InferencePrices, recipe: FeatureRecipe): EnvMarket {
  const { prices } = data;
  const F = recipe.features.length;
  const K = prices.tickers.length;
  const rows = prices.date.length + K;
  const tickerStart = new Int32Array(K + 1);
  const dates = new Int32Array(rows);
  const open = new Float64Array(rows).fill(Number.NaN);
  const close = new Float64Array(rows);
  const features = new Float32Array(rows * F).fill(Number.NaN);
  const segment = new Int8Array(rows).fill(-1);
  for (let k = 0; k < K; k++) {
    const start = prices.offsets[k]!;
    const end = prices.offsets[k + 1]!;
    const n = end - start;
    const at = start + k;
    tickerStart[k] = at;
    const { window, rows: tail } = finiteTail(data, recipe, k);
    for (let r = 0; r < n; r++) {
      dates[at + r] = prices.date[start + r]!;
      close[at + r] = prices.close[start + r]!;
      if (prices.has.open) open[at + r] = prices.open[start + r]!;
    }
    features.set(window, (at + n - tail) * F);
    segment.fill(2, at + n - tail, at + n + 1);
    const placeholder = at + n;
    dates[placeholder] = dates[placeholder - 1]! + 1;
    close[placeholder] = close[placeholder - 1]!;
    features.copyWithin(placeholder * F, (placeholder - 1) * F, placeholder * F);
  }
  tickerStart[K] = rows;
  try {
    return createEnvMarket({ tickerStart, dates, open, close, features, featureCount: F, segment, tickers: prices.tickers });
  } catch (error) {
    throw new InferenceInputError(`the prices cannot be traded: ${(error as Error).message}`, 'give positive prices', recipe.file);
  }
}

/**
 * Ticker k's longest run of finite feature rows ending at its last row, row-major: the
 * longest window `lastWindows` accepts (it throws, naming the rows needed, below `lookback`).
 */
function finiteTail(data: InferencePrices, recipe: FeatureRecipe, k: number): { window: Float32Array; rows: number } {
  const one = tickerPrices(data, k);
  const at = (L: number) => lastWindows(one, { ...recipe, lookback: L })[0]!.inputs;
  let best = at(recipe.lookback);
  let lo = recipe.lookback;
  let hi = one.prices.date.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      best = at(mid);
      lo = mid;
    } catch (error) {
      if (!(error instanceof InferenceInputError)) throw error;
      hi = mid - 1;
    }
  }
  return { window: best, rows: lo };
}

/** The rows of ticker k alone. */
function tickerPrices(data: InferencePrices, k: number): InferencePrices {
  const { prices } = data;
  const s = prices.offsets[k]!;
  const e = prices.offsets[k + 1]!;
  return {
    prices: {
      tickers: [prices.tickers[k]!], ticker: new Int32Array(e - s), date: prices.date.subarray(s, e),
      open: prices.open.subarray(s, e), high: prices.high.subarray(s, e), low: prices.low.subarray(s, e), close: prices.close.subarray(s, e), volume: prices.volume.subarray(s, e),
      offsets: Int32Array.of(0, e - s), has: prices.has,
    },
    extra: new Map([...data.extra].map(([name, values]) => [name, values.subarray(s, e)])),
  };
}

/** The trainer's network (the same heads, names and order) with the artifact's weights. */
function loadPolicyNetwork(tfjs: typeof tf, artifact: PolicyArtifact): Mlp {
  const c = artifact.config;
  const mlp: MlpConfig = artifact.kind === 'ppo'
    ? { inputSize: artifact.observationSize, hidden: c.hidden, activation: c.activation, heads: [{ name: 'policy', size: artifact.actionCount, gain: c.policyGain ?? 0.01 }, { name: 'value', size: 1, gain: c.valueGain ?? 1 }], sharedTrunk: c.sharedTrunk ?? false, seed: c.seed }
    : { inputSize: artifact.observationSize, hidden: c.hidden, activation: c.activation, heads: [{ name: 'q', size: artifact.actionCount, gain: 1 }], sharedTrunk: true, seed: c.seed };
  const network = createMlp(tfjs, mlp);
  try {
    const specs = artifact.weightsManifest.flatMap((group) => group.weights);
    const bytes = Buffer.from(artifact.weightData, 'base64');
    // Copy out of Node's shared buffer pool so the Float32Array view is aligned and our own.
    const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    const saved = new Map<string, Float32Array>();
    let at = 0;
    for (const spec of specs) {
      const size = spec.shape.reduce((a, b) => a * b, 1);
      saved.set(spec.name, values.subarray(at, at + size));
      at += size;
    }
    if (at !== values.length || specs.length !== network.weights.size) throw new RangeError(`the artifact holds ${specs.length} weights (${values.length} values), the ${artifact.kind} config makes ${network.weights.size}`);
    loadWeights(tfjs, network.weights, saved);
  } catch (error) {
    network.dispose();
    throw new InferenceInputError(`the policy's weights do not fit its config: ${(error as Error).message}`, 're-run the training stage');
  }
  return network;
}

/** The greedy allowed action per row: PPO's most probable one (`PpoTrainer.act`), DQN's best Q (`DqnTrainer.act`). */
function greedy(tfjs: typeof tf, network: Mlp, artifact: PolicyArtifact, obs: Float32Array, mask: Uint8Array): Int32Array {
  const rows = obs.length / artifact.observationSize;
  let scores: Float32Array;
  if (artifact.kind === 'ppo') scores = policyForward(tfjs, network, obs, rows).logits;
  else {
    const q = tfjs.tidy(() => network.forward(tfjs.tensor2d(obs, [rows, artifact.observationSize]))[0]!);
    scores = (q.dataSync() as Float32Array).slice();
    q.dispose();
  }
  const actions = new Int32Array(rows);
  greedyActions(scores, artifact.actionCount, actions, mask);
  return actions;
}

/**
 * Steps one evaluation env per ticker as `evaluatePolicy` does, and keeps each env's
 * decision at its last real bar (the one before the placeholder) with the portfolio then.
 */
function replay(market: EnvMarket, config: EnvConfig, tickers: readonly string[], policy: (obs: Float32Array, mask: Uint8Array) => Int32Array): PolicySignal[] {
  const env = TradingEnv.evaluation({ market, segment: 'test', config });
  const obs = new Float32Array(env.count * env.observationSize);
  const mask = new Uint8Array(env.count * env.actionCount);
  const out: PolicySignal[] = [];
  while (!env.done) {
    env.observe(obs);
    env.actionMask(mask);
    const actions = policy(obs, mask);
    for (let i = 0; i < env.count; i++) {
      const row = env.row[i]!;
      if (env.active[i] !== 1 || row !== env.endRow[i]! - 1) continue;
      const equity = env.portfolio.equity[i]!;
      out.push({
        ticker: tickers[env.ticker[i]!]!,
        date: formatIsoDay(market.dates[row]!),
        action: actions[i]!,
        actionName: actionName(actions[i]!),
        position: (env.portfolio.shares[i]! * market.close[row]!) / equity,
        equity,
        from: formatIsoDay(market.dates[env.startRow[i]!]!),
        steps: row - env.startRow[i]!,
      });
    }
    env.step(actions);
    env.drainEpisodes();
  }
  return out.sort((a, b) => (a.ticker < b.ticker ? -1 : a.ticker > b.ticker ? 1 : 0));
}
