import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { huber, huberLoss } from '../../../src/quant/rl/huber.js';

describe('huber (delta = 1, smooth_l1)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const x = [-3, -1, -0.5, 0, 0.5, 1, 2.5];

  it('is x^2 / 2 inside [-1, 1] and |x| - 1/2 outside', () => {
    const h = huber(tf, tf.tensor1d(x));
    expect(Array.from(h.dataSync())).toEqual([2.5, 0.5, 0.125, 0, 0.125, 0.5, 2]);
  });

  it('has the gradient clip(x, -1, 1), continuous at the joints', () => {
    const g = tf.grad((v: tf.Tensor) => tf.sum(huber(tf, v)))(tf.tensor1d(x));
    expect(Array.from(g.dataSync(), (v) => v + 0)).toEqual([-1, -1, -0.5, 0, 0.5, 1, 1]);
  });

  it('averages the importance-weighted losses of a batch', () => {
    const predictions = tf.tensor1d([1, 0, 5]);
    const targets = tf.tensor1d([0.5, 2, 5]);
    // h = 0.125, 1.5, 0
    expect(huberLoss(tf, predictions, targets).dataSync()[0]).toBeCloseTo((0.125 + 1.5) / 3, 7);
    expect(huberLoss(tf, predictions, targets, tf.tensor1d([1, 0.2, 0.7])).dataSync()[0]).toBeCloseTo((0.125 + 0.3) / 3, 7);
  });
});
