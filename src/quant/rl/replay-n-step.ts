/**
 * n-step returns read off the replay ring at sampling time (Sutton & Barto §7.1, the
 * multi-step targets of Rainbow): transition (t, e) sums the rewards of env e's steps
 * t .. t + m - 1,
 *   R = Σ_{k<m} γ^k r_{t+k},   and the learner bootstraps γ^m (1 - done) Q(s_{t+m}),
 * with m = n except where the window stops early:
 * 1. at the first step that ended its episode (a terminal, a time limit, or a restarted
 *    stream: any step holding a final observation), that step included: a terminal's
 *    `done` then stops the bootstrap, a truncation bootstraps from its final observation,
 *    and the next episode's rewards never leak in;
 * 2. at the newest stored step, so the latest transitions use what exists (m < n) rather
 *    than wait, and lengthen as steps arrive.
 * Computed on sampling, not on insertion, so the buffer stores nothing extra and its state
 * (checkpoints, resume) is the same whatever n is.
 */

/** Where transition (t, e) sits in the ring, and how far the window may reach. */
export interface NStepWindow {
  /** Step of the transition. */
  t: number;
  /** Its env. */
  e: number;
  /** Envs per step, N. */
  envCount: number;
  /** Steps the ring holds, S (slot of (t, e) is (t mod S) N + e). */
  ringSteps: number;
  /** Steps added so far: the newest is `added - 1`. */
  added: number;
  /** n, the most steps to sum. */
  steps: number;
}

/** m: steps in the window of (t, e), 1..n; `finalSeq` is >= 0 at slots whose step ended the episode. */
export function nStepHorizon(finalSeq: Float64Array, w: NStepWindow): number {
  const last = Math.min(w.steps, w.added - w.t);
  for (let k = 0; k < last; k++) {
    if (finalSeq[((w.t + k) % w.ringSteps) * w.envCount + w.e]! >= 0) return k + 1;
  }
  return last;
}

/** Σ_{k<m} γ^k r_{t+k} over `horizon` = m steps of (t, e), summed in float64. */
export function nStepReturn(rewards: Float32Array, w: NStepWindow, horizon: number, gamma: number): number {
  let sum = 0;
  let discount = 1;
  for (let k = 0; k < horizon; k++) {
    sum += discount * rewards[((w.t + k) % w.ringSteps) * w.envCount + w.e]!;
    discount *= gamma;
  }
  return sum;
}
