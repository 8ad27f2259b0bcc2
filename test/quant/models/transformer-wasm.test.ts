import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { Adam } from '../../../src/quant/models/adam.js';
import { selectBackend } from '../../../src/quant/models/backend/select-backend.js';
import { registerAdamKernel } from '../../../src/quant/models/kernels/adam-kernel.js';
import { installWasmKernels } from '../../../src/quant/models/kernels/wasm-kernel-overrides.js';
import type { SequenceInputs } from '../../../src/quant/models/sequence-model.js';
import { weightedCrossEntropy } from '../../../src/quant/models/train-classifier.js';
import { createTransformer, type TransformerConfig } from '../../../src/quant/models/transformer-model.js';
import { relativeError } from './relative-error.js';

// Big enough that attention takes the batched XNNPACK products (L·L·dHead > 4096), the
// last block the single-query loops, and the wide FFN gradient the swapped product.
const [B, L, F] = [6, 40, 5];
const CONFIG: TransformerConfig = { features: F, classes: 2, layers: 2, heads: 2, dModel: 16, dFf: 48, dropout: 0, volatilityBias: true, positional: 'calendar-sinusoid', seed: 3 };

function inputs(): SequenceInputs & { labels: tf.Tensor1D } {
  return {
    inputs: tf.randomNormal([B, L, F], 0, 1, 'float32', 1) as tf.Tensor3D,
    dayOffsets: tf.tensor2d(Float32Array.from({ length: B * L }, (_, i) => (i % L) - L + 1), [B, L]),
    volatility: tf.randomUniform([B, L], 0, 1, 'float32', 2) as tf.Tensor2D,
    labels: tf.tensor1d(Int32Array.from({ length: B }, (_, i) => i % 2), 'int32'),
  };
}

/** Gradients of the loss at the seeded initial weights, by weight name. */
function initialGradients(): Map<string, tf.Tensor> {
  const model = createTransformer(tf, CONFIG);
  const x = inputs();
  const names = [...model.weights.keys()];
  const variables = names.map((n) => model.weights.get(n)!);
  const { value, grads } = tf.variableGrads(() => weightedCrossEntropy(tf, model.logits(x, { training: false }), x.labels, 2, null), variables);
  const byName = new Map(names.map((n, i) => [n, grads[variables[i]!.name]!]));
  value.dispose();
  model.dispose();
  return byName;
}

/** Weight bytes after a few Adam steps from the seed. */
function trainedBytes(steps: number): Map<string, number[]> {
  const model = createTransformer(tf, CONFIG);
  const adam = new Adam(tf, model.weights);
  const x = inputs();
  const names = [...model.weights.keys()];
  const variables = names.map((n) => model.weights.get(n)!);
  for (let s = 0; s < steps; s++) {
    const { value, grads } = tf.variableGrads(() => weightedCrossEntropy(tf, model.logits(x, { training: false }), x.labels, 2, null), variables);
    adam.apply(new Map(names.map((n, i) => [n, grads[variables[i]!.name]!])), 1e-2, s + 1);
    tf.dispose([value, ...Object.values(grads)]);
  }
  const bytes = new Map([...model.weights].map(([n, w]) => [n, Array.from(new Uint8Array(w.dataSync().buffer))]));
  adam.dispose();
  model.dispose();
  return bytes;
}

describe('the transformer on wasm with the kernel overrides', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('has the gradients of the cpu backend to 1e-5 relative, weight by weight', async () => {
    await selectBackend({ choice: 'cpu' });
    const cpu = initialGradients();
    await selectBackend({ choice: 'wasm', threads: 1 });
    installWasmKernels();
    const wasm = initialGradients();
    for (const [name, expected] of cpu) expect(relativeError(wasm.get(name)!, expected), name).toBeLessThanOrEqual(1e-5);
  });

  it('trains to byte-identical weights from the same seed', async () => {
    await selectBackend({ choice: 'wasm', threads: 1 });
    installWasmKernels();
    registerAdamKernel();
    expect(trainedBytes(3)).toEqual(trainedBytes(3));
  });
});
