import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Adam } from '../../../../src/quant/models/adam.js';
import { selectBackend } from '../../../../src/quant/models/backend/select-backend.js';
import { ADAM_UPDATE, adamKernelAvailable, registerAdamKernel } from '../../../../src/quant/models/kernels/adam-kernel.js';
import { relativeError } from '../relative-error.js';

const normal = (shape: number[], seed: number, std = 1) => tf.randomNormal(shape, 0, std, 'float32', seed);

/** Three clipped Adam steps on fresh weights; returns the weights, the optimizer state and the norms. */
function threeSteps(): { weights: tf.Tensor[]; m: Float32Array[]; norms: number[] } {
  const weights = new Map([['a', tf.variable(normal([17, 9], 1))], ['b', tf.variable(normal([9], 2))], ['c', tf.variable(normal([], 3))]]);
  const adam = new Adam(tf, weights);
  const norms: number[] = [];
  for (let step = 0; step < 3; step++) {
    const grads = new Map([...weights].map(([name, w], i) => [name, normal(w.shape, 10 * step + i + 1, 3)]));
    norms.push(adam.apply(grads, 0.01, 2));
    tf.dispose([...grads.values()]);
  }
  const m = [...adam.state().m.values()];
  adam.dispose();
  return { weights: [...weights.values()], m, norms };
}

describe('the fused Adam kernel', () => {
  beforeAll(async () => {
    await selectBackend({ choice: 'wasm', threads: 1 });
  });
  afterAll(() => registerAdamKernel());

  it('updates weights and moments like the tfjs-op Adam, clipping by the same global norm', () => {
    if (tf.getKernel(ADAM_UPDATE, 'wasm') !== undefined) tf.unregisterKernel(ADAM_UPDATE, 'wasm');
    expect(adamKernelAvailable()).toBe(false);
    const reference = threeSteps();
    registerAdamKernel();
    expect(adamKernelAvailable()).toBe(true);
    const fused = threeSteps();
    fused.norms.forEach((norm, i) => expect(norm).toBeCloseTo(reference.norms[i]!, 4));
    expect(reference.norms[0]).toBeGreaterThan(2); // the clip is exercised
    fused.weights.forEach((w, i) => expect(relativeError(w, reference.weights[i]!)).toBeLessThanOrEqual(1e-5));
    fused.m.forEach((m, i) => expect(relativeError(tf.tensor(m), tf.tensor(reference.m[i]!))).toBeLessThanOrEqual(1e-5));
    tf.dispose([...reference.weights, ...fused.weights]);
  });

  it('returns a non-finite norm without touching the weights', () => {
    registerAdamKernel();
    const w = tf.variable(tf.tensor1d([1, 2, 3]));
    const adam = new Adam(tf, new Map([['w', w]]));
    const g = tf.tensor1d([0, Number.NaN, 1]);
    expect(adam.apply(new Map([['w', g]]), 0.1, 1)).toBeNaN();
    expect(Array.from(w.dataSync())).toEqual([1, 2, 3]);
    tf.dispose([w, g]);
    adam.dispose();
  });
});
