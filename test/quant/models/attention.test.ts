import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createAttentionWeights, selfAttention, type AttentionWeights } from '../../../src/quant/models/attention.js';
import { selectBackend } from '../../../src/quant/models/backend/select-backend.js';
import { installWasmKernels } from '../../../src/quant/models/kernels/wasm-kernel-overrides.js';
import { WeightInit } from '../../../src/quant/models/sequence-model.js';
import { relativeError } from './relative-error.js';

const [B, L, D, H] = [3, 7, 12, 3];

/** The textbook layout: each head's q, k, v as column blocks, one softmax per head, contexts concatenated. */
function referenceAttention(x: tf.Tensor3D, w: AttentionWeights, volatility: tf.Tensor2D, lastQueryOnly: boolean): tf.Tensor3D {
  const dHead = D / H;
  const rows = tf.reshape(x, [B * L, D]);
  const q = tf.add(tf.matMul(rows, w.query), w.queryBias);
  const kv = tf.add(tf.matMul(rows, w.keyValue), w.keyValueBias);
  const contexts = Array.from({ length: H }, (_, h) => {
    let qh = tf.reshape(tf.slice(q, [0, h * dHead], [B * L, dHead]), [B, L, dHead]);
    if (lastQueryOnly) qh = tf.slice(qh, [0, L - 1, 0], [B, 1, dHead]);
    const kh = tf.reshape(tf.slice(kv, [0, h * dHead], [B * L, dHead]), [B, L, dHead]);
    const vh = tf.reshape(tf.slice(kv, [0, D + h * dHead], [B * L, dHead]), [B, L, dHead]);
    const logits = tf.add(tf.div(tf.matMul(qh, kh, false, true), Math.sqrt(dHead)), tf.mul(tf.reshape(volatility, [B, 1, L]), w.volatility![h]!));
    return tf.matMul(tf.softmax(logits), vh);
  });
  const queries = lastQueryOnly ? 1 : L;
  const context = tf.reshape(tf.concat(contexts, 2), [B * queries, D]);
  return tf.reshape(tf.add(tf.matMul(context, w.output), w.outputBias), [B, queries, D]);
}

function setUp() {
  const registry = new Map<string, tf.Variable>();
  const weights = createAttentionWeights(new WeightInit(tf, 5), registry, 'attention', { dModel: D, heads: H, volatilityBias: true });
  // Non-zero volatility weights and biases, so that their gradients are exercised.
  for (const [name, v] of registry) if (!name.endsWith('kernel')) v.assign(tf.randomNormal(v.shape, 0, 0.5, 'float32', name.length));
  const x = tf.randomNormal([B, L, D], 0, 1, 'float32', 1) as tf.Tensor3D;
  const volatility = tf.randomUniform([B, L], 0, 2, 'float32', 2) as tf.Tensor2D;
  return { registry, weights, x, volatility };
}

describe('selfAttention', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const backend of ['cpu', 'wasm'] as const) {
    for (const lastQueryOnly of [false, true]) {
      it(`matches a per-head reference in value and in every gradient on ${backend}${lastQueryOnly ? ', last query only' : ''}`, async () => {
        await selectBackend({ choice: backend, threads: 1 });
        if (backend === 'wasm') installWasmKernels();
        const { registry, weights, x, volatility } = setUp();
        const variables = [...registry.values()];
        const loss = (f: () => tf.Tensor3D) => () => tf.sum(tf.mul(f(), tf.randomNormal([B, lastQueryOnly ? 1 : L, D], 0, 1, 'float32', 9))) as tf.Scalar;
        const actual = tf.variableGrads(loss(() => selfAttention(tf, x, weights, { volatility, lastQueryOnly })), variables);
        const expected = tf.variableGrads(loss(() => referenceAttention(x, weights, volatility, lastQueryOnly)), variables);
        expect(relativeError(actual.value, expected.value)).toBeLessThanOrEqual(1e-5);
        for (const v of variables) expect(relativeError(actual.grads[v.name]!, expected.grads[v.name]!), v.name).toBeLessThanOrEqual(1e-5);
        const probabilities: tf.Tensor3D[] = [];
        tf.tidy(() => { selfAttention(tf, x, weights, { volatility, lastQueryOnly, onProbabilities: (_, p) => probabilities.push(tf.keep(p)) }); });
        expect(probabilities.map((p) => p.shape)).toEqual(Array.from({ length: H }, () => [B, lastQueryOnly ? 1 : L, L]));
        tf.dispose([actual.value, expected.value, ...Object.values(actual.grads), ...Object.values(expected.grads), ...probabilities, x, volatility, ...variables]);
      });
    }
  }
});
