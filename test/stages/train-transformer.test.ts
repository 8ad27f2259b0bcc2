import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { harness } from '../helpers/engine-harness.js';
import { sequencePipeline, testAccuracy, trainStage } from '../helpers/sequence-stage.js';

const STAGE = (extra: string) =>
  `uses: train-transformer\n    with: { lookback: 10, layers: 1, heads: 2, d_model: 8, d_ff: 16, batch_size: 64, warmup_steps: 20, learning_rate: 0.005, backend: cpu, seed: 3, probe_size: 2, ${extra} }`;

describe('train-transformer', () => {
  it('finds a planted signal (binomial p < 0.01) and saves attention maps per epoch with their heatmaps', async () => {
    const { h, model } = await trainStage('market', STAGE('epochs: 3'));
    const { n, z, accuracy } = await testAccuracy(h, model.outputs!.predictions!.id);
    expect(z, `accuracy ${accuracy} on ${n}`).toBeGreaterThan(2.326);
    const attention = JSON.parse(readFileSync(h.store.objectPath(model.outputs!.attention!.id), 'utf8'));
    expect(attention.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([0, 1, 2]);
    expect(attention.probe).toHaveLength(2);
    const bytes = Buffer.from(attention.epochs[2].values, 'base64');
    const maps = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    expect(maps).toHaveLength(1 * 2 * 10 * 10);
    for (let row = 0; row < 20; row++) expect(maps.subarray(row * 10, row * 10 + 10).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(readFileSync(h.store.objectPath(model.outputs!.heatmaps!.id), 'utf8')).toMatch(/^<svg [^]*attention after epoch 3[^]*<\/svg>\s*$/);
  }, 180_000);

  it('finds nothing in a pure random walk: test accuracy inside the 99% binomial interval around 50%', async () => {
    const { h, model } = await trainStage('null', STAGE('epochs: 3'));
    const { z, accuracy, n } = await testAccuracy(h, model.outputs!.predictions!.id);
    expect(Math.abs(z), `accuracy ${accuracy} on ${n}`).toBeLessThan(2.576);
  }, 180_000);

  it('gives byte-identical model artifacts for the same seed, and refuses a volatility feature the dataset lacks', async () => {
    const settings = STAGE('epochs: 2, max_batches_per_epoch: 4, positional: time2vec');
    const [a, b] = [await trainStage('market', settings), await trainStage('market', settings)];
    expect(b.model.outputs!.model!.id).toBe(a.model.outputs!.model!.id);
    const bad = await a.h.run(sequencePipeline('market', STAGE('epochs: 1, volatility_feature: atr_99')));
    const failed = bad.stages.find((s) => s.id === 'model')!;
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toMatch(/volatility_bias reads feature 'atr_99', which the dataset does not have/);
  }, 180_000);

  it('refuses at validation heads that do not divide d_model, and an odd d_model for the calendar sinusoid', async () => {
    const stage = 'uses: train-transformer\n    with: { d_model: 30, heads: 4 }';
    await expect(harness().run(sequencePipeline('market', stage))).rejects.toThrow(/heads \(4\) must divide d_model \(30\)/);
    const odd = 'uses: train-transformer\n    with: { d_model: 9, heads: 3 }';
    await expect(harness().run(sequencePipeline('market', odd))).rejects.toThrow(/the calendar sinusoid needs an even d_model, got 9/);
  });
});
