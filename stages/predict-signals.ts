/**
 * `tradelab predict`'s inference, from a run's recorded settings to each ticker's signal:
 * 1. read the model artifact (a supervised sequence model; an RL policy goes to
 *    `predictPolicySignals`, which replays it over the data: `predict-policy.ts`);
 * 2. read the new prices with the run's ingest mapping, plus the passthrough columns;
 * 3. build every ticker's last window with the run's indicators, precision and scaling
 *    statistics (`inference-windows.ts`);
 * 4. start the backend the run trained on (with the same wasm kernels), rebuild the model
 *    with its trained weights and take the softmax of its eval-mode logits, batch by batch
 *    as `evaluateSegment` does, so the probabilities are the run's own computation.
 */
import { readFileSync } from 'node:fs';
import type * as tf from '@tensorflow/tfjs';
import { formatIsoDay } from '../src/quant/data/price-table.js';
import type { PriceColumnMapping } from '../src/quant/data/price-csv.js';
import { BackendError } from '../src/quant/models/backend/backend-error.js';
import { selectBackend } from '../src/quant/models/backend/select-backend.js';
import { registerLstmCellKernels } from '../src/quant/models/kernels/lstm-cell-kernels.js';
import { installWasmKernels } from '../src/quant/models/kernels/wasm-kernel-overrides.js';
import { ModelArtifactError, loadSequenceModel, parseSequenceModelArtifact, type SequenceModelArtifact } from '../src/quant/models/load-sequence-model.js';
import { parseScalingStats } from '../src/quant/scaling/scaling-stats.js';
import { InferenceInputError } from './inference-error.js';
import { lastWindows, passthroughFeatures, type FeatureRecipe, type TickerWindow } from './inference-windows.js';
import { readInferencePrices } from './inference-prices.js';
import { predictPolicy, type PolicyResult } from './predict-policy.js';
import type { PredictRequest, PredictResult, TickerSignal } from './predict-request.js';

/** Model kinds whose `model` artifact `predict` can run. */
export const SUPERVISED_MODEL_KINDS = ['train-lstm', 'train-transformer'] as const;

/** The batch size of `writeTrainingOutputs`' evaluation; the same here keeps the arithmetic the same. */
const BATCH = 256;

export async function predictSignals(request: PredictRequest): Promise<PredictResult> {
  const artifact = readModel(request.model.artifact);
  const recipe = featureRecipe(request, artifact);
  const data = readInferencePrices(request.data, request.ingest.params as { columns?: PriceColumnMapping; ticker?: string }, passthroughFeatures(artifact.features));
  const windows = lastWindows(data, recipe);
  const { tfjs, backend } = await startInferenceBackend(request);
  request.log?.(`backend ${backend}; ${windows.length} ticker${windows.length === 1 ? '' : 's'}, windows of ${artifact.lookback} days x ${artifact.features.length} features`);
  const model = loadSequenceModel(tfjs, artifact);
  try {
    const probabilities = runModel(tfjs, model, artifact, windows);
    return {
      modelKind: artifact.kind,
      backend,
      classes: artifact.classes,
      classNames: artifact.classes === 3 ? ['down', 'flat', 'up'] : ['down', 'up'],
      ...labelHorizon(request, artifact),
      lookback: artifact.lookback,
      signals: windows.map((w, i) => signal(w, probabilities.subarray(i * artifact.classes, (i + 1) * artifact.classes))),
    };
  } finally {
    model.dispose();
  }
}

/** An RL policy's greedy decision at each ticker's last date, replayed from flat over the data (`predict-policy.ts`). */
export async function predictPolicySignals(request: PredictRequest): Promise<PolicyResult> {
  return predictPolicy(request, {
    recipe: (features, lookback) => featureRecipe(request, { features: [...features], lookback, config: {} }),
    startBackend: startInferenceBackend,
  });
}

/** The split's label horizon, checked against the model's class count. */
function labelHorizon(request: PredictRequest, artifact: SequenceModelArtifact): { horizon?: number } {
  const label = request.split?.params.label as { horizon?: number; classes?: number } | undefined;
  if (!label) return {};
  if (label.classes !== undefined && label.classes !== artifact.classes) {
    throw new InferenceInputError(`the model has ${artifact.classes} classes, but the run's split '${request.split!.id}' labels ${label.classes}`, 'the run manifest and the model artifact disagree; re-run the pipeline');
  }
  return label.horizon === undefined ? {} : { horizon: label.horizon };
}

