/**
 * The training loop shared by the LSTM and the transformer:
 * 1. resume from the last checkpoint when one matches (same model, data and params);
 * 2. per epoch: the train samples in the order `(seed, epoch)` fixes, batch by batch:
 *    weighted softmax cross-entropy, gradients by autodiff, Adam with global-norm
 *    clipping, dropout seeded by (seed, epoch, batch); a NaN/Inf loss or gradient stops
 *    with an error naming the epoch and batch;
 * 3. validation loss and accuracy; early stopping on validation loss (best weights kept);
 * 4. a checkpoint after every epoch; at the end the best weights are restored.
 * The same seed on the same backend gives the same weights, resumed or not.
 */
import type * as tf from '@tensorflow/tfjs';
import { Adam } from './adam.js';
import { dropoutSeed, type SequenceInputs, type SequenceModel } from './sequence-model.js';
import type { SequenceBatch, SequenceWindows } from './sequence-windows.js';
import { readCheckpoint, writeCheckpoint } from './training-checkpoint.js';

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
  learningRate: number;
  gradientNorm: number;
}

export interface BatchProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  loss: number;
  accuracy: number;
  samplesPerSecond: number;
  etaSeconds: number;
}

export interface TrainClassifierOptions {
  tfjs: typeof tf;
  model: SequenceModel;
  windows: SequenceWindows;
  classes: number;
  epochs: number;
  batchSize: number;
  /** Learning rate at optimizer step (1-based). */
  learningRate: (step: number) => number;
  clipNorm: number | null;
  /** Epochs without a better validation loss before stopping. */
  patience: number;
  /** Loss weight per class, or null for none. */
  classWeights: Float32Array | null;
  seed: number;
  /** At most this many batches per epoch (small seeded test runs); default all. */
  maxBatchesPerEpoch?: number;
  checkpoint?: { dir: string; fingerprint: string };
  onBatch?: (progress: BatchProgress) => void;
  onEpoch?: (record: EpochRecord, extra: { samplesPerSecond: number; resumed: boolean }) => void;
  signal?: AbortSignal;
}

export interface TrainResult {
  history: EpochRecord[];
  bestEpoch: number;
  stoppedEarly: boolean;
  /** The epoch training resumed after, or null when it started fresh. */
  resumedAfter: number | null;
}

export class TrainingError extends Error {}

