/**
 * What train-lstm and train-transformer share around the training loop:
 * 1. `prepareTraining`: the compute backend the params ask for (logged and recorded in the
 *    run manifest), the normalized dataset streamed row group by row group into one
 *    row-major float32 feature matrix, and its windows;
 * 2. `runTraining`: the loop with the params' options, progress, per-epoch log lines,
 *    history JSONL in the scratch dir, TensorBoard scalars, checkpoints for resume;
 * 3. `writeTrainingOutputs`: the model (weights in the tfjs weights-manifest layout plus the
 *    architecture), the history, and the predictions of every val and test sample.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { StageContext } from '../src/engine/contract.js';
import { floatValues, type Column } from '../src/io/column.js';
import { TensorBoardWriter } from '../src/io/tensorboard-events.js';
import type { BackendChoice } from '../src/quant/models/backend/backend-choice.js';
import type { SequenceModel } from '../src/quant/models/sequence-model.js';
import { SequenceWindows, rowMajorFeatures, type SequenceTable, type WindowSpan } from '../src/quant/models/sequence-windows.js';
import { formatIsoDay } from '../src/quant/data/price-table.js';
import { evaluateSegment, trainClassifier, type TrainResult } from '../src/quant/models/train-classifier.js';
import { startBackend } from './compute-backend.js';
import { LABEL_KEY, featureNames } from './feature-table.js';
import { predictionColumns } from './prediction-table.js';
import { RowBatches } from './row-batches.js';
import { afterEpoch } from './test-stage-hooks.js';
import { weightFields } from './model-weights.js';

export interface TrainingParams {
  epochs: number;
  batch_size: number;
  learning_rate: number;
  clip_norm: number | null;
  patience: number;
  class_weights: 'none' | 'balanced';
  max_batches_per_epoch?: number;
  seed?: number;
  backend: BackendChoice;
  threads?: number;
  span: WindowSpan;
}

async function loadSequenceTable(ctx: StageContext): Promise<{ table: SequenceTable; tickers: string[]; classes: number }> {
  const source = await ctx.openTable('dataset');
  try {
    const names = featureNames(source.metadata, source.columns);
    const keys = source.read({ columns: ['ticker', 'date', 'segment', 'label'] });
    const ticker = keys.get('ticker');
    const date = keys.get('date');
    const segment = keys.get('segment');
    const label = keys.get('label');
    if (ticker?.kind !== 'strings' || date?.kind !== 'date' || segment?.kind !== 'int8' || label?.kind !== 'int8') {
      throw new Error('the dataset needs ticker, date, segment and label columns: connect the output of `split` or `normalize`');
    }
    const classes = (JSON.parse(source.metadata[LABEL_KEY] ?? '{}') as { classes?: number }).classes;
    if (classes !== 2 && classes !== 3) throw new Error(`the dataset's metadata does not say how many label classes it has (${LABEL_KEY}); connect the output of \`split\` or \`normalize\``);
    const features = new Float32Array(source.rows * names.length);
    const describeRow = (row: number) => `row ${row + 1} (${ticker.dictionary[ticker.indices[row]!]}, ${formatIsoDay(date.days[row]!)})`;
    for (const { start, columns } of new RowBatches(source, names).read('loading features', ctx)) {
      try {
        rowMajorFeatures(names.map((name) => floatValues(columns.get(name), name)), names, { into: features, rowOffset: start, describeRow });
      } catch (error) {
        throw new Error(`${(error as Error).message} (normalize the dataset, and let split drop warm-up rows)`);
      }
    }
    return {
      table: { ticker: ticker.indices, date: date.days, features, featureNames: names, segment: segment.values, label: label.values },
      tickers: ticker.dictionary,
      classes,
    };
  } finally {
    source.close();
  }
}

/**
 * Everything before the model: the backend, the dataset, its windows (`volatilityFeature`:
 * a feature each window also carries per step), logged with the sample counts.
 */
