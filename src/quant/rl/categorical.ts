/**
 * The categorical distribution over discrete actions that a policy's logits define:
 * 1. sampling on the CPU from the logits' values with a seeded RandomStream, by inverting
 *    the cumulative softmax in float64, so a seed picks the same actions on every backend;
 *    the log-probability of each drawn action comes with it (PPO's "old" log-prob);
 * 2. the greedy action (argmax) for evaluation;
 * 3. log-prob and entropy as tensors, differentiable, for the PPO loss;
 * 4. action masks: a masked action has probability 0 (sampling and argmax skip it; the
 *    tensor path replaces its logit by MASKED_LOGIT, finite so that 0 * log 0 stays 0
 *    rather than NaN).
 * Layouts are row-major: logits and masks [rows, actionCount].
 */
import type * as tf from '@tensorflow/tfjs';
import type { RandomStream } from '../data/random-stream.js';

/** The logit a masked action gets: exp(MASKED_LOGIT - max) is exactly 0 in float32, yet finite. */
export const MASKED_LOGIT = -1e9;

/** What `sampleActions` reads and writes. */
export interface SampleOptions {
  /** [rows, actionCount] logits. */
  logits: Float32Array;
  actionCount: number;
  /** One uniform draw per row, in row order. */
  random: RandomStream;
  /** [rows] out: the sampled actions. */
  actions: Int32Array;
  /** [rows] out, optional: log-probability of each sampled action. */
  logProbs?: Float32Array;
  /** [rows, actionCount], optional: 1 where an action is allowed. */
  mask?: Uint8Array;
}

/** Samples one action per row of `logits`; a row with every action masked is an error. */
export function sampleActions(o: SampleOptions): void {
  const A = o.actionCount;
  const rows = o.logits.length / A;
  const p = new Float64Array(A);
  for (let r = 0; r < rows; r++) {
    const logSum = rowSoftmax(o.logits, r, A, o.mask, p);
    const u = o.random.nextFloat();
    let chosen = -1;
    let cumulative = 0;
    for (let a = 0; a < A; a++) {
      if (p[a] === 0) continue;
      chosen = a;
      cumulative += p[a]!;
      if (u < cumulative) break;
    }
    // When rounding leaves the total just under u, `chosen` is the last allowed action.
    o.actions[r] = chosen;
    if (o.logProbs) o.logProbs[r] = o.logits[r * A + chosen]! - logSum;
  }
}

/** The most probable allowed action of each row (the lowest index on ties). */
export function greedyActions(logits: Float32Array, actionCount: number, actions: Int32Array, mask?: Uint8Array): void {
  const rows = logits.length / actionCount;
  for (let r = 0; r < rows; r++) {
    let best = -1;
    for (let a = 0; a < actionCount; a++) {
      if (mask && mask[r * actionCount + a] === 0) continue;
      if (best < 0 || logits[r * actionCount + a]! > logits[r * actionCount + best]!) best = a;
    }
    if (best < 0) throw new RangeError(`row ${r} allows no action`);
    actions[r] = best;
  }
}

/**
 * Fills `p` with row r's probabilities (0 for masked actions) and returns the log of the
 * softmax's normalizer, log Σ exp(logit) over the allowed actions.
 */
function rowSoftmax(logits: Float32Array, r: number, A: number, mask: Uint8Array | undefined, p: Float64Array): number {
  let max = -Infinity;
  for (let a = 0; a < A; a++) if (!mask || mask[r * A + a] !== 0) max = Math.max(max, logits[r * A + a]!);
  if (max === -Infinity) throw new RangeError(`row ${r} allows no action`);
  let sum = 0;
  for (let a = 0; a < A; a++) {
    p[a] = !mask || mask[r * A + a] !== 0 ? Math.exp(logits[r * A + a]! - max) : 0;
    sum += p[a]!;
  }
  for (let a = 0; a < A; a++) p[a] = p[a]! / sum;
  return max + Math.log(sum);
}

/** `logits` with every disallowed action's logit replaced by MASKED_LOGIT (`mask` [rows, A], 1 = allowed). */
export function maskLogits(tfjs: typeof tf, logits: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor2D {
  return tfjs.tidy(() => tfjs.where(tfjs.cast(mask, 'bool'), logits, tfjs.fill(logits.shape, MASKED_LOGIT)));
}

/** log π(action | row) [rows] for the int32 `actions` [rows]. */
export function logProbOf(tfjs: typeof tf, logits: tf.Tensor2D, actions: tf.Tensor1D): tf.Tensor1D {
  return tfjs.tidy(() => {
    // A comparison with 0 .. A-1 rather than oneHot, which refuses a single action.
    const picked = tfjs.cast(tfjs.equal(tfjs.expandDims(actions, 1), tfjs.range(0, logits.shape[1], 1, 'int32')), 'float32');
    return tfjs.sum(tfjs.mul(tfjs.logSoftmax(logits), picked), 1) as tf.Tensor1D;
  });
}

/** The entropy -Σ p log p of each row [rows], in nats. */
export function entropyOf(tfjs: typeof tf, logits: tf.Tensor2D): tf.Tensor1D {
  return tfjs.tidy(() => {
    const logp = tfjs.logSoftmax(logits);
    return tfjs.neg(tfjs.sum(tfjs.mul(tfjs.exp(logp), logp), 1)) as tf.Tensor1D;
  });
}
