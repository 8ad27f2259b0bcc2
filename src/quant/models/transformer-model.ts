/**
 * The transformer encoder classifier (issue 4 item 4), written with tfjs-core ops:
 * 1. input projection F -> dModel of every step, plus a positional encoding of the step's
 *    real day offset (`calendar-encoding.ts`: the calendar sinusoid or Time2Vec), then
 *    dropout;
 * 2. `layers` pre-LayerNorm encoder blocks: h += dropout(attention(LN(h))), then
 *    h += dropout(FFN(LN(h))) with FFN = ReLU(h W1 + b1) W2 + b2 (ReLU: one element-wise
 *    op, where GELU would be five more per block);
 *    the attention (`attention.ts`) optionally biased by each key step's volatility;
 * 3. a final LayerNorm (pre-LN blocks leave the residual stream unnormalized) of the LAST
 *    step's representation: the last step is the sample's date, and with full attention it
 *    reads every earlier step; since nothing else is pooled, the last block computes
 *    queries, feed-forward and residuals for that step only (same logits, ~40% fewer FLOPs
 *    for 2 layers at L 90; `inspect` runs every step and checks it in the tests);
 * 4. dropout, then a linear head to class logits.
 * Attention is full (no causal mask): a window holds only rows at or before its end date.
 * `attentionMaps` runs a probe batch in eval mode and returns every layer's and head's
 * attention probabilities, for the stage to save and render (`attention-heatmap.ts`).
 */
import type * as tf from '@tensorflow/tfjs';
import { createAttentionWeights, selfAttention, type AttentionWeights } from './attention.js';
import { layerNorm } from './layer-norm.js';
import { calendarSinusoid, createTime2Vec, time2vec, type Time2VecWeights } from './calendar-encoding.js';
import { WeightInit, type ForwardOptions, type SequenceInputs, type SequenceModel } from './sequence-model.js';

/** How the encoder knows when each step happened. */
export type PositionalEncoding = 'calendar-sinusoid' | 'time2vec';

export interface TransformerConfig {
  features: number;
  classes: number;
  /** Encoder blocks (integer >= 1; the seed design: 6). */
  layers: number;
  /** Attention heads per block; must divide dModel (the seed design: 8). */
  heads: number;
  /** Width of the residual stream (the seed design: 512; even for the calendar sinusoid). */
  dModel: number;
  /** Width of the feed-forward layer (the seed design: 2048). */
  dFf: number;
  /** Dropout rate after the embedding, each residual branch and before the head, in [0, 1). */
  dropout: number;
  /** Bias each head's attention logits by w_h * volatility of the key step; needs `SequenceInputs.volatility`. */
  volatilityBias: boolean;
  positional: PositionalEncoding;
  seed: number;
}

export interface TransformerModel extends SequenceModel {
  readonly kind: 'transformer';
  /**
   * Eval-mode forward pass over every step of every block, returning the logits (equal to
   * `logits(x, { training: false })`) and the attention probabilities
   * [layers, batch, heads, L, L] (query step, then key step). The caller disposes both.
   */
  inspect(x: SequenceInputs): { logits: tf.Tensor2D; attention: tf.Tensor };
}

/** Attention probabilities of a probe batch: values [layers, batch, heads, steps (query), steps (key)], row-major. */
export interface AttentionMaps {
  layers: number;
  batch: number;
  heads: number;
  steps: number;
  values: Float32Array;
}

interface BlockWeights {
  norm1: LayerNormWeights;
  attention: AttentionWeights;
  norm2: LayerNormWeights;
  inner: tf.Variable;
  innerBias: tf.Variable;
  outer: tf.Variable;
  outerBias: tf.Variable;
}

interface LayerNormWeights {
  gain: tf.Variable;
  bias: tf.Variable;
}

/** Dropout sites: 0 the embedding, 1 + 2l and 2 + 2l block l's attention and FFN, 1 + 2 layers the head. */
const EMBEDDING_SITE = 0;