export async function prepareTraining(ctx: StageContext, p: TrainingParams & { lookback: number }, options: { volatilityFeature?: string } = {}) {
  const tfjs = await startBackend(ctx, p);
  const { table, tickers, classes } = await loadSequenceTable(ctx);
  const feature = options.volatilityFeature;
  if (feature !== undefined && !table.featureNames.includes(feature)) {
    throw new Error(`volatility_bias reads feature '${feature}', which the dataset does not have; set volatility_feature to one of its features (e.g. a volatility indicator such as vol_close_20) or volatility_bias: false`);
  }
  const windows = new SequenceWindows(table, { lookback: p.lookback, span: p.span, ...(feature !== undefined ? { volatilityFeature: feature } : {}) });
  ctx.log(`${windows.count('train')} train, ${windows.count('val')} val, ${windows.count('test')} test windows of ${p.lookback} days x ${table.featureNames.length} features`);
  return { tfjs, table, tickers, classes, windows, seed: p.seed ?? ctx.seed };
}

/** Loss weights n / (classes x n_c) from the train samples' labels ('balanced', as scikit-learn). */
function balancedClassWeights(windows: SequenceWindows, table: SequenceTable, classes: number): Float32Array {
  const counts = new Float64Array(classes);
  const rows = windows.endRows('train');
  for (const r of rows) counts[table.label[r]!]! += 1;
  return Float32Array.from(counts, (c) => (c > 0 ? rows.length / (classes * c) : 0));
}

/** What `prepareTraining` sets up. */
type TrainingSetup = Awaited<ReturnType<typeof prepareTraining>>;

/**
 * Trains `model` with the loop options the params give (the same for every training stage);
 * a stage adds only its learning-rate schedule and, optionally, work after each epoch.
 */
export async function runTraining(
  ctx: StageContext,
  setup: TrainingSetup,
  run: {
    model: SequenceModel;
    params: TrainingParams;
    learningRate: (step: number) => number;
    /** Called after each epoch's checkpoint (e.g. to save attention maps in the scratch dir). */
    onEpochEnd?: (epoch: number) => void;
  },
): Promise<TrainResult> {
  const { tfjs, windows, table, classes, seed } = setup;
  const p = run.params;
  const historyFile = path.join(ctx.scratchDir, 'history.jsonl');
  mkdirSync(ctx.scratchDir, { recursive: true });
  let board: TensorBoardWriter | undefined;
  const result = await trainClassifier({
    tfjs,
    model: run.model,
    windows,
    classes,
    epochs: p.epochs,
    batchSize: p.batch_size,
    learningRate: run.learningRate,
    clipNorm: p.clip_norm,
    patience: p.patience,
    classWeights: p.class_weights === 'balanced' ? balancedClassWeights(windows, table, classes) : null,
    seed,
    ...(p.max_batches_per_epoch ? { maxBatchesPerEpoch: p.max_batches_per_epoch } : {}),
    // The scratch dir belongs to the stage key (params, inputs, code); the backend is the one thing outside it.
    checkpoint: { dir: path.join(ctx.scratchDir, 'checkpoint'), fingerprint: JSON.stringify({ config: run.model.config, backend: tfjs.getBackend() }) },
    signal: ctx.signal,
    onBatch: (p) =>
      ctx.progress({
        done: p.epoch * p.batches + p.batch,
        total: p.epochs * p.batches,
        message: `epoch ${p.epoch + 1}/${p.epochs} batch ${p.batch}/${p.batches} loss ${p.loss.toFixed(4)} acc ${p.accuracy.toFixed(3)} ${Math.round(p.samplesPerSecond)} samples/s ETA ${formatSeconds(p.etaSeconds)}`,
      }),
    onEpoch: (r, extra) => {
      ctx.log(`epoch ${r.epoch + 1}: train loss ${r.trainLoss.toFixed(4)} acc ${r.trainAccuracy.toFixed(3)}${r.valLoss === null ? '' : `, val loss ${r.valLoss.toFixed(4)} acc ${r.valAccuracy!.toFixed(3)}`}, lr ${r.learningRate.toExponential(2)}, ${Math.round(extra.samplesPerSecond)} samples/s${extra.resumed ? ' (resumed)' : ''}`);
      appendFileSync(historyFile, `${JSON.stringify({ ...r, samplesPerSecond: extra.samplesPerSecond })}\n`);
      board ??= new TensorBoardWriter(ctx.eventsDir);
      board.scalars(r.epoch + 1, {
        'loss/train': r.trainLoss,
        'accuracy/train': r.trainAccuracy,
        ...(r.valLoss === null ? {} : { 'loss/val': r.valLoss, 'accuracy/val': r.valAccuracy! }),
        learning_rate: r.learningRate,
        samples_per_second: extra.samplesPerSecond,
      });
      run.onEpochEnd?.(r.epoch);
      afterEpoch(ctx, r.epoch + 1);
    },
  });
  board?.close();
  if (result.resumedAfter !== null) ctx.log(`resumed after epoch ${result.resumedAfter + 1} from the checkpoint in the scratch dir`);
  ctx.log(`best epoch ${result.bestEpoch + 1} of ${result.history.length}${result.stoppedEarly ? ' (stopped early: validation loss stopped improving)' : ''}`);
  return result;
}

