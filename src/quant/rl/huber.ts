/**
 * The Huber loss with δ = 1, PyTorch's `smooth_l1_loss` as Stable-Baselines3's DQN uses it:
 *   h(x) = x² / 2 for |x| <= 1,  |x| - 1/2 otherwise,
 * quadratic near zero and linear in the tails, so one large TD error (a target that moved,
 * an outlier reward) gives a gradient of at most 1 instead of one proportional to itself.
 * Written as q²/2 + (|x| - q) with q = min(|x|, 1), which autodiff turns into the exact
 * gradient clip(x, -1, 1) without a branch.
 */
import type * as tf from '@tensorflow/tfjs';

/** h(x) elementwise. */
export function huber(tfjs: typeof tf, x: tf.Tensor): tf.Tensor {
  return tfjs.tidy(() => {
    const a = tfjs.abs(x);
    const q = tfjs.minimum(a, 1);
    return tfjs.add(tfjs.mul(tfjs.square(q), 0.5), tfjs.sub(a, q));
  });
}

/**
 * mean_i w_i h(predictions_i - targets_i), a scalar; without `weights` the plain mean
 * (prioritized replay passes its importance weights).
 */
export function huberLoss(tfjs: typeof tf, predictions: tf.Tensor1D, targets: tf.Tensor1D, weights?: tf.Tensor1D): tf.Scalar {
  return tfjs.tidy(() => {
    const h = huber(tfjs, tfjs.sub(predictions, targets));
    return tfjs.mean(weights ? tfjs.mul(h, weights) : h) as tf.Scalar;
  });
}
