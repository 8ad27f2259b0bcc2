/**
 * What a batch of N environments offers a reinforcement-learning agent (PPO, Double DQN).
 * The environments step in lockstep and reset themselves when an episode ends, so the
 * agent sees one continuous stream of observations per row. Every buffer is preallocated
 * by the environment and overwritten by each `step`: the agent copies what it keeps.
 * Layouts are row-major, one row per environment: [N, observationSize].
 */

/** A batch of `count` environments with discrete actions and automatic reset. */
export interface VectorEnv {
  /** N, the number of environments stepped together. */
  readonly count: number;
  /** Values per observation row. */
  readonly observationSize: number;
  /** Discrete actions 0 .. actionCount - 1. */
  readonly actionCount: number;
  /**
   * Reward each row received on the last `step` ([N]).
   */
  readonly rewards: Float32Array;
  /**
   * 1 where the last `step` ended the episode in a true terminal state ([N]): the agent
   * must not bootstrap from a value after it.
   */
  readonly dones: Uint8Array;
  /**
   * 1 where the last `step` ended the episode by a time limit, not a terminal state ([N]);
   * the agent bootstraps from the value of that row's `finalObservations`. A row is never
   * both done and truncated: a terminal reached on the last allowed step counts as done.
   */
  readonly truncated: Uint8Array;
  /**
   * The observation each row reached on the last `step` before its automatic reset
   * ([N, observationSize]); meaningful only for rows with `dones` or `truncated` set.
   */
  readonly finalObservations: Float32Array;
  /**
   * Writes the current observation of every row into `into` ([N, observationSize]); after
   * an episode ends this is already the first observation of the next one.
   */
  observe(into: Float32Array): void;
  /**
   * Applies one action per row ([N]), then fills `rewards`, `dones`, `truncated` and
   * `finalObservations`, and resets the rows whose episode ended.
   */
  step(actions: Int32Array): void;
  /**
   * Optional: writes 1 for each action allowed in the current state and 0 otherwise
   * ([N, actionCount]); an environment without it allows every action everywhere.
   */
  actionMask?(into: Uint8Array): void;
}
