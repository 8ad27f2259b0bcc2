import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTableFile } from '../../src/io/table-file.js';
import { readTensorBoardEvents } from '../../src/io/tensorboard-events.js';
import { harness, type Harness } from '../helpers/engine-harness.js';

/** A small seeded universe through the whole chain into train-lstm (cpu backend: exact and the same everywhere). */
function pipeline(o: { mode: 'market' | 'null'; lstm: string }): string {
  return `pipeline: lstm-test
stages:
  prices:
    uses: ingest
    with: { source: synthetic, seed: 11, synthetic: { tickers: 12, days: 620, ${o.mode === 'null' ? 'mode: null' : 'signal_strength: 0.3'} } }
  features:
    uses: indicators
    in: { prices: prices.prices }
    with: { columns: [rsi_14, logret_1, roc_10], passthrough: true }
  split:
    uses: split
    in: { features: features.features }
    with:
      train: [2000-01-01, 2000-12-31]
      val: [2001-01-01, 2001-06-30]
      test: [2001-07-01, 2002-12-31]
      embargo_days: 2
      label: { horizon: 1 }
  scaled: { uses: normalize, in: { dataset: split.dataset } }
  lstm:
    uses: train-lstm
    in: { dataset: scaled.dataset }
    with: { lookback: 10, layers: 1, units: 8, batch_size: 64, seed: 5, ${o.lstm.includes('backend') ? o.lstm : `backend: cpu, ${o.lstm}`} }
`;
}

async function train(o: { mode: 'market' | 'null'; lstm: string }, h: Harness = harness()) {
  const result = await h.run(pipeline(o));
  expect(result.status, JSON.stringify(result.stages.map((s) => [s.id, s.status, s.error]))).toBe('succeeded');
  const lstm = result.stages.find((s) => s.id === 'lstm')!;
  return { h, result, lstm };
}

/** Test-segment accuracy and its z-score against a coin flip. */
async function testAccuracy(h: Harness, id: string): Promise<{ n: number; accuracy: number; z: number }> {
  const { columns } = await readTableFile(h.store.objectPath(id));
  const segment = (columns.get('segment') as { values: Int8Array }).values;
  const label = (columns.get('label') as { values: Int8Array }).values;
  const predicted = (columns.get('predicted') as { values: Int8Array }).values;
  let [n, hits] = [0, 0];
  for (let i = 0; i < segment.length; i++) {
    if (segment[i] !== 2) continue;
    n++;
    if (label[i] === predicted[i]) hits++;
  }
  return { n, accuracy: hits / n, z: (hits - n / 2) / Math.sqrt(n / 4) };
}

describe('train-lstm', () => {
  it('finds a planted signal: test accuracy above 50% with binomial p < 0.01, and writes history, predictions and TensorBoard scalars', async () => {
    const { h, lstm } = await train({ mode: 'market', lstm: 'epochs: 3, learning_rate: 0.005' });
    const { n, z, accuracy } = await testAccuracy(h, lstm.outputs!.predictions!.id);
    expect(n).toBeGreaterThan(1_000);
    expect(z, `accuracy ${accuracy} on ${n}`).toBeGreaterThan(2.326);
    const history = JSON.parse(readFileSync(h.store.objectPath(lstm.outputs!.history!.id), 'utf8'));
    expect(history.epochs).toHaveLength(3);
    const events = path.join(h.store.root, 'logs/tensorboard/lstm-test', `lstm@${lstm.key!.slice(0, 12)}`);
    const { readdirSync } = await import('node:fs');
    const records = readTensorBoardEvents(path.join(events, readdirSync(events)[0]!));
    expect(records.filter((r) => r.summary?.some((v) => v.tag === 'loss/train'))).toHaveLength(3);
  }, 120_000);

  it('finds nothing in a pure random walk: test accuracy inside the 99% binomial interval around 50%', async () => {
    const { h, lstm } = await train({ mode: 'null', lstm: 'epochs: 3, learning_rate: 0.005' });
    const { z, accuracy, n } = await testAccuracy(h, lstm.outputs!.predictions!.id);
    expect(Math.abs(z), `accuracy ${accuracy} on ${n}`).toBeLessThan(2.576);
  }, 120_000);

  it('resumes after being killed at epoch 2: the re-run continues from epoch 3 and ends with the weights of an uninterrupted run', async () => {
    const settings = { mode: 'market' as const, lstm: 'epochs: 4, max_batches_per_epoch: 5, dropout: 0.2' };
    const straight = await train(settings);
    const h = harness();
    const killed = await h.run(pipeline(settings), { env: { TRADELAB_TEST_FAIL: 'lstm:kill-after-epoch-2' } });
    expect(killed.status).toBe('failed');
    const resumed = await train(settings, h);
    expect(readFileSync(h.store.logPath(resumed.lstm.key!), 'utf8')).toMatch(/resumed after epoch 2/);
    expect(resumed.lstm.outputs!.model!.id).toBe(straight.lstm.outputs!.model!.id);
  }, 120_000);

  it('gives byte-identical model artifacts for the same seed in two separate stores', async () => {
    const a = await train({ mode: 'market', lstm: 'epochs: 2, max_batches_per_epoch: 6, dropout: 0.2, attention: true' });
    const b = await train({ mode: 'market', lstm: 'epochs: 2, max_batches_per_epoch: 6, dropout: 0.2, attention: true' });
    expect(a.h.root).not.toBe(b.h.root);
    expect(b.lstm.outputs!.model!.id).toBe(a.lstm.outputs!.model!.id);
    expect(b.lstm.outputs!.predictions!.id).toBe(a.lstm.outputs!.predictions!.id);
  }, 120_000);

  it('gives byte-identical model artifacts for the same seed on the wasm backend too (kernel overrides and fused LSTM cell)', async () => {
    const settings = { mode: 'market' as const, lstm: 'epochs: 2, max_batches_per_epoch: 6, dropout: 0.2, backend: wasm' };
    const [a, b] = [await train(settings), await train(settings)];
    expect(readFileSync(a.h.store.logPath(a.lstm.key!), 'utf8')).toMatch(/backend wasm .*\n[^]*wasm kernel overrides: slice, matmul, tanh, identity, fused LSTM cell/);
    expect(b.lstm.outputs!.model!.id).toBe(a.lstm.outputs!.model!.id);
  }, 120_000);
});