export function createTransformer(tfjs: typeof tf, config: TransformerConfig): TransformerModel {
  checkConfig(config);
  const { weights, inputKernel, inputBias, t2v, blocks, finalNorm, headKernel, headBias } = createWeights(tfjs, config);
  const { features: F, dModel: d } = config;

  /** Every block over every step when `probabilities` collects the maps; else the last block for the last step only. */
  const forward = (x: SequenceInputs, options: ForwardOptions, probabilities: tf.Tensor3D[][] | null): tf.Tensor2D => {
    const [B, L] = checkInputs(x, config);
    // Unfused: the fused op's gradient computes every input's gradient, here a [B·L, F] one
    // for the inputs that nothing needs (a 43 MFLOP product per step at the bench's size).
    const projected = tfjs.add(tfjs.matMul(tfjs.reshape(x.inputs, [B * L, F]) as tf.Tensor2D, inputKernel as tf.Tensor2D), inputBias);
    const position = t2v ? time2vec(tfjs, x.dayOffsets, t2v) : calendarSinusoid(tfjs, x.dayOffsets, d);
    let h = tfjs.add(tfjs.reshape(projected, [B, L, d]), position) as tf.Tensor3D;
    h = dropout(tfjs, h, config.dropout, options, EMBEDDING_SITE);
    blocks.forEach((block, l) => {
      const maps: tf.Tensor3D[] | null = probabilities === null ? null : [];
      const lastQueryOnly = probabilities === null && l === blocks.length - 1;
      h = encoderBlock(tfjs, h, block, { layer: l, lastQueryOnly, volatility: x.volatility, rate: config.dropout, options, maps });
      if (maps !== null) probabilities?.push(maps);
    });
    const steps = h.shape[1];
    const last = tfjs.reshape(tfjs.slice(h, [0, steps - 1, 0], [B, 1, d]), [B, d]) as tf.Tensor2D;
    const pooled = dropout(tfjs, normalize(tfjs, last, finalNorm), config.dropout, options, 1 + 2 * config.layers);
    return tfjs.fused.matMul({ a: pooled, b: headKernel as tf.Tensor2D, bias: headBias }) as tf.Tensor2D;
  };

  return {
    kind: 'transformer',
    config: { ...config },
    weights,
    logits(x: SequenceInputs, options: ForwardOptions): tf.Tensor2D {
      return tfjs.tidy(() => forward(x, options, null));
    },
    inspect(x: SequenceInputs) {
      return tfjs.tidy(() => {
        const probabilities: tf.Tensor3D[][] = [];
        const logits = forward(x, { training: false }, probabilities);
        // Each head's [B, L, L] stacked to [B, heads, L, L], the layers to [layers, B, heads, L, L].
        const attention = tfjs.stack(probabilities.map((heads) => tfjs.stack(heads, 1)));
        return { logits, attention };
      });
    },
    dispose() {
      for (const v of weights.values()) v.dispose();
    },
  };
}

interface BlockOptions {
  layer: number;
  lastQueryOnly: boolean;
  volatility: tf.Tensor2D | undefined;
  rate: number;
  options: ForwardOptions;
  /** Receives the block's attention probabilities, one [B, queries, L] per head; null: not wanted (splitting them per head costs copies). */
  maps: tf.Tensor3D[] | null;
}

/** One pre-LN block over h [B, L, d]: [B, L, d] out, or [B, 1, d] (the last step) with `lastQueryOnly`. */
function encoderBlock(tfjs: typeof tf, h: tf.Tensor3D, block: BlockWeights, o: BlockOptions): tf.Tensor3D {
  const [B, L, d] = h.shape;
  const maps = o.maps;
  const attended = selfAttention(tfjs, normalize(tfjs, h, block.norm1), block.attention, {
    volatility: o.volatility,
    lastQueryOnly: o.lastQueryOnly,
    onProbabilities: maps === null ? undefined : (_, p) => maps.push(p),
  });
  const steps = o.lastQueryOnly ? 1 : L;
  const residual = o.lastQueryOnly ? (tfjs.slice(h, [0, L - 1, 0], [B, 1, d]) as tf.Tensor3D) : h;
  const mid = tfjs.add(residual, dropout(tfjs, attended, o.rate, o.options, 1 + 2 * o.layer)) as tf.Tensor3D;
  const rows = tfjs.reshape(normalize(tfjs, mid, block.norm2), [B * steps, d]) as tf.Tensor2D;
  // The ReLU apart: under a gradient tape tfjs fuses only a linear activation, and with
  // 'relu' it would split off the bias add as well ([B·L, dFf] once more).
  const hidden = tfjs.relu(tfjs.fused.matMul({ a: rows, b: block.inner as tf.Tensor2D, bias: block.innerBias }));
  const ffn = tfjs.reshape(tfjs.fused.matMul({ a: hidden, b: block.outer as tf.Tensor2D, bias: block.outerBias }), [B, steps, d]);
  return tfjs.add(mid, dropout(tfjs, ffn, o.rate, o.options, 2 + 2 * o.layer)) as tf.Tensor3D;
}

