import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMlp, loadWeights, readWeights, type MlpConfig } from '../../../src/quant/rl/mlp.js';

const actorCritic = (extra: Partial<MlpConfig> = {}): MlpConfig => ({
  inputSize: 4,
  hidden: [16, 8],
  activation: 'tanh',
  heads: [{ name: 'policy', size: 3, gain: 0.01 }, { name: 'value', size: 1, gain: 1 }],
  sharedTrunk: false,
  seed: 11,
  ...extra,
});

/** Gram matrix of the rows (wide kernel) or the columns (tall kernel): gain² I for an orthogonal one. */
function gramDeviation(v: tf.Variable, gainSquared: number): number {
  const [rows, cols] = v.shape as [number, number];
  const w = v.dataSync();
  const [n, len, at] = rows < cols
    ? [rows, cols, (a: number, i: number) => w[a * cols + i]!]
    : [cols, rows, (a: number, i: number) => w[i * cols + a]!];
  let worst = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let s = 0;
      for (let i = 0; i < len; i++) s += at(a, i) * at(b, i);
      worst = Math.max(worst, Math.abs(s - (a === b ? gainSquared : 0)));
    }
  }
  return worst;
}

/** The forward pass by hand in float64, from the weights' values. */
function referenceForward(weights: Map<string, Float32Array>, config: MlpConfig, x: number[]): number[][] {
  const dense = (prefix: string, input: number[], outSize: number) => {
    const k = weights.get(`${prefix}/kernel`)!;
    const b = weights.get(`${prefix}/bias`)!;
    return Array.from({ length: outSize }, (_, j) => input.reduce((s, xi, i) => s + xi * k[i * outSize + j]!, b[j]!));
  };
  const act = config.activation === 'tanh' ? Math.tanh : (z: number) => Math.max(0, z);
  const trunk = (prefix: string) => config.hidden.reduce((h, width, i) => dense(`${prefix}/dense${i}`, h, width).map(act), x);
  return config.heads.map((head) => dense(`${head.name}/out`, trunk(config.sharedTrunk ? 'trunk' : head.name), head.size));
}

describe('createMlp', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('names separate actor and critic trunks after their heads, in creation order', () => {
    const mlp = createMlp(tf, actorCritic());
    expect([...mlp.weights.keys()]).toEqual([
      'policy/dense0/kernel', 'policy/dense0/bias', 'policy/dense1/kernel', 'policy/dense1/bias', 'policy/out/kernel', 'policy/out/bias',
      'value/dense0/kernel', 'value/dense0/bias', 'value/dense1/kernel', 'value/dense1/bias', 'value/out/kernel', 'value/out/bias',
    ]);
    expect(mlp.weights.get('policy/dense0/kernel')!.shape).toEqual([4, 16]);
    expect(mlp.weights.get('value/out/kernel')!.shape).toEqual([8, 1]);
    mlp.dispose();
  });

  it('builds one shared trunk, or a plain Q-network with a single head', () => {
    const shared = createMlp(tf, actorCritic({ sharedTrunk: true }));
    expect([...shared.weights.keys()]).toEqual([
      'trunk/dense0/kernel', 'trunk/dense0/bias', 'trunk/dense1/kernel', 'trunk/dense1/bias',
      'policy/out/kernel', 'policy/out/bias', 'value/out/kernel', 'value/out/bias',
    ]);
    const q = createMlp(tf, { inputSize: 4, hidden: [8], activation: 'relu', heads: [{ name: 'q', size: 5, gain: 1 }], sharedTrunk: true, seed: 1 });
    const [values] = q.forward(tf.ones([3, 4]));
    expect(values!.shape).toEqual([3, 5]);
    tf.dispose([values!]);
    shared.dispose();
    q.dispose();
  });

  it('initializes kernels orthogonally with gain √2 for hidden layers and each head its gain, biases zero', () => {
    const mlp = createMlp(tf, actorCritic());
    expect(gramDeviation(mlp.weights.get('policy/dense0/kernel')!, 2)).toBeLessThan(1e-5);
    expect(gramDeviation(mlp.weights.get('value/dense1/kernel')!, 2)).toBeLessThan(1e-5);
    expect(gramDeviation(mlp.weights.get('policy/out/kernel')!, 1e-4)).toBeLessThan(1e-9);
    expect(gramDeviation(mlp.weights.get('value/out/kernel')!, 1)).toBeLessThan(1e-6);
    for (const [name, v] of mlp.weights) if (name.endsWith('/bias')) expect(Array.from(v.dataSync()).every((b) => b === 0)).toBe(true);
    mlp.dispose();
  });

  it.each([
    ['tanh, separate trunks', actorCritic()],
    ['relu, shared trunk', actorCritic({ activation: 'relu', sharedTrunk: true })],
    ['no hidden layer', actorCritic({ hidden: [] })],
  ])('computes what a hand-written forward pass computes (%s)', (_, config) => {
    const mlp = createMlp(tf, config);
    // Non-zero biases, so that a missing bias add would show.
    for (const [name, v] of mlp.weights) if (name.endsWith('/bias')) v.assign(tf.fill(v.shape, 0.3));
    const x = [[0.5, -1, 2, 0.25], [-0.3, 0.8, 0, 1.5]];
    const outputs = mlp.forward(tf.tensor2d(x));
    const values = readWeights(mlp.weights);
    x.forEach((row, r) => {
      referenceForward(values, config, row).forEach((expected, h) => {
        const got = outputs[h]!.arraySync()[r]!;
        expected.forEach((e, j) => expect(got[j]).toBeCloseTo(e, 5));
      });
    });
    tf.dispose(outputs);
    mlp.dispose();
  });

  it('draws the same weights for the same seed and different ones for another', () => {
    const [a, b, c] = [11, 11, 12].map((seed) => createMlp(tf, actorCritic({ seed })));
    const [va, vb, vc] = [a!, b!, c!].map((m) => readWeights(m.weights));
    for (const [name, values] of va!) {
      expect(Buffer.from(vb!.get(name)!.buffer)).toEqual(Buffer.from(values.buffer));
      if (name.endsWith('/kernel')) expect(vc!.get(name)).not.toEqual(values);
    }
    [a!, b!, c!].forEach((m) => m.dispose());
  });

  it('restores saved weights by name and refuses a missing one', () => {
    const a = createMlp(tf, actorCritic({ seed: 1 }));
    const b = createMlp(tf, actorCritic({ seed: 2 }));
    loadWeights(tf, b.weights, readWeights(a.weights));
    expect(readWeights(b.weights)).toEqual(readWeights(a.weights));
    const partial = readWeights(a.weights);
    partial.delete('value/out/bias');
    expect(() => loadWeights(tf, b.weights, partial)).toThrow(/value\/out\/bias/);
    a.dispose();
    b.dispose();
  });

  it('rejects duplicate head names and bad sizes', () => {
    expect(() => createMlp(tf, actorCritic({ heads: [{ name: 'q', size: 2, gain: 1 }, { name: 'q', size: 1, gain: 1 }] }))).toThrow(/distinct/);
    expect(() => createMlp(tf, actorCritic({ hidden: [0] }))).toThrow(/hidden/);
  });
});
