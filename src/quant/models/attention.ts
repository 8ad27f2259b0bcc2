/**
 * Multi-head self-attention for the transformer, with an optional volatility bias:
 * 1. every head's queries from one matmul x·Wq + bq [rows, dModel], every head's keys and
 *    values from one matmul x·Wkv + bkv [rows, 2·dModel]. One product per projection (not
 *    one per head) means one weight gradient Xᵀ·dY per projection: measured on the wasm
 *    backend (batch 64, L 90, dModel 64, 4 heads) the per-head layout spent ~30 ms of a
 *    ~220 ms step transposing the same X for twelve weight gradients;
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
  const queryRows = options.lastQueryOnly ? (tfjs.reshape(tfjs.slice(x, [0, L - 1, 0], [B, 1, dModel]), [B, dModel]) as tf.Tensor2D) : rows;
  // Scaling q ([B·queries, dModel]) is cheaper than scaling the logits ([B, H, queries, L]).
  const q = tfjs.mul(tfjs.fused.matMul({ a: queryRows, b: weights.query as tf.Tensor2D, bias: weights.queryBias }), 1 / Math.sqrt(dHead));
  const kv = tfjs.fused.matMul({ a: rows, b: weights.keyValue as tf.Tensor2D, bias: weights.keyValueBias });
  // Heads as a batch axis, [B, heads, steps, dHead]: one transpose instead of a copy per head.
  const qHeads = tfjs.transpose(tfjs.reshape(q, [B, queries, H, dHead]), [0, 2, 1, 3]) as tf.Tensor4D;
  const [kHeads, vHeads] = tfjs.split(tfjs.transpose(tfjs.reshape(kv, [B, L, 2 * H, dHead]), [0, 2, 1, 3]), 2, 1) as [tf.Tensor4D, tf.Tensor4D];
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

/** [batch, 1, 1, L]: the key steps' volatility, broadcast over heads and queries. */
function volatilityOf(tfjs: typeof tf, volatility: tf.Tensor2D | undefined, B: number, L: number): tf.Tensor4D {
  if (!volatility) throw new RangeError('the transformer has a volatility bias but the batch has no volatility; name a volatility feature for the windows, or switch the bias off');
  if (volatility.shape[0] !== B || volatility.shape[1] !== L) throw new RangeError(`volatility has shape [${volatility.shape.join(', ')}], expected [${B}, ${L}]`);
  return tfjs.reshape(volatility, [B, 1, 1, L]) as tf.Tensor4D;
}
