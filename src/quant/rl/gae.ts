/**
 * Generalized advantage estimation, GAE(λ) (Schulman et al. 2016), over a rollout of
 * `steps` x `envs` transitions stored step-major ([steps, envs], index t * envs + e):
 *   δ_t = r_t + γ V_next - V(s_t),   A_t = δ_t + γλ A_{t+1},   returns_t = A_t + V(s_t)
 * where, for each transition,
 * 1. a true terminal (`dones`) has V_next = 0 and stops the recursion;
 * 2. a time-limit end (`truncated`) has V_next = V(final observation), the state the
 *    episode was cut in (from `finalValues`), and also stops the recursion, since the
 *    next stored step belongs to a new episode;
 * 3. any other step has V_next = V(s_{t+1}): the next stored value, or `nextValues` (the
 *    values of the observations after the rollout) on the last step.
 */

/** A typed array of numbers; float64 where exactness matters (tests), float32 in rollouts. */
export type NumberArray = Float32Array | Float64Array;

/** Inputs and outputs of `computeGae`. */
export interface GaeOptions {
  steps: number;
  envs: number;
  /** [steps, envs] reward of each transition. */
  rewards: NumberArray;
  /** [steps, envs] V(s_t), the value of the observation each action was taken in. */
  values: NumberArray;
  /** [steps, envs] 1 where the transition ended its episode in a terminal state. */
  dones: Uint8Array;
  /** [steps, envs] 1 where the transition ended its episode by a time limit. */
  truncated: Uint8Array;
  /** [steps, envs] V(final observation); read only where `truncated` is 1. */
  finalValues: NumberArray;
  /** [envs] V of each env's observation after the last step. */
  nextValues: NumberArray;
  /** Discount γ in [0, 1]. */
  gamma: number;
  /** GAE λ in [0, 1]: 0 is the one-step TD error, 1 the Monte-Carlo return minus V. */
  lambda: number;
  /** [steps, envs] out: advantages. */
  advantages: NumberArray;
  /** [steps, envs] out: advantages + values, the value targets. */
  returns: NumberArray;
}

export function computeGae(o: GaeOptions): void {
  const { steps, envs, gamma, lambda } = o;
  const size = steps * envs;
  for (const [name, array] of [['rewards', o.rewards], ['values', o.values], ['dones', o.dones], ['truncated', o.truncated], ['finalValues', o.finalValues], ['advantages', o.advantages], ['returns', o.returns]] as const) {
    if (array.length < size) throw new RangeError(`computeGae: ${name} holds ${array.length} values, fewer than steps x envs = ${size}`);
  }
  if (o.nextValues.length < envs) throw new RangeError(`computeGae: nextValues holds ${o.nextValues.length} values, fewer than envs = ${envs}`);
  for (let e = 0; e < envs; e++) {
    let carried = 0;
    for (let t = steps - 1; t >= 0; t--) {
      const i = t * envs + e;
      let nextValue: number;
      if (o.dones[i]) nextValue = 0;
      else if (o.truncated[i]) nextValue = o.finalValues[i]!;
      else nextValue = t === steps - 1 ? o.nextValues[e]! : o.values[i + envs]!;
      const ended = o.dones[i] || o.truncated[i];
      const delta = o.rewards[i]! + gamma * nextValue - o.values[i]!;
      carried = ended ? delta : delta + gamma * lambda * carried;
      o.advantages[i] = carried;
      o.returns[i] = carried + o.values[i]!;
    }
  }
}
