import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/quant/data/random-stream.js';
import { Adam } from '../../../src/quant/models/adam.js';
import { renderAttentionHeatmap } from '../../../src/quant/models/attention-heatmap.js';
import { calendarSinusoid, sinusoidFrequencies } from '../../../src/quant/models/calendar-encoding.js';
import { learningRate } from '../../../src/quant/models/learning-rate-schedule.js';
import type { SequenceInputs } from '../../../src/quant/models/sequence-model.js';
import { attentionMaps, averageOverBatch, createTransformer, type TransformerConfig } from '../../../src/quant/models/transformer-model.js';

const [B, L, F] = [4, 6, 3];

function config(extra: Partial<TransformerConfig> = {}): TransformerConfig {
  return { features: F, classes: 3, layers: 2, heads: 2, dModel: 8, dFf: 16, dropout: 0, volatilityBias: true, positional: 'calendar-sinusoid', seed: 11, ...extra };
}

/** Trading days Mon..Fri, Mon: the window's steps sit at these offsets from the last day. */
const WEEKEND_GAP = [-7, -6, -5, -4, -3, 0];
const NO_GAP = [-5, -4, -3, -2, -1, 0];

function batch(seed = 1, offsets = WEEKEND_GAP, n = B): SequenceInputs {
  const random = new RandomStream(seed);
  return {
    inputs: tf.tensor3d(Float32Array.from({ length: n * L * F }, () => random.nextNormal()), [n, L, F]),
    dayOffsets: tf.tensor2d(Float32Array.from({ length: n * L }, (_, i) => offsets[i % L]!), [n, L]),
    volatility: tf.tensor2d(Float32Array.from({ length: n * L }, () => random.nextNormal()), [n, L]),
  };
}

const values = (t: tf.Tensor) => Array.from(t.dataSync());

