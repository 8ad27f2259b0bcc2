/**
 * What goes into a `ReplayBuffer` (one `StepBatch` per vector-env step) and what comes out
 * (a `ReplayBatch` of sampled transitions, written in place).
 */

/** One step of N environments, as `VectorEnv` leaves it (row-major, one row per env). */
export interface StepBatch {
  /**
   * [N, obs] the observations the actions were taken in: the previous call's
   * `nextObservations`, except for an env that restarted its stream.
   */
  observations: Float32Array;
  actions: Int32Array;
  rewards: Float32Array;
  /** [N] 1 at a true terminal: no bootstrapping after it. */
  dones: Uint8Array;
  /** [N] 1 at a time limit: bootstrap from the final observation. */
  truncated: Uint8Array;
  /** [N, obs] the observation each ended episode stopped in (read where dones or truncated). */
  finalObservations: Float32Array;
  /** [N, obs] the observations after the step (after the automatic reset of ended rows). */
  nextObservations: Float32Array;
  /** [N, actions] with `masks`: the next observations' action masks, 1 = allowed. */
  nextMasks?: Uint8Array;
  /** [N, actions] with `masks`: the masks of `observations` (required on the first call). */
  masks?: Uint8Array;
}

/** A sampled batch, written in place by `sample` (make one with `ReplayBuffer.createBatch`). */
export interface ReplayBatch {
  size: number;
  /** [B, obs] */
  observations: Float32Array;
  /** [B, obs] s': the observation after the window's last step (its final observation where the episode ended). */
  nextObservations: Float32Array;
  actions: Int32Array;
  /** [B] the reward, or with n-step returns Σ_{k<m} γ^k r_{t+k}. */
  rewards: Float32Array;
  /** [B] 1 where the window ended at a true terminal, else 0 (float, to multiply the bootstrap by 1 - done). */
  dones: Float32Array;
  /** [B] m, the rewards summed into `rewards` (1 without n-step returns): the bootstrap is discounted by γ^m. */
  horizons: Int32Array;
  /** [B, actions] masks of s' (all 1 where the episode ended: envs give no final mask), or null. */
  nextMasks: Uint8Array | null;
  /** [B] buffer slots of the transitions, for `updatePriorities`. */
  indices: Int32Array;
  /** [B] importance weights, max 1; all 1 under uniform sampling. */
  weights: Float32Array;
}

/** Zeroed batch buffers of `size` transitions. */
export function createReplayBatch(size: number, o: { observationSize: number; actionCount: number; masks: boolean }): ReplayBatch {
  return {
    size,
    observations: new Float32Array(size * o.observationSize),
    nextObservations: new Float32Array(size * o.observationSize),
    actions: new Int32Array(size),
    rewards: new Float32Array(size),
    dones: new Float32Array(size),
    horizons: new Int32Array(size),
    nextMasks: o.masks ? new Uint8Array(size * o.actionCount) : null,
    indices: new Int32Array(size),
    weights: new Float32Array(size),
  };
}
