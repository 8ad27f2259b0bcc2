import { copyFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/quant/data/random-stream.js';
import { createLstm } from '../../../src/quant/models/lstm-model.js';
import { SequenceWindows, type SequenceTable } from '../../../src/quant/models/sequence-windows.js';
import { trainClassifier, TrainingError, type TrainClassifierOptions } from '../../../src/quant/models/train-classifier.js';
import { readCheckpoint } from '../../../src/quant/models/training-checkpoint.js';
import { tempDir } from '../../helpers/engine-harness.js';

/** 4 tickers x 150 days, 3 features; the label is the sign of feature 0 on the end row (learnable). */
function table(): SequenceTable {
  const [tickers, days, width] = [4, 150, 3];
  const rows = tickers * days;
  const random = new RandomStream(3);
  const features = Float32Array.from({ length: rows * width }, () => random.nextNormal());
  const t: SequenceTable = {
    ticker: Int32Array.from({ length: rows }, (_, r) => Math.floor(r / days)),
    date: Int32Array.from({ length: rows }, (_, r) => 10_000 + (r % days)),
    features,
    featureNames: ['a', 'b', 'c'],
    segment: Int8Array.from({ length: rows }, (_, r) => (r % days < 90 ? 0 : r % days < 120 ? 1 : 2)),
    label: Int8Array.from({ length: rows }, (_, r) => (features[r * width]! > 0 ? 1 : 0)),
  };
  return t;
}

function options(windows: SequenceWindows, extra: Partial<TrainClassifierOptions> = {}): TrainClassifierOptions {
  return {
    tfjs: tf,
    model: createLstm(tf, { features: 3, classes: 2, layers: 1, units: 6, dropout: 0.2, attention: false, seed: 9 }),
    windows,
    classes: 2,
    epochs: 4,
    batchSize: 32,
    learningRate: () => 0.01,
    clipNorm: 1,
    patience: 10,
    classWeights: null,
    seed: 4,
    ...extra,
  };
}

const weightsOf = (o: TrainClassifierOptions) => [...o.model.weights.values()].map((v) => Array.from(v.dataSync()));

describe('the training loop', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('learns a learnable label and keeps the best epoch', async () => {
    const windows = new SequenceWindows(table(), { lookback: 5 });
    const o = options(windows);
    const result = await trainClassifier(o);
    expect(result.history).toHaveLength(4);
    expect(result.history[3]!.trainLoss).toBeLessThan(result.history[0]!.trainLoss);
    expect(result.history[3]!.valAccuracy).toBeGreaterThan(0.7);
    const losses = result.history.map((r) => r.valLoss!);
    expect(result.bestEpoch).toBe(losses.indexOf(Math.min(...losses)));
  });

  it('restores the best epoch weights when validation loss rises after it', async () => {
    const windows = new SequenceWindows(table(), { lookback: 5 });
    const dir = tempDir();
    // A large learning rate overshoots, so validation loss stops improving and training stops early.
    const o = options(windows, { learningRate: () => 0.3, patience: 1, epochs: 6, checkpoint: { dir, fingerprint: 'x' } });
    const result = await trainClassifier(o);
    expect(result.stoppedEarly).toBe(true);
    const saved = readCheckpoint<unknown>(dir, 'x')!;
    for (const [name, v] of o.model.weights) expect(Array.from(v.dataSync()), name).toEqual(Array.from(saved.arrays.get(`best/${name}`)!));
  });

  it('resumes from the previous epoch when a kill lands between the binary and the JSON of a checkpoint', async () => {
    const windows = new SequenceWindows(table(), { lookback: 5 });
    const dir = tempDir();
    await trainClassifier(options(windows, { epochs: 1, checkpoint: { dir, fingerprint: 'x' } }));
    const before = readCheckpoint(dir, 'x')!.arrays;
    const later = tempDir();
    await trainClassifier(options(windows, { epochs: 2, checkpoint: { dir: later, fingerprint: 'x' } }));
    // Epoch 1's binary lands beside epoch 0's JSON, as a kill after the first rename leaves them.
    copyFileSync(path.join(later, 'checkpoint-1.bin'), path.join(dir, 'checkpoint-1.bin'));
    expect(readdirSync(dir).sort()).toEqual(['checkpoint-0.bin', 'checkpoint-1.bin', 'checkpoint.json']);
    const after = readCheckpoint(dir, 'x')!;
    expect(after.epoch).toBe(0);
    expect([...after.arrays].map(([n, v]) => [n, Array.from(v)])).toEqual([...before].map(([n, v]) => [n, Array.from(v)]));
  });

  it('resumes after an interruption from the checkpoint and ends with the same weights as an uninterrupted run', async () => {
    const windows = new SequenceWindows(table(), { lookback: 5 });
    const straight = options(windows, { checkpoint: { dir: tempDir(), fingerprint: 'x' } });
    await trainClassifier(straight);

    const dir = tempDir();
    const controller = new AbortController();
    const first = options(windows, { checkpoint: { dir, fingerprint: 'x' }, signal: controller.signal, onEpoch: (r) => r.epoch === 1 && controller.abort() });
    await expect(trainClassifier(first)).rejects.toThrow(TrainingError);
    const second = options(windows, { checkpoint: { dir, fingerprint: 'x' } });
    const resumed = await trainClassifier(second);
    expect(resumed.resumedAfter).toBe(1);
    expect(resumed.history).toHaveLength(4);
    expect(weightsOf(second)).toEqual(weightsOf(straight));
  });

  it('ignores a checkpoint written for other settings', async () => {
    const windows = new SequenceWindows(table(), { lookback: 5 });
    const dir = tempDir();
    await trainClassifier(options(windows, { epochs: 1, checkpoint: { dir, fingerprint: 'a' } }));
    const other = await trainClassifier(options(windows, { epochs: 1, checkpoint: { dir, fingerprint: 'b' } }));
    expect(other.resumedAfter).toBeNull();
  });

  it('stops with an error naming the epoch and batch when the loss turns NaN', async () => {
    const windows = new SequenceWindows(table(), { lookback: 5 });
    await expect(trainClassifier(options(windows, { learningRate: () => Number.NaN }))).rejects.toThrow(/became NaN at epoch 1, batch 2/);
  });
});