export async function trainClassifier(o: TrainClassifierOptions): Promise<TrainResult> {
  const t = o.tfjs;
  const adam = new Adam(t, o.model.weights);
  const batch = o.windows.createBatch(o.batchSize);
  let history: EpochRecord[] = [];
  let best = { epoch: -1, loss: Infinity, wait: 0 };
  let bestWeights = snapshot(o.model);
  let start = 0;
  let resumedAfter: number | null = null;
  let done = false;
  const saved = o.checkpoint ? readCheckpoint<EpochRecord>(o.checkpoint.dir, o.checkpoint.fingerprint) : undefined;
  if (saved) {
    restore(t, o.model, saved.arrays, 'weights/');
    adam.load({ step: saved.adamStep, m: prefixed(saved.arrays, 'm/'), v: prefixed(saved.arrays, 'v/') });
    bestWeights = prefixed(saved.arrays, 'best/');
    ({ history, best, done } = saved);
    start = saved.epoch + 1;
    resumedAfter = saved.epoch;
  }
  const train = o.windows.endRows('train');
  if (train.length === 0) throw new TrainingError('no training samples: every train window was cut (check lookback against the train range)');
  const batches = Math.min(Math.ceil(train.length / o.batchSize), o.maxBatchesPerEpoch ?? Infinity);
  for (let epoch = start; epoch < o.epochs && !done; epoch++) {
    const order = o.windows.shuffledEndRows('train', o.seed, epoch);
    const began = performance.now();
    let [lossSum, correct, seen, norm] = [0, 0, 0, 0];
    for (let b = 0; b < batches; b++) {
      if (o.signal?.aborted) throw new TrainingError('training was cancelled');
      o.windows.gather(order.subarray(b * o.batchSize, Math.min(order.length, (b + 1) * o.batchSize)), batch);
      const step = trainStep(o, adam, batch, { epoch, b });
      lossSum += step.loss * batch.size;
      correct += step.correct;
      seen += batch.size;
      norm = step.norm;
      const elapsed = (performance.now() - began) / 1000;
      const rate = seen / Math.max(elapsed, 1e-9);
      o.onBatch?.({ epoch, epochs: o.epochs, batch: b + 1, batches, loss: lossSum / seen, accuracy: correct / seen, samplesPerSecond: rate, etaSeconds: ((batches - b - 1) * o.batchSize + (o.epochs - epoch - 1) * batches * o.batchSize) / rate });
      if (b % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
    }
    const val = evaluateSegment(o, 'val', batch);
    const record: EpochRecord = {
      epoch,
      trainLoss: lossSum / seen,
      trainAccuracy: correct / seen,
      valLoss: val ? val.loss : null,
      valAccuracy: val ? val.accuracy : null,
      learningRate: o.learningRate(adam.step),
      gradientNorm: norm,
    };
    history.push(record);
    const monitored = record.valLoss ?? record.trainLoss;
    if (monitored < best.loss) {
      best = { epoch, loss: monitored, wait: 0 };
      bestWeights = snapshot(o.model);
    } else if (++best.wait >= o.patience) done = true;
    if (epoch === o.epochs - 1) done = true;
    if (o.checkpoint) writeCheckpoint(o.checkpoint.dir, { fingerprint: o.checkpoint.fingerprint, epoch, done, history, best, adamStep: adam.step, arrays: checkpointArrays(o.model, adam, bestWeights) });
    o.onEpoch?.(record, { samplesPerSecond: seen / ((performance.now() - began) / 1000), resumed: resumedAfter !== null });
  }
  restore(t, o.model, bestWeights, '');
  adam.dispose();
  return { history, bestEpoch: best.epoch, stoppedEarly: history.length < o.epochs, resumedAfter };
}

function trainStep(o: TrainClassifierOptions, adam: Adam, batch: SequenceBatch, at: { epoch: number; b: number }): { loss: number; correct: number; norm: number } {
  const t = o.tfjs;
  const names = [...o.model.weights.keys()];
  const variables = names.map((n) => o.model.weights.get(n)!);
  const seed = dropoutSeed(o.seed, at.epoch, at.b);
  const { value, grads, correct } = t.tidy(() => {
    const x = batchTensors(t, o.windows, batch);
    const labels = t.tensor1d(batch.labels.subarray(0, batch.size), 'int32');
    let predicted: tf.Tensor1D | undefined;
    const result = t.variableGrads(() => {
      const logits = o.model.logits(x, { training: true, dropoutSeed: seed });
      predicted = t.keep(t.argMax(logits, 1) as tf.Tensor1D);
      return weightedCrossEntropy(t, logits, labels, o.classes, o.classWeights);
    }, variables);
    const hits = t.sum(t.cast(t.equal(predicted!, labels), 'int32'));
    predicted!.dispose();
    return { value: result.value, grads: result.grads, correct: hits };
  });
  const loss = value.dataSync()[0]!;
  const byName = new Map(names.map((n, i) => [n, grads[variables[i]!.name]!]));
  if (!Number.isFinite(loss)) {
    t.dispose([value, correct, ...byName.values()]);
    throw new TrainingError(`the training loss became ${loss} at epoch ${at.epoch + 1}, batch ${at.b + 1}; lower the learning rate, check the features for extreme values, or set clip_norm`);
  }
  const norm = adam.apply(byName, o.learningRate(adam.step + 1), o.clipNorm);
  const hits = correct.dataSync()[0]!;
  t.dispose([value, correct, ...byName.values()]);
  if (!Number.isFinite(norm)) throw new TrainingError(`the gradient norm became ${norm} at epoch ${at.epoch + 1}, batch ${at.b + 1}; lower the learning rate or set clip_norm`);
  return { loss, correct: hits, norm };
}

export function weightedCrossEntropy(t: typeof tf, logits: tf.Tensor2D, labels: tf.Tensor1D, classes: number, classWeights: Float32Array | null): tf.Scalar {
  const logp = t.logSoftmax(logits);
  const picked = t.neg(t.sum(t.mul(logp, t.oneHot(labels, classes)), 1));
  if (!classWeights) return t.mean(picked);
  const w = t.gather(t.tensor1d(classWeights), labels);
  return t.div(t.sum(t.mul(picked, w)), t.sum(w));
}

/** The batch's filled samples as tensors. */
export function batchTensors(t: typeof tf, windows: SequenceWindows, batch: SequenceBatch): SequenceInputs {
  const [B, L, F] = [batch.size, windows.lookback, windows.featureCount];
  return {
    inputs: t.tensor3d(batch.inputs.subarray(0, B * L * F), [B, L, F]),
    dayOffsets: t.tensor2d(batch.dayOffsets.subarray(0, B * L), [B, L]),
    ...(batch.volatility ? { volatility: t.tensor2d(batch.volatility.subarray(0, B * L), [B, L]) } : {}),
  };
}

export interface SegmentEvaluation {
  loss: number;
  accuracy: number;
  /** [samples, classes] class probabilities, in end-row order. */
  probabilities: Float32Array;
  endRows: Int32Array;
  labels: Int32Array;
}

/** Loss, accuracy and probabilities over every sample of a segment (eval mode); null when it has none. */
export function evaluateSegment(o: Pick<TrainClassifierOptions, 'tfjs' | 'model' | 'windows' | 'classes'>, segment: 'train' | 'val' | 'test', batch: SequenceBatch): SegmentEvaluation | null {
  const t = o.tfjs;
  const rows = o.windows.endRows(segment);
  if (rows.length === 0) return null;
  const probabilities = new Float32Array(rows.length * o.classes);
  const labels = new Int32Array(rows.length);
  let [lossSum, correct] = [0, 0];
  for (let from = 0; from < rows.length; from += batch.capacity) {
    o.windows.gather(rows.subarray(from, Math.min(rows.length, from + batch.capacity)), batch);
    const [loss, probs, hits] = t.tidy(() => {
      const logits = o.model.logits(batchTensors(t, o.windows, batch), { training: false });
      const y = t.tensor1d(batch.labels.subarray(0, batch.size), 'int32');
      const hit = t.sum(t.cast(t.equal(t.argMax(logits, 1), y), 'int32'));
      return [t.mul(weightedCrossEntropy(t, logits, y, o.classes, null), batch.size), t.softmax(logits), hit];
    });
    lossSum += loss.dataSync()[0]!;
    probabilities.set(probs.dataSync() as Float32Array, from * o.classes);
    correct += hits.dataSync()[0]!;
    labels.set(batch.labels.subarray(0, batch.size), from);
    t.dispose([loss, probs, hits]);
  }
  return { loss: lossSum / rows.length, accuracy: correct / rows.length, probabilities, endRows: rows, labels };
}

function snapshot(model: SequenceModel): Map<string, Float32Array> {
  return new Map([...model.weights].map(([name, v]) => [name, (v.dataSync() as Float32Array).slice()]));
}

function restore(t: typeof tf, model: SequenceModel, arrays: Map<string, Float32Array>, prefix: string): void {
  for (const [name, v] of model.weights) {
    const values = arrays.get(prefix + name);
    if (!values || values.length !== v.size) throw new TrainingError(`the checkpoint has no weights for '${name}' of ${v.size} values`);
    t.tidy(() => v.assign(t.tensor(values, v.shape, 'float32')));
  }
}

function prefixed(arrays: Map<string, Float32Array>, prefix: string): Map<string, Float32Array> {
  return new Map([...arrays].filter(([name]) => name.startsWith(prefix)).map(([name, v]) => [name.slice(prefix.length), v]));
}

function checkpointArrays(model: SequenceModel, adam: Adam, best: Map<string, Float32Array>): Map<string, Float32Array> {
  const state = adam.state();
  const out = new Map<string, Float32Array>();
  for (const [name, v] of model.weights) out.set(`weights/${name}`, v.dataSync() as Float32Array);
  for (const [name, values] of state.m) out.set(`m/${name}`, values);
  for (const [name, values] of state.v) out.set(`v/${name}`, values);
  for (const [name, values] of best) out.set(`best/${name}`, values);
  return out;
}
