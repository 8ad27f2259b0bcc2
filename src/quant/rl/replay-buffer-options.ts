/**
 * What a `ReplayBuffer` is configured by, the ring layout those options give, and the bytes
 * it will allocate (checked against `maxBytes` before anything is allocated).
 */

/** Proportional prioritized replay's constants (Schaul et al. 2016). */
export interface PrioritizedReplayOptions {
  /** α: how much the priority shapes sampling, 0 uniform; Schaul et al. use 0.6. */
  alpha: number;
  /** ε added to |δ| so that no stored transition's probability is 0; default 1e-6. */
  epsilon: number;
}

/** n-step returns (`replay-n-step.ts`): rewards summed over up to `steps` steps, discounted by `gamma`. */
export interface NStepReturnOptions {
  /** n, the most rewards one sampled transition sums (integer >= 1; 1 is the one-step transition). */
  steps: number;
  /** γ within the window; the learner bootstraps with γ^m after m summed rewards. */
  gamma: number;
}

/** Sizes and storage choices of a `ReplayBuffer`. */
export interface ReplayBufferOptions {
  /** N, the environments each `addBatch` brings one transition from. */
  envCount: number;
  observationSize: number;
  actionCount: number;
  /** Transitions kept, rounded down to a multiple of `envCount`; default 100,000. */
  capacity?: number;
  /** Rows for final observations of ended episodes; default ceil(capacity / 16), at least N. */
  finalCapacity?: number;
  /** Keep each observation's action mask, so `sample` can return the next state's. */
  masks?: boolean;
  /** Proportional prioritized replay, or null (default) for uniform sampling. */
  prioritized?: PrioritizedReplayOptions | null;
  /** n-step returns, or null (default) for one-step transitions. */
  nStep?: NStepReturnOptions | null;
  /** Largest footprint allowed, bytes; default 2 GiB. */
  maxBytes?: number;
}

export const DEFAULT_REPLAY_CAPACITY = 100_000;
export const DEFAULT_REPLAY_MAX_BYTES = 2 * 1024 ** 3;

/** The ring's shape: N envs, obs values, A actions, S steps of N transitions, F final-observation rows. */
export interface ReplayLayout {
  N: number;
  obs: number;
  A: number;
  S: number;
  F: number;
}

/** The layout of `o`, checked; throws a RangeError naming the bad option. */
export function replayLayout(o: ReplayBufferOptions): ReplayLayout {
  const N = o.envCount;
  const capacity = o.capacity ?? DEFAULT_REPLAY_CAPACITY;
  for (const [name, v] of [['envCount', N], ['observationSize', o.observationSize], ['actionCount', o.actionCount], ['capacity', capacity]] as const) {
    if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`ReplayBuffer: ${name} must be an integer >= 1, got ${v}`);
  }
  if (capacity < N) throw new RangeError(`ReplayBuffer: capacity ${capacity} is below envCount ${N}: one step of every env must fit`);
  const S = Math.floor(capacity / N);
  const F = o.finalCapacity ?? Math.max(N, Math.ceil((S * N) / 16));
  if (!Number.isSafeInteger(F) || F < N) throw new RangeError(`ReplayBuffer: finalCapacity must be an integer >= envCount ${N} (one step may end every episode), got ${F}`);
  const n = o.nStep;
  if (n && !(Number.isSafeInteger(n.steps) && n.steps >= 1 && n.gamma >= 0 && n.gamma <= 1)) {
    throw new RangeError(`ReplayBuffer: nStep needs steps an integer >= 1 and gamma in [0, 1], got ${JSON.stringify(n)}`);
  }
  return { N, obs: o.observationSize, A: o.actionCount, S, F };
}

/** Bytes a buffer with these options allocates (typed arrays, sum tree included). */
export function replayBufferBytes(o: ReplayBufferOptions): number {
  const { N, obs, A, S, F } = replayLayout(o);
  const slots = S * N;
  const observations = (S + 1) * N * obs * 4 + F * obs * 4;
  const perSlot = slots * (4 + 4 + 1 + 8) + S * 16;
  const masks = o.masks ? (S + 1) * N * A : 0;
  let leaves = 1;
  while (leaves < slots) leaves *= 2;
  return observations + perSlot + masks + (o.prioritized ? 2 * leaves * 16 : 0);
}