function weightValues(model: { weights: ReadonlyMap<string, tf.Variable> }): Map<string, number[]> {
  return new Map([...model.weights].map(([name, w]) => [name, values(w)]));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('createTransformer', () => {
  it('gives finite logits [batch, classes] for either positional encoding', () => {
    for (const positional of ['calendar-sinusoid', 'time2vec'] as const) {
      const model = createTransformer(tf, config({ positional }));
      const logits = model.logits(batch(), { training: false });
      expect(logits.shape).toEqual([B, 3]);
      expect(values(logits).every(Number.isFinite)).toBe(true);
      expect(model.kind).toBe('transformer');
      expect(model.config).toMatchObject({ positional, layers: 2 });
      model.dispose();
    }
  });

  it('draws identical weights and logits from the same seed, and different ones from another seed', () => {
    const [a, b, c] = [11, 11, 12].map((seed) => createTransformer(tf, config({ seed })));
    const x = batch();
    expect(weightValues(a!)).toEqual(weightValues(b!));
    expect(values(a!.logits(x, { training: false }))).toEqual(values(b!.logits(x, { training: false })));
    expect(weightValues(a!).get('layer0/attention/query/kernel')).not.toEqual(weightValues(c!).get('layer0/attention/query/kernel'));
    expect(values(a!.logits(x, { training: false }))).not.toEqual(values(c!.logits(x, { training: false })));
    for (const m of [a, b, c]) m!.dispose();
  });

  it('names its weights stably, in creation order', () => {
    const names = [...createTransformer(tf, config({ layers: 1, heads: 1, positional: 'time2vec' })).weights.keys()];
    expect(names.slice(0, 6)).toEqual(['input/kernel', 'input/bias', 'time2vec/frequency', 'time2vec/phase', 'layer0/norm1/gain', 'layer0/norm1/bias']);
    expect(names).toContain('layer0/attention/head0/volatility');
    expect(names.slice(-4)).toEqual(['final-norm/gain', 'final-norm/bias', 'head/kernel', 'head/bias']);
  });

  it('applies dropout only when training, with masks reproducible from the dropout seed', () => {
    const model = createTransformer(tf, config({ dropout: 0.3 }));
    const x = batch();
    const evaluated = values(model.logits(x, { training: false }));
    const trainA = values(model.logits(x, { training: true, dropoutSeed: 5 }));
    expect(values(model.logits(x, { training: false, dropoutSeed: 9 }))).toEqual(evaluated);
    expect(trainA).not.toEqual(evaluated);
    expect(values(model.logits(x, { training: true, dropoutSeed: 5 }))).toEqual(trainA);
    expect(values(model.logits(x, { training: true, dropoutSeed: 6 }))).not.toEqual(trainA);
    expect(() => model.logits(x, { training: true })).toThrow(/dropoutSeed/);
    model.dispose();
  });

  it('computes the same logits with the last-step shortcut as over every step', () => {
    const model = createTransformer(tf, config({ layers: 3 }));
    const x = batch(4);
    const { logits, attention } = model.inspect(x);
    const fast = values(model.logits(x, { training: false }));
    values(logits).forEach((v, i) => expect(v).toBeCloseTo(fast[i]!, 5));
    expect(attention.shape).toEqual([3, B, 2, L, L]);
    model.dispose();
  });

  it('rejects an invalid config and a batch of the wrong width', () => {
    expect(() => createTransformer(tf, config({ dModel: 9, heads: 2 }))).toThrow(/multiple of heads/);
    expect(() => createTransformer(tf, config({ dModel: 9, heads: 3 }))).toThrow(/even dModel/);
    expect(() => createTransformer(tf, config({ dropout: 1 }))).toThrow(/dropout/);
    const model = createTransformer(tf, config({ features: 5 }));
    expect(() => model.logits(batch(), { training: false })).toThrow(/5 features/);
    model.dispose();
  });
});

describe('calendar encoding', () => {
  it('is sin and cos of the day offset at 10000^(-2i/d) frequencies', () => {
    const encoding = values(calendarSinusoid(tf, tf.tensor2d([[-3, 0]]), 8));
    const w = sinusoidFrequencies(8);
    expect(Array.from(w)).toEqual([1, 10_000 ** -0.25, 10_000 ** -0.5, 10_000 ** -0.75].map(Math.fround));
    for (let i = 0; i < 4; i++) {
      expect(encoding[i]).toBeCloseTo(Math.sin(-3 * w[i]!), 6);
      expect(encoding[4 + i]).toBeCloseTo(Math.cos(-3 * w[i]!), 6);
      expect(encoding[8 + i]).toBeCloseTo(0, 6);
      expect(encoding[12 + i]).toBeCloseTo(1, 6);
    }
  });

  it('encodes the same step index differently when a weekend lies between the steps', () => {
    const overWeekend = values(calendarSinusoid(tf, tf.tensor2d([WEEKEND_GAP]), 8));
    const noGap = values(calendarSinusoid(tf, tf.tensor2d([NO_GAP]), 8));
    expect(overWeekend.slice(0, 8)).not.toEqual(noGap.slice(0, 8));
    expect(overWeekend.slice(40, 48)).toEqual(noGap.slice(40, 48)); // the last day, offset 0, in both
    for (const positional of ['calendar-sinusoid', 'time2vec'] as const) {
      const model = createTransformer(tf, config({ positional }));
      expect(values(model.logits(batch(1, WEEKEND_GAP), { training: false }))).not.toEqual(values(model.logits(batch(1, NO_GAP), { training: false })));
      model.dispose();
    }
  });
});

describe('volatility-aware attention', () => {
  it('changes the attention once its weights are non-zero', () => {
    const model = createTransformer(tf, config());
    const x = batch(2);
    const before = attentionMaps(model, x).values;
    const calm = { ...x, volatility: tf.zerosLike(x.volatility!) as tf.Tensor2D };
    expect(attentionMaps(model, calm).values).toEqual(before); // w_h starts at 0
    model.weights.get('layer0/attention/head1/volatility')!.assign(tf.scalar(1.5));
    const after = attentionMaps(model, x);
    expect(Array.from(after.values)).not.toEqual(Array.from(before));
    // With w_h = 1.5 > 0, layer 0 head 1 puts more weight on the most volatile key step.
    const vol = values(x.volatility!).slice(0, L);
    const stormy = vol.indexOf(Math.max(...vol));
    const rowMass = (v: Float32Array, key: number) => v[(1 * L + 0) * L + key]!; // layer 0, sample 0, head 1, query 0
    expect(rowMass(after.values, stormy)).toBeGreaterThan(rowMass(before, stormy));
    expect(() => model.logits({ inputs: x.inputs, dayOffsets: x.dayOffsets }, { training: false })).toThrow(/volatility/);
    model.dispose();
  });

  it('has no volatility weights and ignores volatility when switched off', () => {
    const model = createTransformer(tf, config({ volatilityBias: false }));
    expect([...model.weights.keys()].filter((n) => n.includes('volatility'))).toEqual([]);
    const x = batch(2);
    const without = values(model.logits({ inputs: x.inputs, dayOffsets: x.dayOffsets }, { training: false }));
    expect(values(model.logits(x, { training: false }))).toEqual(without);
    model.dispose();
  });
});

describe('attentionMaps', () => {
  it('returns [layers, batch, heads, L, L] probabilities whose rows sum to 1, over past and later steps alike', () => {
    const model = createTransformer(tf, config());
    const maps = attentionMaps(model, batch(3));
    expect([maps.layers, maps.batch, maps.heads, maps.steps]).toEqual([2, B, 2, L]);
    expect(maps.values.length).toBe(2 * B * 2 * L * L);
    for (let row = 0; row < maps.values.length / L; row++) {
      const r = maps.values.subarray(row * L, (row + 1) * L);
      expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      // Full attention: the first query step also attends to the last (no causal mask).
      expect(r[L - 1]).toBeGreaterThan(0);
    }
    const mean = averageOverBatch(maps);
    expect(mean.length).toBe(2 * 2 * L * L);
    expect(mean.subarray(0, L).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    model.dispose();
  });
});

describe('training', () => {
  it.each(['calendar-sinusoid', 'time2vec'] as const)('lowers the loss on a separable toy problem in a few Adam steps (%s)', (positional) => {
    // Class = sign of feature 0 on the last step.
    const n = 32;
    const x = batch(7, WEEKEND_GAP, n);
    const last = values(x.inputs).filter((_, i) => i % (L * F) === (L - 1) * F);
    const labels = tf.oneHot(tf.tensor1d(last.map((v) => (v > 0 ? 1 : 0)), 'int32'), 2);
    const model = createTransformer(tf, config({ classes: 2, dropout: 0.1, positional }));
    const adam = new Adam(tf, model.weights);
    const names = new Map([...model.weights].map(([name, w]) => [w.name, name]));
    const loss = () => tf.losses.softmaxCrossEntropy(labels, model.logits(x, { training: false })).dataSync()[0]!;
    const start = loss();
    for (let step = 1; step <= 25; step++) {
      const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(labels, model.logits(x, { training: true, dropoutSeed: step })) as tf.Scalar, [...model.weights.values()]);
      expect(Object.keys(grads)).toHaveLength(model.weights.size); // every weight, the zero-initialized volatility ones too
      adam.apply(new Map(Object.entries(grads).map(([k, g]) => [names.get(k)!, g])), 0.01, 1);
      tf.dispose([value, ...Object.values(grads)]);
    }
    expect(loss()).toBeLessThan(0.6 * start);
    model.dispose();
  });
});

describe('learningRate', () => {
  const schedule = { peak: 1e-3, warmupSteps: 4000 };
  it('warms up linearly to the peak, then decays as 1/sqrt(step)', () => {
    expect(learningRate(1, schedule)).toBeCloseTo(2.5e-7, 15);
    expect(learningRate(2000, schedule)).toBeCloseTo(5e-4, 12);
    expect(learningRate(4000, schedule)).toBeCloseTo(1e-3, 12);
    expect(learningRate(16_000, schedule)).toBeCloseTo(5e-4, 12);
    expect(learningRate(64_000, schedule)).toBeCloseTo(2.5e-4, 12);
  });

  it('starts at the peak without warm-up and rejects steps before the first', () => {
    expect(learningRate(1, { peak: 0.01, warmupSteps: 0 })).toBe(0.01);
    expect(learningRate(4, { peak: 0.01, warmupSteps: 0 })).toBeCloseTo(0.005, 12);
    expect(() => learningRate(0, schedule)).toThrow(/>= 1/);
    expect(() => learningRate(1, { peak: 0, warmupSteps: 10 })).toThrow(/peak/);
  });
});

describe('renderAttentionHeatmap', () => {
  it('draws a layer x head grid of panels as a self-contained SVG', () => {
    const maps = new Float32Array(2 * 2 * L * L).fill(1 / L);
    maps[5] = 0.9;
    const svg = renderAttentionHeatmap(maps, L, { heads: 2, title: 'probe <epoch 3>' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('<title>probe &lt;epoch 3&gt;</title>');
    expect(svg.match(/layer \d head \d/g)).toEqual(['layer 0 head 0', 'layer 0 head 1', 'layer 1 head 0', 'layer 1 head 1']);
    expect(svg.match(/<g/g)!.length).toBe(svg.match(/<\/g>/g)!.length);
  });

  it('keeps a 2-layer, 4-head map of 90 steps small', () => {
    const random = new RandomStream(5);
    const maps = Float32Array.from({ length: 8 * 90 * 90 }, () => random.nextFloat());
    const svg = renderAttentionHeatmap(maps, 90, { heads: 4 });
    expect(svg.length).toBeLessThan(400_000);
    expect(() => renderAttentionHeatmap(maps, 89)).toThrow(/multiple/);
  });
});