export async function writeTrainingOutputs(
  ctx: StageContext,
  o: { tfjs: typeof tf; model: SequenceModel; windows: SequenceWindows; table: SequenceTable; tickers: string[]; classes: number; result: TrainResult; extra?: Record<string, unknown> },
): Promise<void> {
  const { model } = o;
  await ctx.output('model', {
    json: {
      format: 'tradelab-sequence-model',
      version: 1,
      kind: model.kind,
      config: model.config,
      features: o.table.featureNames,
      lookback: o.windows.lookback,
      classes: o.classes,
      span: o.windows.span,
      ...weightFields(model.weights),
      ...(o.extra ?? {}),
    },
  });
  await ctx.output('history', { json: { epochs: o.result.history, bestEpoch: o.result.bestEpoch, stoppedEarly: o.result.stoppedEarly } });
  const batch = o.windows.createBatch(256);
  const parts = (['val', 'test'] as const).map((segment) => ({ segment, evaluation: evaluateSegment({ tfjs: o.tfjs, model, windows: o.windows, classes: o.classes }, segment, batch) }));
  for (const { segment, evaluation } of parts) if (evaluation) ctx.log(`${segment}: ${evaluation.endRows.length} samples, loss ${evaluation.loss.toFixed(4)}, accuracy ${evaluation.accuracy.toFixed(4)}`);
  const rows = parts.flatMap((p) => (p.evaluation ? [p] : []));
  const n = rows.reduce((k, p) => k + p.evaluation!.endRows.length, 0);
  const ticker = new Int32Array(n);
  const date = new Int32Array(n);
  const segment = new Int8Array(n);
  const label = new Int8Array(n);
  const predicted = new Int8Array(n);
  const probs = Array.from({ length: o.classes }, () => new Float64Array(n));
  let at = 0;
  for (const { evaluation } of rows) {
    const e = evaluation!;
    for (let i = 0; i < e.endRows.length; i++, at++) {
      const r = e.endRows[i]!;
      ticker[at] = o.table.ticker[r]!;
      date[at] = o.table.date[r]!;
      segment[at] = o.table.segment[r]!;
      label[at] = e.labels[i]!;
      let arg = 0;
      for (let c = 0; c < o.classes; c++) {
        probs[c]![at] = e.probabilities[i * o.classes + c]!;
        if (probs[c]![at]! > probs[arg]![at]!) arg = c;
      }
      predicted[at] = arg;
    }
  }
  await ctx.output('predictions', {
    columns: predictionColumns({ tickers: o.tickers, ticker, date, segment, label, predicted, probabilities: probs }),
    metadata: { 'tradelab.classes': String(o.classes), 'tradelab.model': model.kind },
  });
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}
