/**
 * Positional encodings of the transformer over calendar time, not over step index:
 * 1. `calendarSinusoid`: the fixed sinusoid of Vaswani et al. evaluated at each step's day
 *    offset from the window's last day (0 at the end, negative before), so a Monday after a
 *    weekend sits three days from the Friday, and a holiday shows as a gap;
 * 2. `createTime2Vec` / `time2vec`: Time2Vec (Kazemi et al., 2019) over the same day offset,
 *    one linear term and dModel - 1 learned periodic terms, added like the sinusoid.
 * Both return [batch, L, dModel] to be added to the projected inputs.
 */
import type * as tf from '@tensorflow/tfjs';

/** Angular frequencies 10000^(-2i/dModel) for i < dModel / 2 (radians per day). */
export function sinusoidFrequencies(dModel: number): Float32Array {
  const half = dModel / 2;
  return Float32Array.from({ length: half }, (_, i) => 10_000 ** (-(2 * i) / dModel));
}

/**
 * sin(offset * w_i) in channels [0, dModel/2) and cos(offset * w_i) in [dModel/2, dModel):
 * the halves concatenated rather than interleaved (as tensor2tensor does), which is the
 * same encoding up to a fixed permutation of channels that the learned projection absorbs.
 */
export function calendarSinusoid(tfjs: typeof tf, dayOffsets: tf.Tensor2D, dModel: number): tf.Tensor3D {
  if (dModel % 2 !== 0) throw new RangeError(`the calendar sinusoid needs an even dModel, got ${dModel}`);
  return tfjs.tidy(() => {
    const angles = tfjs.mul(tfjs.expandDims(dayOffsets, 2), tfjs.tensor1d(sinusoidFrequencies(dModel)));
    return tfjs.concat([tfjs.sin(angles), tfjs.cos(angles)], 2) as tf.Tensor3D;
  });
}

/** Time2Vec weights: channel 0 is the linear term, channels 1.. the periodic ones. */
export interface Time2VecWeights {
  /** [dModel] omega_k (per day). */
  frequency: tf.Variable;
  /** [dModel] phi_k. */
  phase: tf.Variable;
}

/**
 * Time2Vec weights, initialized (deterministically, no draws) so that the periodic channels
 * start as the calendar sinusoid: pairs of channels share the frequency 10000^(-2p/dModel),
 * one with phase 0 (sin) and one with phase pi/2 (cos); the linear channel starts at one
 * unit per year (1/365 per day) with phase 0, so a 90-step window spans about -0.35..0.
 */
export function createTime2Vec(tfjs: typeof tf, dModel: number): Time2VecWeights {
  const frequency = new Float32Array(dModel);
  const phase = new Float32Array(dModel);
  frequency[0] = 1 / 365;
  for (let k = 1; k < dModel; k++) {
    const pair = Math.floor((k - 1) / 2);
    frequency[k] = 10_000 ** (-(2 * pair) / dModel);
    phase[k] = (k - 1) % 2 === 0 ? 0 : Math.PI / 2;
  }
  return {
    frequency: tfjs.variable(tfjs.tensor1d(frequency), true),
    phase: tfjs.variable(tfjs.tensor1d(phase), true),
  };
}

/** t2v(tau)_0 = w_0 tau + phi_0, t2v(tau)_k = sin(w_k tau + phi_k) for k >= 1; [batch, L, dModel]. */
export function time2vec(tfjs: typeof tf, dayOffsets: tf.Tensor2D, weights: Time2VecWeights): tf.Tensor3D {
  return tfjs.tidy(() => {
    const [B, L] = dayOffsets.shape;
    const dModel = weights.frequency.shape[0]!;
    const angles = tfjs.add(tfjs.mul(tfjs.expandDims(dayOffsets, 2), weights.frequency), weights.phase);
    const linear = tfjs.slice(angles, [0, 0, 0], [B, L, 1]);
    const periodic = tfjs.sin(tfjs.slice(angles, [0, 0, 1], [B, L, dModel - 1]));
    return tfjs.concat([linear, periodic], 2) as tf.Tensor3D;
  });
}
