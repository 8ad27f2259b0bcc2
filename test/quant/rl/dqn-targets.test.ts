import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { doubleDqnTargets } from '../../../src/quant/rl/dqn-targets.js';
import { DqnOptimizer } from '../../../src/quant/rl/dqn-update.js';
import { createMlp, loadWeights, readWeights, type Mlp } from '../../../src/quant/rl/mlp.js';
import type { ReplayBatch } from '../../../src/quant/rl/replay-buffer.js';

// Row 0: the online network prefers action 1, the target network action 0; Double DQN takes
// action 1 and values it with the target network: 4. (Vanilla DQN would take max target = 10,
// the online network's own value of its argmax would be 3.)
const nextOnline = [[1, 3, 2], [0, 1, 9], [5, 6, 7]];
const nextTarget = [[10, 4, 7], [1, 2, 3], [-1, -2, -8]];

function targets(rewards: number[], dones: number[], gamma: number, masks?: number[][]): number[] {
  const y = doubleDqnTargets(tf, {
    rewards: tf.tensor1d(rewards),
    dones: tf.tensor1d(dones),
    gamma,
    nextOnlineQ: tf.tensor2d(nextOnline),
    nextTargetQ: tf.tensor2d(nextTarget),
    ...(masks ? { nextMasks: tf.tensor2d(masks) } : {}),
  });
  return Array.from(y.dataSync());
}

describe('doubleDqnTargets', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it("bootstraps from the target network's value of the online network's argmax", () => {
    const y = targets([0.5, -1, 2], [0, 0, 0], 0.9);
    expect(y[0]).toBeCloseTo(0.5 + 0.9 * 4, 6);
    expect(y[1]).toBeCloseTo(-1 + 0.9 * 3, 6);
    expect(y[2]).toBeCloseTo(2 + 0.9 * -8, 6);
  });

  it('does not bootstrap after a true terminal', () => {
    expect(targets([0.5, -1, 2], [1, 0, 1], 0.9).map((v) => Math.round(v * 1e5) / 1e5)).toEqual([0.5, 1.7, 2]);
  });

  it("takes the argmax over the next state's allowed actions only", () => {
    const y = targets([0, 0, 0], [0, 0, 0], 1, [[1, 0, 1], [1, 1, 0], [1, 1, 1]]);
    expect(y).toEqual([7, 2, -8]);
  });
});

