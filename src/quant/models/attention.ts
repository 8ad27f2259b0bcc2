/**
 * Multi-head self-attention for the transformer, with an optional volatility bias:
 * 1. every head's queries, keys and values from one matmul x·[Wq/√dHead | Wkv] + [bq/√dHead |
 *    bkv] [rows, 3·dModel] (the scale folded into the small kernel, not applied to q). One
 *    product for all heads means one weight gradient Xᵀ·dY: measured on the wasm backend
 *    (batch 64, L 90, dModel 64, 4 heads) the per-head layout spent ~30 ms of a ~220 ms step
 *    transposing the same X for twelve weight gradients. With `lastQueryOnly` the queries
 *    come from the last row alone, so they get their own product;
 * 2. the heads become a batch axis, [batch, heads, steps, dHead], by one transpose of each
 *    projection: the attention products and the softmax then run once for all heads, not
 *    once per head on column blocks split off by copies (~15 ms of a step on wasm);
 * 3. logits q k^T / sqrt(dHead), plus, with the volatility bias, w_h * v_j for key step j:
 *    a learned scalar per head and layer, so a head can learn to attend more (w_h > 0) or
 *    less (w_h < 0) to turbulent days. The bias has no b_h term: a constant added to every
 *    key's logit cancels in the softmax, so it would be a weight with zero gradient;
 * 4. softmax over key steps: full attention, no causal mask, since every step in a window is
 *    at or before the sample's date (the window never holds a future row);
 * 5. the heads' contexts side by side [rows, dModel] through one output matmul.
 * With `lastQueryOnly`, only the window's last step asks the queries: what the model needs
 * when it pools the last step, at 1/L of the query-side cost.
 */
import type * as tf from '@tensorflow/tfjs';
import type { WeightInit } from './sequence-model.js';

export interface AttentionWeights {
  heads: number;
  /** [dModel, dModel]: head h's query kernel is columns h·dHead .. (h+1)·dHead. */
  query: tf.Variable;
  queryBias: tf.Variable;
  /** [dModel, 2·dModel]: every head's key kernel, then every head's value kernel. */
  keyValue: tf.Variable;
  keyValueBias: tf.Variable;
  /** [dModel, dModel]: rows h·dHead .. (h+1)·dHead read head h's context. */
  output: tf.Variable;
  outputBias: tf.Variable;
  /** Scalar w_h of the volatility bias per head, when enabled. */
  volatility: tf.Variable[] | null;
}

export interface AttentionShape {
  dModel: number;
  heads: number;
  volatilityBias: boolean;
}

/** Creates and registers the weights of one attention layer under `prefix` (e.g. `layer0/attention`). */
export function createAttentionWeights(init: WeightInit, registry: Map<string, tf.Variable>, prefix: string, shape: AttentionShape): AttentionWeights {
  const { dModel: d, heads } = shape;
  const add = (name: string, make: (fullName: string) => tf.Variable): tf.Variable => {
    const v = make(`${prefix}/${name}`);
    registry.set(`${prefix}/${name}`, v);
    return v;
  };
  // Each head's projection is Glorot over its own [dModel, dHead] fan.
  const projectionLimit = Math.sqrt(6 / (d + d / heads));
  return {
    heads,
    query: add('query/kernel', (n) => init.uniform(n, [d, d], projectionLimit)),
    queryBias: add('query/bias', (n) => init.constant(n, [d], 0)),
    keyValue: add('key-value/kernel', (n) => init.uniform(n, [d, 2 * d], projectionLimit)),
    keyValueBias: add('key-value/bias', (n) => init.constant(n, [2 * d], 0)),
    output: add('output/kernel', (n) => init.glorot(n, [d, d])),
    outputBias: add('output/bias', (n) => init.constant(n, [d], 0)),
    // Zero at first: the model starts as plain attention and learns whether volatility matters.
    volatility: shape.volatilityBias ? Array.from({ length: heads }, (_, h) => add(`head${h}/volatility`, (n) => init.constant(n, [], 0))) : null,
  };
}

export interface SelfAttentionOptions {
  /** [batch, L] realized volatility per key step; required when the weights have a volatility bias. */
  volatility?: tf.Tensor2D;
  /** Only the last step asks queries: the output is [batch, 1, dModel]. */
  lastQueryOnly: boolean;
  /** Receives each head's attention probabilities [batch, queries, L], in head order. */
  onProbabilities?: (head: number, probabilities: tf.Tensor3D) => void;
}

