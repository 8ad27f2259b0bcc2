import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYER_NORM_EPSILON, layerNorm } from '../../../src/quant/models/layer-norm.js';
import { relativeError } from './relative-error.js';

const normal = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);

/** The formula written plainly; tfjs autodiff differentiates it. */
function plainLayerNorm(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, LAYER_NORM_EPSILON))), gain), bias);
}

describe('layerNorm', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('matches the plain formula and its autodiff gradients to 1e-5, for rank 2 and rank 3 inputs', () => {
    for (const shape of [[7, 12], [3, 5, 12]]) {
      const [x, gain, bias, weights] = [normal(shape, 1), tf.add(normal([12], 2), 1), normal([12], 3), normal(shape, 4)];
      const objective = (norm: (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.Tensor) => (xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(norm(xs, g, b), weights));
      const ours = (xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => layerNorm(tf, xs, g as tf.Tensor1D, b as tf.Tensor1D);
      expect(relativeError(ours(x, gain, bias), plainLayerNorm(x, gain, bias))).toBeLessThanOrEqual(1e-5);
      const expected = tf.grads((a, b, c) => objective(plainLayerNorm)(a!, b!, c!))([x, gain, bias]);
      const actual = tf.grads((a, b, c) => objective(ours)(a!, b!, c!))([x, gain, bias]);
      actual.forEach((g, i) => {
        expect(g.shape).toEqual(expected[i]!.shape);
        expect(relativeError(g, expected[i]!)).toBeLessThanOrEqual(1e-5);
      });
    }
  });

  it('gives rows of mean 0 and variance ~1 with unit gain and zero bias, and finite values for a constant row', () => {
    const x = tf.tensor2d([[1, 2, 3, 4], [5, 5, 5, 5]]);
    const y = layerNorm(tf, x, tf.ones([4]) as tf.Tensor1D, tf.zeros([4]) as tf.Tensor1D);
    const rows = y.arraySync() as number[][];
    expect(rows[0]!.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 6);
    expect(rows[0]!.reduce((a, b) => a + b * b, 0) / 4).toBeCloseTo(1 / (1 + LAYER_NORM_EPSILON / 1.25), 5);
    expect(rows[1]).toEqual([0, 0, 0, 0]);
  });
});
