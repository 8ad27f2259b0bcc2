/**
 * The Double DQN target (van Hasselt et al. 2016):
 *   y = r + γ (1 - done) Q_target(s', argmax_a Q_online(s', a))
 * The online network picks the next action and the target network values it, which
 * removes most of the overestimation of max_a Q_target(s', a) (the online network's
 * noise no longer chooses the value it is scored by). `done` is a true terminal only: a
 * time-limit end bootstraps from its final observation like any other step. With next-state
 * masks, the argmax runs over the allowed actions only. After n-step returns the per-row
 * `discounts` γ^m replace γ (m the rewards summed into r).
 */
import type * as tf from '@tensorflow/tfjs';

/** What `doubleDqnTargets` reads, one row per transition. */
export interface DoubleDqnTargetInputs {
  /** [B] rewards r. */
  rewards: tf.Tensor1D;
  /** [B] 1 at a true terminal (no bootstrap), else 0. */
  dones: tf.Tensor1D;
  /** Discount γ. */
  gamma: number;
  /** [B] optional per-row discounts of the bootstrap (γ^m after m-step returns), used instead of `gamma`. */
  discounts?: tf.Tensor1D;
  /** [B, A] Q_online(s', ·): chooses the next action. */
  nextOnlineQ: tf.Tensor2D;
  /** [B, A] Q_target(s', ·): values the chosen action. */
  nextTargetQ: tf.Tensor2D;
  /** [B, A] optional: 1 where an action is allowed in s'. */
  nextMasks?: tf.Tensor2D;
}

/** y [B]; no gradient flows through it (compute it outside `variableGrads`). */
export function doubleDqnTargets(tfjs: typeof tf, o: DoubleDqnTargetInputs): tf.Tensor1D {
  return tfjs.tidy(() => {
    const online = o.nextMasks ? tfjs.where(tfjs.cast(o.nextMasks, 'bool'), o.nextOnlineQ, tfjs.fill(o.nextOnlineQ.shape, -Infinity)) : o.nextOnlineQ;
    const chosen = tfjs.argMax(online, 1) as tf.Tensor1D;
    const value = pickActions(tfjs, o.nextTargetQ, chosen);
    return tfjs.add(o.rewards, tfjs.mul(tfjs.mul(tfjs.sub(1, o.dones), o.discounts ?? o.gamma), value)) as tf.Tensor1D;
  });
}

/** q[i, actions[i]] [B] for int32 `actions` [B], differentiable in `q`. */
export function pickActions(tfjs: typeof tf, q: tf.Tensor2D, actions: tf.Tensor1D): tf.Tensor1D {
  return tfjs.tidy(() => {
    // A comparison with 0 .. A-1 rather than oneHot, which refuses a single action.
    const picked = tfjs.cast(tfjs.equal(tfjs.expandDims(actions, 1), tfjs.range(0, q.shape[1], 1, 'int32')), 'float32');
    return tfjs.sum(tfjs.mul(q, picked), 1) as tf.Tensor1D;
  });
}