function readModel(file: string): SequenceModelArtifact {
  try {
    return parseSequenceModelArtifact(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof ModelArtifactError) throw new InferenceInputError(error.message, 'name the stage of a train-lstm or train-transformer model with --model');
    throw error;
  }
}

function featureRecipe(request: PredictRequest, artifact: Pick<SequenceModelArtifact, 'features' | 'lookback' | 'config'>): FeatureRecipe {
  const indicators = request.indicators.params as { columns?: string[]; precision?: string };
  const stats = request.normalize ? parseScalingStats(readFileSync(request.normalize.stats, 'utf8')) : undefined;
  const volatility = (artifact.config as { volatilityBias?: boolean }).volatilityBias ? (request.model.params.volatility_feature as string | undefined) : undefined;
  return {
    features: artifact.features,
    lookback: artifact.lookback,
    ...(indicators.columns ? { indicatorColumns: indicators.columns } : {}),
    precision: indicators.precision === 'float64' ? 'float64' : 'float32',
    ...(stats ? { stats } : {}),
    ...(volatility !== undefined ? { volatilityFeature: volatility } : {}),
    file: request.data.name,
  };
}

/** The backend of the run, with the kernels its training stage installed on wasm (the forward ones). */
async function startInferenceBackend(request: PredictRequest): Promise<{ tfjs: typeof tf; backend: string }> {
  const description = await selectBackend({ choice: request.backend, ...(request.threads ? { threads: request.threads } : {}) }).catch((error: unknown) => {
    if (error instanceof BackendError) throw new InferenceInputError(error.message, `${error.hint ? `${error.hint}; or` : 'or'} predict on another backend with --backend wasm|cpu (the probabilities may then differ from the run's in the last bits)`, undefined, 'backend');
    throw error;
  });
  const tfjs = await import('@tensorflow/tfjs');
  tfjs.env().set('PROD', true);
  if (description.name === 'wasm') {
    installWasmKernels();
    registerLstmCellKernels();
  }
  return { tfjs, backend: `${description.name} (${description.build}, ${description.threads} thread${description.threads === 1 ? '' : 's'})` };
}

/** Softmax of the eval-mode logits, [windows, classes], in batches of `BATCH`. */
function runModel(tfjs: typeof tf, model: ReturnType<typeof loadSequenceModel>, artifact: SequenceModelArtifact, windows: TickerWindow[]): Float32Array {
  const L = artifact.lookback;
  const F = artifact.features.length;
  const out = new Float32Array(windows.length * artifact.classes);
  for (let from = 0; from < windows.length; from += BATCH) {
    const part = windows.slice(from, from + BATCH);
    const B = part.length;
    const inputs = new Float32Array(B * L * F);
    const offsets = new Float32Array(B * L);
    const volatility = part[0]!.volatility ? new Float32Array(B * L) : null;
    part.forEach((w, b) => {
      inputs.set(w.inputs, b * L * F);
      offsets.set(w.dayOffsets, b * L);
      if (volatility) volatility.set(w.volatility!, b * L);
    });
    const probs = tfjs.tidy(() => {
      const x = {
        inputs: tfjs.tensor3d(inputs, [B, L, F]),
        dayOffsets: tfjs.tensor2d(offsets, [B, L]),
        ...(volatility ? { volatility: tfjs.tensor2d(volatility, [B, L]) } : {}),
      };
      return tfjs.softmax(model.logits(x, { training: false }));
    });
    out.set(probs.dataSync() as Float32Array, from * artifact.classes);
    probs.dispose();
  }
  return out;
}

function signal(w: TickerWindow, probabilities: Float32Array): TickerSignal {
  let predicted = 0;
  for (let c = 1; c < probabilities.length; c++) if (probabilities[c]! > probabilities[predicted]!) predicted = c;
  return { ticker: w.ticker, date: formatIsoDay(w.date), probabilities: Array.from(probabilities), predicted };
}