/** All weights in creation order (which fixes the seeded draws and the names' order). */
function createWeights(tfjs: typeof tf, config: TransformerConfig) {
  const init = new WeightInit(tfjs, config.seed);
  const weights = new Map<string, tf.Variable>();
  const add = (name: string, v: tf.Variable): tf.Variable => {
    weights.set(name, v);
    return v;
  };
  const { features: F, dModel: d, dFf } = config;
  const inputKernel = add('input/kernel', init.glorot('input/kernel', [F, d]));
  const inputBias = add('input/bias', init.constant('input/bias', [d], 0));
  let t2v: Time2VecWeights | null = null;
  if (config.positional === 'time2vec') {
    t2v = createTime2Vec(tfjs, d);
    add('time2vec/frequency', t2v.frequency);
    add('time2vec/phase', t2v.phase);
  }
  const layerNorm = (prefix: string): LayerNormWeights => ({
    gain: add(`${prefix}/gain`, init.constant(`${prefix}/gain`, [d], 1)),
    bias: add(`${prefix}/bias`, init.constant(`${prefix}/bias`, [d], 0)),
  });
  const blocks: BlockWeights[] = [];
  for (let l = 0; l < config.layers; l++) {
    const p = `layer${l}`;
    blocks.push({
      norm1: layerNorm(`${p}/norm1`),
      attention: createAttentionWeights(init, weights, `${p}/attention`, config),
      norm2: layerNorm(`${p}/norm2`),
      inner: add(`${p}/ffn/inner/kernel`, init.glorot(`${p}/ffn/inner/kernel`, [d, dFf])),
      innerBias: add(`${p}/ffn/inner/bias`, init.constant(`${p}/ffn/inner/bias`, [dFf], 0)),
      outer: add(`${p}/ffn/outer/kernel`, init.glorot(`${p}/ffn/outer/kernel`, [dFf, d])),
      outerBias: add(`${p}/ffn/outer/bias`, init.constant(`${p}/ffn/outer/bias`, [d], 0)),
    });
  }
  const finalNorm = layerNorm('final-norm');
  const headKernel = add('head/kernel', init.glorot('head/kernel', [d, config.classes]));
  const headBias = add('head/bias', init.constant('head/bias', [config.classes], 0));
  return { weights, inputKernel, inputBias, t2v, blocks, finalNorm, headKernel, headBias };
}

/** Attention probabilities of a fixed probe batch, in eval mode, as one Float32Array (see `AttentionMaps`). */
export function attentionMaps(model: TransformerModel, x: SequenceInputs): AttentionMaps {
  const { logits, attention } = model.inspect(x);
  logits.dispose();
  const [layers, batch, heads, steps] = attention.shape as [number, number, number, number, number];
  const values = attention.dataSync() as Float32Array;
  attention.dispose();
  return { layers, batch, heads, steps, values };
}

/** The maps averaged over the probe batch: [layers, heads, L, L], the layout `renderAttentionHeatmap` draws. */
export function averageOverBatch(maps: AttentionMaps): Float32Array {
  const { layers, batch, heads, steps, values } = maps;
  const size = steps * steps;
  const out = new Float32Array(layers * heads * size);
  for (let l = 0; l < layers; l++) {
    for (let b = 0; b < batch; b++) {
      for (let h = 0; h < heads; h++) {
        const from = ((l * batch + b) * heads + h) * size;
        const to = (l * heads + h) * size;
        for (let i = 0; i < size; i++) out[to + i]! += values[from + i]! / batch;
      }
    }
  }
  return out;
}

function normalize<T extends tf.Tensor>(tfjs: typeof tf, x: T, weights: LayerNormWeights): T {
  return layerNorm(tfjs, x, weights.gain as tf.Tensor1D, weights.bias as tf.Tensor1D);
}

function dropout<T extends tf.Tensor>(tfjs: typeof tf, x: T, rate: number, options: ForwardOptions, site: number): T {
  if (!options.training || rate === 0) return x;
  if (options.dropoutSeed === undefined) throw new Error('training with dropout needs a dropoutSeed (for reproducible runs)');
  return tfjs.dropout(x, rate, undefined, options.dropoutSeed + site) as T;
}

function checkInputs(x: SequenceInputs, config: TransformerConfig): [number, number] {
  const [B, L, F] = x.inputs.shape;
  if (F !== config.features) throw new RangeError(`the transformer takes ${config.features} features per step, the batch has ${F}`);
  if (x.dayOffsets.shape[0] !== B || x.dayOffsets.shape[1] !== L) throw new RangeError(`dayOffsets has shape [${x.dayOffsets.shape.join(', ')}], expected [${B}, ${L}]`);
  return [B, L];
}

function checkConfig(c: TransformerConfig): void {
  const int = (name: string, v: number, min: number) => {
    if (!Number.isSafeInteger(v) || v < min) throw new RangeError(`transformer ${name} must be an integer >= ${min}, got ${v}`);
  };
  int('features', c.features, 1);
  int('classes', c.classes, 2);
  int('layers', c.layers, 1);
  int('heads', c.heads, 1);
  int('dModel', c.dModel, 1);
  int('dFf', c.dFf, 1);
  if (c.dModel % c.heads !== 0) throw new RangeError(`transformer dModel (${c.dModel}) must be a multiple of heads (${c.heads})`);
  if (c.positional !== 'calendar-sinusoid' && c.positional !== 'time2vec') {
    throw new RangeError(`transformer positional must be 'calendar-sinusoid' or 'time2vec', got '${String(c.positional)}'`);
  }
  if (c.positional === 'calendar-sinusoid' && c.dModel % 2 !== 0) throw new RangeError(`the calendar sinusoid needs an even dModel, got ${c.dModel}`);
  if (c.positional === 'time2vec' && c.dModel < 2) throw new RangeError(`time2vec needs dModel >= 2, got ${c.dModel}`);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new RangeError(`transformer dropout must be in [0, 1), got ${c.dropout}`);
  if (typeof c.volatilityBias !== 'boolean') throw new RangeError(`transformer volatilityBias must be true or false, got ${String(c.volatilityBias)}`);
}
