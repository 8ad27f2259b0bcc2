/**
 * Everything a Double DQN trainer needs to continue exactly where it stopped, as plain
 * data (numbers and typed arrays, in maps keyed by weight name), for a checkpoint writer.
 * The replay buffer is part of it: refilling it on resume would train on other
 * transitions than an uninterrupted run and end with other weights.
 */
import type { AdamState } from '../models/adam.js';
import type { ReplayBufferState } from './replay-buffer.js';

export interface DqnState {
  /** The seed the streams were derived from; a trainer refuses a state of another seed. */
  seed: number;
  /** Frames so far. */
  steps: number;
  /** Vector-env steps so far (names each step's exploration stream). */
  envSteps: number;
  /** Gradient steps so far (names each step's sampling stream). */
  updates: number;
  /** Episodes finished so far. */
  episodes: number;
  /** Online and target network weights by name. */
  online: Map<string, Float32Array>;
  target: Map<string, Float32Array>;
  /** Adam's step and moments of the online weights. */
  adam: AdamState;
  /** Every array and counter of the replay buffer (priorities included). */
  replay: ReplayBufferState;
  /** [envs] return and length of each env's unfinished episode. */
  episodeReturns: Float64Array;
  episodeLengths: Int32Array;
}