/** Self-attention over x [batch, L, dModel]; returns [batch, queries, dModel]. */
export function selfAttention(tfjs: typeof tf, x: tf.Tensor3D, weights: AttentionWeights, options: SelfAttentionOptions): tf.Tensor3D {
  const [B, L, dModel] = x.shape;
  const H = weights.heads;
  const dHead = dModel / H;
  const queries = options.lastQueryOnly ? 1 : L;
  const rows = tfjs.reshape(x, [B * L, dModel]) as tf.Tensor2D;
  const { qHeads, kHeads, vHeads } = options.lastQueryOnly ? lastStepHeads(tfjs, x, rows, weights) : everyStepHeads(tfjs, rows, B, L, weights);
  let logits = tfjs.matMul(qHeads, kHeads, false, true) as tf.Tensor4D;
  if (weights.volatility) {
    const keyVolatility = volatilityOf(tfjs, options.volatility, B, L);
    const perHead = tfjs.reshape(tfjs.stack(weights.volatility), [1, H, 1, 1]);
    logits = tfjs.add(logits, tfjs.mul(keyVolatility, perHead));
  }
  const probabilities = tfjs.softmax(logits) as tf.Tensor4D;
  if (options.onProbabilities) tfjs.unstack(probabilities, 1).forEach((p, h) => options.onProbabilities!(h, p as tf.Tensor3D));
  const contexts = tfjs.matMul(probabilities, vHeads);
  const context = tfjs.reshape(tfjs.transpose(contexts, [0, 2, 1, 3]), [B * queries, dModel]) as tf.Tensor2D;
  const out = tfjs.fused.matMul({ a: context, b: weights.output as tf.Tensor2D, bias: weights.outputBias });
  return tfjs.reshape(out, [B, queries, dModel]) as tf.Tensor3D;
}

interface Heads {
  /** [B, heads, queries, dHead], already scaled by 1/√dHead. */
  qHeads: tf.Tensor4D;
  kHeads: tf.Tensor4D;
  vHeads: tf.Tensor4D;
}

/** 1/√dHead folded into the query kernel and bias: cheaper than scaling q or the logits. */
function scaledQuery(tfjs: typeof tf, weights: AttentionWeights, dHead: number): { kernel: tf.Tensor2D; bias: tf.Tensor1D } {
  const scale = 1 / Math.sqrt(dHead);
  return { kernel: tfjs.mul(weights.query, scale), bias: tfjs.mul(weights.queryBias, scale) };
}

/** Every step asks queries: q, k and v from one product with the kernels side by side [dModel, 3·dModel]. */
function everyStepHeads(tfjs: typeof tf, rows: tf.Tensor2D, B: number, L: number, weights: AttentionWeights): Heads {
  const H = weights.heads;
  const dHead = rows.shape[1] / H;
  const query = scaledQuery(tfjs, weights, dHead);
  const kernel = tfjs.concat([query.kernel, weights.keyValue as tf.Tensor2D], 1);
  const bias = tfjs.concat([query.bias, weights.keyValueBias as tf.Tensor1D]);
  const qkv = tfjs.fused.matMul({ a: rows, b: kernel, bias });
  const heads = tfjs.transpose(tfjs.reshape(qkv, [B, L, 3 * H, dHead]), [0, 2, 1, 3]);
  const [qHeads, kHeads, vHeads] = tfjs.split(heads, 3, 1) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
  return { qHeads, kHeads, vHeads };
}

/** Only the last step asks queries: q from its row alone, k and v from every row. */
function lastStepHeads(tfjs: typeof tf, x: tf.Tensor3D, rows: tf.Tensor2D, weights: AttentionWeights): Heads {
  const [B, L, dModel] = x.shape;
  const H = weights.heads;
  const dHead = dModel / H;
  const query = scaledQuery(tfjs, weights, dHead);
  const lastRow = tfjs.reshape(tfjs.slice(x, [0, L - 1, 0], [B, 1, dModel]), [B, dModel]) as tf.Tensor2D;
  const q = tfjs.fused.matMul({ a: lastRow, b: query.kernel, bias: query.bias });
  const kv = tfjs.fused.matMul({ a: rows, b: weights.keyValue as tf.Tensor2D, bias: weights.keyValueBias });
  const qHeads = tfjs.reshape(q, [B, H, 1, dHead]) as tf.Tensor4D;
  const [kHeads, vHeads] = tfjs.split(tfjs.transpose(tfjs.reshape(kv, [B, L, 2 * H, dHead]), [0, 2, 1, 3]), 2, 1) as [tf.Tensor4D, tf.Tensor4D];
  return { qHeads, kHeads, vHeads };
}

/** [batch, 1, 1, L]: the key steps' volatility, broadcast over heads and queries. */
function volatilityOf(tfjs: typeof tf, volatility: tf.Tensor2D | undefined, B: number, L: number): tf.Tensor4D {
  if (!volatility) throw new RangeError('the transformer has a volatility bias but the batch has no volatility; name a volatility feature for the windows, or switch the bias off');
  if (volatility.shape[0] !== B || volatility.shape[1] !== L) throw new RangeError(`volatility has shape [${volatility.shape.join(', ')}], expected [${B}, ${L}]`);
  return tfjs.reshape(volatility, [B, 1, 1, L]) as tf.Tensor4D;
}
