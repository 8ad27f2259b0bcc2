import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTensorBoardEvents } from '../../src/io/tensorboard-events.js';
import { harness } from '../helpers/engine-harness.js';
import { sequencePipeline, testAccuracy, trainStage } from '../helpers/sequence-stage.js';

/** The LSTM under test (cpu backend unless `extra` names one: exact and the same everywhere). */
const STAGE = (extra: string) =>
  `uses: train-lstm\n    with: { lookback: 10, layers: 1, units: 8, batch_size: 64, seed: 5, ${extra.includes('backend') ? extra : `backend: cpu, ${extra}`} }`;

describe('train-lstm', () => {
  it('finds a planted signal: test accuracy above 50% with binomial p < 0.01, and writes history, predictions and TensorBoard scalars', async () => {
    const { h, model } = await trainStage('market', STAGE('epochs: 3, learning_rate: 0.005'));
    const { n, z, accuracy } = await testAccuracy(h, model.outputs!.predictions!.id);
    expect(n).toBeGreaterThan(1_000);
    expect(z, `accuracy ${accuracy} on ${n}`).toBeGreaterThan(2.326);
    const history = JSON.parse(readFileSync(h.store.objectPath(model.outputs!.history!.id), 'utf8'));
    expect(history.epochs).toHaveLength(3);
    const events = path.join(h.store.root, 'logs/tensorboard/sequence-test', `model@${model.key!.slice(0, 12)}`);
    const records = readTensorBoardEvents(path.join(events, readdirSync(events)[0]!));
    expect(records.filter((r) => r.summary?.some((v) => v.tag === 'loss/train'))).toHaveLength(3);
  }, 120_000);

  it('finds nothing in a pure random walk: test accuracy inside the 99% binomial interval around 50%', async () => {
    const { h, model } = await trainStage('null', STAGE('epochs: 3, learning_rate: 0.005'));
    const { z, accuracy, n } = await testAccuracy(h, model.outputs!.predictions!.id);
    expect(Math.abs(z), `accuracy ${accuracy} on ${n}`).toBeLessThan(2.576);
  }, 120_000);

  it('resumes after being killed at epoch 2: the re-run continues from epoch 3 and ends with the weights of an uninterrupted run', async () => {
    const stage = STAGE('epochs: 4, max_batches_per_epoch: 5, dropout: 0.2');
    const straight = await trainStage('market', stage);
    const h = harness();
    const killed = await h.run(sequencePipeline('market', stage), { env: { TRADELAB_TEST_FAIL: 'model:kill-after-epoch-2' } });
    expect(killed.status).toBe('failed');
    const resumed = await trainStage('market', stage, h);
    expect(readFileSync(h.store.logPath(resumed.model.key!), 'utf8')).toMatch(/resumed after epoch 2/);
    expect(resumed.model.outputs!.model!.id).toBe(straight.model.outputs!.model!.id);
  }, 120_000);

  it('gives byte-identical model artifacts for the same seed in two separate stores', async () => {
    const stage = STAGE('epochs: 2, max_batches_per_epoch: 6, dropout: 0.2, attention: true');
    const [a, b] = [await trainStage('market', stage), await trainStage('market', stage)];
    expect(a.h.root).not.toBe(b.h.root);
    expect(b.model.outputs!.model!.id).toBe(a.model.outputs!.model!.id);
    expect(b.model.outputs!.predictions!.id).toBe(a.model.outputs!.predictions!.id);
  }, 120_000);

  it('gives byte-identical model artifacts for the same seed on the wasm backend too (kernel overrides and fused LSTM cell)', async () => {
    const stage = STAGE('epochs: 2, max_batches_per_epoch: 6, dropout: 0.2, backend: wasm');
    const [a, b] = [await trainStage('market', stage), await trainStage('market', stage)];
    expect(readFileSync(a.h.store.logPath(a.model.key!), 'utf8')).toMatch(/backend wasm .*\n[^]*wasm kernel overrides: slice, matmul, tanh, identity, sum, fused LSTM cell, fused Adam/);
    expect(b.model.outputs!.model!.id).toBe(a.model.outputs!.model!.id);
  }, 120_000);
});
