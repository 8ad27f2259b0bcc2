import type * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/quant/models/backend/select-backend.js';
import { ModelArtifactError, loadSequenceModel, parseSequenceModelArtifact } from '../../src/quant/models/load-sequence-model.js';
import { createLstm } from '../../src/quant/models/lstm-model.js';
import type { SequenceModel } from '../../src/quant/models/sequence-model.js';
import { createTransformer } from '../../src/quant/models/transformer-model.js';
import { weightFields } from '../../stages/model-weights.js';

let tfjs: typeof tf;

beforeAll(async () => {
  await selectBackend({ choice: 'cpu' });
  tfjs = await import('@tensorflow/tfjs');
});

/** The JSON text a training stage writes for `model` (see writeTrainingOutputs). */
function artifactText(model: SequenceModel, lookback: number): string {
  return JSON.stringify({
    format: 'tradelab-sequence-model', version: 1, kind: model.kind, config: model.config,
    features: ['a', 'b', 'c'], lookback, classes: 2, span: 'segment', ...weightFields(model.weights),
  });
}

function logits(model: SequenceModel, seed: number, L: number, volatility: boolean): Float32Array {
  const inputs = Float32Array.from({ length: 4 * L * 3 }, (_, i) => Math.sin(seed + i));
  const offsets = Float32Array.from({ length: 4 * L }, (_, i) => -(L - 1 - (i % L)));
  return tfjs.tidy(() => model.logits({
    inputs: tfjs.tensor3d(inputs, [4, L, 3]),
    dayOffsets: tfjs.tensor2d(offsets, [4, L]),
    ...(volatility ? { volatility: tfjs.tensor2d(Float32Array.from(offsets, (o) => 0.1 - o / 100), [4, L]) } : {}),
  }, { training: false }).dataSync() as Float32Array);
}

/** A model with weights moved off their seeded initialization, so loading must overwrite them. */
function perturbed(model: SequenceModel): SequenceModel {
  for (const v of model.weights.values()) tfjs.tidy(() => v.assign(tfjs.add(v, tfjs.fill(v.shape, 0.01))));
  return model;
}

describe('sequence model artifacts', () => {
  it('rebuild an LSTM whose logits are bit for bit the trained one\'s', () => {
    const trained = perturbed(createLstm(tfjs, { features: 3, classes: 2, layers: 2, units: 5, dropout: 0.1, attention: true, seed: 9 }));
    const loaded = loadSequenceModel(tfjs, parseSequenceModelArtifact(artifactText(trained, 6)));
    expect(logits(loaded, 1, 6, false)).toEqual(logits(trained, 1, 6, false));
    trained.dispose();
    loaded.dispose();
  });

  it('rebuild a volatility-aware transformer whose logits are bit for bit the trained one\'s', () => {
    const trained = perturbed(createTransformer(tfjs, { features: 3, classes: 2, layers: 1, heads: 2, dModel: 8, dFf: 16, dropout: 0, volatilityBias: true, positional: 'calendar-sinusoid', seed: 4 }));
    const loaded = loadSequenceModel(tfjs, parseSequenceModelArtifact(artifactText(trained, 7)));
    expect(logits(loaded, 2, 7, true)).toEqual(logits(trained, 2, 7, true));
    trained.dispose();
    loaded.dispose();
  });

  it('refuse an artifact that is not a sequence model, or whose weights do not fit its config', () => {
    expect(() => parseSequenceModelArtifact(JSON.stringify({ format: 'tradelab-rl-policy' }))).toThrow(ModelArtifactError);
    const model = createLstm(tfjs, { features: 3, classes: 2, layers: 1, units: 4, dropout: 0, attention: false, seed: 1 });
    const json = JSON.parse(artifactText(model, 5));
    json.config.units = 5;
    expect(() => loadSequenceModel(tfjs, parseSequenceModelArtifact(JSON.stringify(json)))).toThrow(/weight 'lstm0\/kernel' is 3x16 in the artifact, 3x20 in the model/);
    model.dispose();
  });
});
