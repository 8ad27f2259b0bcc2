import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/quant/data/random-stream.js';
import { entropyOf, greedyActions, logProbOf, maskLogits, sampleActions } from '../../../src/quant/rl/categorical.js';

// Softmax of [0, ln 2, ln 3] is [1/6, 2/6, 3/6].
const LOGITS = Float32Array.of(0, Math.log(2), Math.log(3));
const ENTROPY = (1 / 6) * Math.log(6) + (1 / 3) * Math.log(3) + 0.5 * Math.log(2);

function sample(logits: Float32Array, actionCount: number, seed: number, mask?: Uint8Array) {
  const rows = logits.length / actionCount;
  const actions = new Int32Array(rows);
  const logProbs = new Float32Array(rows);
  sampleActions({ logits, actionCount, random: new RandomStream(seed), actions, logProbs, ...(mask ? { mask } : {}) });
  return { actions, logProbs };
}

const repeat = (row: ArrayLike<number>, times: number) => Float32Array.from({ length: row.length * times }, (_, i) => row[i % row.length]!);

describe('sampleActions', () => {
  it('draws actions with the softmax frequencies and reports their log-probabilities', () => {
    const rows = 60_000;
    const { actions, logProbs } = sample(repeat(LOGITS, rows), 3, 1);
    const counts = [0, 0, 0];
    for (const a of actions) counts[a]! += 1;
    expect(counts[0]! / rows).toBeCloseTo(1 / 6, 2);
    expect(counts[1]! / rows).toBeCloseTo(2 / 6, 2);
    expect(counts[2]! / rows).toBeCloseTo(3 / 6, 2);
    for (let r = 0; r < 10; r++) expect(logProbs[r]).toBeCloseTo(Math.log((actions[r]! + 1) / 6), 6);
  });

  it('inverts the cumulative softmax with exactly one uniform draw per row', () => {
    const { actions } = sample(repeat(LOGITS, 200), 3, 7);
    const random = new RandomStream(7);
    const expected = Array.from({ length: 200 }, () => {
      const u = random.nextFloat();
      return u < 1 / 6 ? 0 : u < 0.5 ? 1 : 2;
    });
    expect(Array.from(actions)).toEqual(expected);
  });

  it('repeats itself for a seed and differs for another', () => {
    const logits = repeat(LOGITS, 100);
    expect(sample(logits, 3, 3).actions).toEqual(sample(logits, 3, 3).actions);
    expect(sample(logits, 3, 4).actions).not.toEqual(sample(logits, 3, 3).actions);
  });

  it('never draws a masked action and renormalizes over the allowed ones', () => {
    const rows = 20_000;
    const { actions, logProbs } = sample(repeat(LOGITS, rows), 3, 5, Uint8Array.from({ length: 3 * rows }, (_, i) => (i % 3 === 1 ? 0 : 1)));
    expect(actions.includes(1)).toBe(false);
    expect(actions.filter((a) => a === 2).length / rows).toBeCloseTo(0.75, 2);
    const first2 = actions.indexOf(2);
    expect(logProbs[first2]).toBeCloseTo(Math.log(0.75), 6);
    expect(() => sample(LOGITS, 3, 1, new Uint8Array(3))).toThrow(/allows no action/);
  });
});

describe('greedyActions', () => {
  it('picks the largest allowed logit, the lowest index on ties', () => {
    const actions = new Int32Array(3);
    greedyActions(Float32Array.of(0, 2, 1, 5, 5, 0, 3, 1, 2), 3, actions);
    expect(Array.from(actions)).toEqual([1, 0, 0]);
    greedyActions(Float32Array.of(0, 2, 1, 5, 5, 0, 3, 1, 2), 3, actions, Uint8Array.of(1, 0, 1, 0, 1, 1, 0, 1, 1));
    expect(Array.from(actions)).toEqual([2, 1, 2]);
  });
});

describe('log-prob and entropy tensors', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('match the hand values of a three-way distribution', () => {
    const logits = tf.tensor2d([Array.from(LOGITS), [0, 0, 0]]);
    expect(Array.from(logProbOf(tf, logits, tf.tensor1d([2, 1], 'int32')).dataSync())).toEqual([
      expect.closeTo(Math.log(0.5), 6), expect.closeTo(-Math.log(3), 6),
    ]);
    expect(Array.from(entropyOf(tf, logits).dataSync())).toEqual([expect.closeTo(ENTROPY, 6), expect.closeTo(Math.log(3), 6)]);
  });

  it('give a masked action zero probability without NaN in the value or the gradient', () => {
    const mask = tf.tensor2d([[1, 0, 1]]);
    const logits = tf.tensor2d([Array.from(LOGITS)]);
    const masked = maskLogits(tf, logits, mask);
    expect(entropyOf(tf, masked).dataSync()[0]).toBeCloseTo(0.25 * Math.log(4) + 0.75 * Math.log(4 / 3), 6);
    expect(logProbOf(tf, masked, tf.tensor1d([2], 'int32')).dataSync()[0]).toBeCloseTo(Math.log(0.75), 6);
    const grad = tf.grad((x: tf.Tensor) => tf.sum(entropyOf(tf, maskLogits(tf, x as tf.Tensor2D, mask))))(logits);
    expect(Array.from(grad.dataSync()).every(Number.isFinite)).toBe(true);
    expect(grad.dataSync()[1]).toBe(0);
  });
});