describe('DqnOptimizer.step', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  /** A linear Q-network (no hidden layer) on 2 inputs with the given kernel [2, 3] and bias [3]. */
  function linear(kernel: number[], bias: number[]): Mlp {
    const net = createMlp(tf, { inputSize: 2, hidden: [], activation: 'relu', heads: [{ name: 'q', size: 3, gain: 1 }], sharedTrunk: true, seed: 1 });
    loadWeights(tf, net.weights, new Map([['q/out/kernel', Float32Array.from(kernel)], ['q/out/bias', Float32Array.from(bias)]]));
    return net;
  }

  it('trains Q(s, a) towards r + gamma Q_target(s\', argmax Q_online(s\')) and leaves the target network alone', () => {
    // s = [1, 0] and s' = [0, 1]: Q(s) is the kernel's first row, Q(s') its second row plus the bias 0.
    const online = linear([0.2, -0.1, 0.3, 1, 3, 2], [0, 0, 0]);
    const target = linear([0, 0, 0, 10, 4, 7], [0, 0, 0]);
    const optimizer = new DqnOptimizer(tf, online, target, { gamma: 0.5, maxGradNorm: null, adamEpsilon: 1e-8 });
    const batch: ReplayBatch = {
      size: 1, observations: Float32Array.of(1, 0), nextObservations: Float32Array.of(0, 1), actions: Int32Array.of(2),
      rewards: Float32Array.of(1), dones: Float32Array.of(0), horizons: Int32Array.of(1), nextMasks: null, indices: Int32Array.of(0), weights: Float32Array.of(0.5),
    };
    const targetBefore = readWeights(target.weights);
    const tdErrors = new Float32Array(1);
    const stats = optimizer.step(batch, 0.01, tdErrors);
    // y = 1 + 0.5 * Q_target(s', 1) = 1 + 0.5 * 4 = 3; delta = Q(s, 2) - y = 0.3 - 3 = -2.7.
    expect(tdErrors[0]).toBeCloseTo(-2.7, 6);
    expect(stats.meanQ).toBeCloseTo(0.3, 6);
    expect(stats.loss).toBeCloseTo(0.5 * (2.7 - 0.5), 6);
    // Huber's gradient is clipped to -1, times the weight 0.5: only Q(s, 2)'s weights move, up.
    expect(stats.gradientNorm).toBeCloseTo(0.5 * Math.SQRT2, 6);
    const after = readWeights(online.weights);
    expect(after.get('q/out/kernel')![2]).toBeCloseTo(0.3 + 0.01, 5);
    expect(after.get('q/out/kernel')![0]).toBe(Math.fround(0.2));
    expect(readWeights(target.weights)).toEqual(targetBefore);
    optimizer.dispose();
  });

  it('multiplies the rewards, not the bootstrapped value, by rewardScale in the target', () => {
    const online = linear([0.2, -0.1, 0.3, 1, 3, 2], [0, 0, 0]);
    const target = linear([0, 0, 0, 10, 4, 7], [0, 0, 0]);
    const optimizer = new DqnOptimizer(tf, online, target, { gamma: 0.5, maxGradNorm: null, adamEpsilon: 1e-8, rewardScale: 100 });
    const batch: ReplayBatch = {
      size: 2, observations: Float32Array.of(1, 0, 1, 0), nextObservations: Float32Array.of(0, 1, 0, 1), actions: Int32Array.of(2, 0),
      rewards: Float32Array.of(0.01, -0.02), dones: Float32Array.of(0, 1), horizons: Int32Array.of(1, 1), nextMasks: null, indices: Int32Array.of(0, 1), weights: Float32Array.of(1, 1),
    };
    const tdErrors = new Float32Array(2);
    optimizer.step(batch, 0, tdErrors);
    // y_0 = 100 * 0.01 + 0.5 * Q_target(s', 1) = 1 + 2 = 3, delta = 0.3 - 3; y_1 = 100 * -0.02 (terminal) = -2, delta = 0.2 + 2.
    expect(tdErrors[0]).toBeCloseTo(-2.7, 5);
    expect(tdErrors[1]).toBeCloseTo(2.2, 5);
    optimizer.dispose();
  });

  it('discounts the bootstrap by gamma^m for a transition that summed m rewards (n-step returns)', () => {
    const online = linear([0.2, -0.1, 0.3, 1, 3, 2], [0, 0, 0]);
    const target = linear([0, 0, 0, 10, 4, 7], [0, 0, 0]);
    const optimizer = new DqnOptimizer(tf, online, target, { gamma: 0.5, maxGradNorm: null, adamEpsilon: 1e-8 });
    const batch: ReplayBatch = {
      size: 3, observations: Float32Array.of(1, 0, 1, 0, 1, 0), nextObservations: Float32Array.of(0, 1, 0, 1, 0, 1), actions: Int32Array.of(2, 2, 2),
      rewards: Float32Array.of(1, 1, 1), dones: Float32Array.of(0, 0, 1), horizons: Int32Array.of(1, 3, 3), nextMasks: null, indices: Int32Array.of(0, 1, 2), weights: Float32Array.of(1, 1, 1),
    };
    const tdErrors = new Float32Array(3);
    optimizer.step(batch, 0, tdErrors);
    // Q_target(s', argmax Q_online(s')) = 4: y = 1 + 0.5 * 4, 1 + 0.125 * 4, and 1 at the terminal.
    expect(Array.from(tdErrors)).toEqual([0.3 - 3, 0.3 - 1.5, 0.3 - 1].map((d) => expect.closeTo(d, 5)));
    optimizer.dispose();
  });
});
