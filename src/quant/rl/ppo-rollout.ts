/**
 * PPO's rollout: nSteps steps of every environment under the current policy, into buffers
 * allocated once per trainer ([steps, envs] step-major, observations [steps, envs, obs]):
 * 1. per step: the environments' observations (and action masks), one forward pass for the
 *    whole batch, actions sampled on the CPU from the seeded stream, then one env step;
 * 2. the final observations of truncated episodes are set aside and valued after the last
 *    step, together with the observations the rollout ends on, in one more forward pass
 *    (the weights do not change during a rollout, so the values are the same);
 * 3. the time spent in the environments and in the network, and each finished episode's
 *    return and length.
 */
import type * as tf from '@tensorflow/tfjs';
import type { RandomStream } from '../data/random-stream.js';
import { sampleActions } from './categorical.js';
import type { Mlp } from './mlp.js';
import type { VectorEnv } from './vector-env.js';

/** Running sums of each env's unfinished episode, and totals of the episodes finished since `clear`. */
export class EpisodeTracker {
  /** [envs] return of each env's episode so far. */
  readonly returns: Float64Array;
  /** [envs] steps of each env's episode so far. */
  readonly lengths: Int32Array;
  finished = 0;
  returnSum = 0;
  lengthSum = 0;

  constructor(envs: number) {
    this.returns = new Float64Array(envs);
    this.lengths = new Int32Array(envs);
  }

  record(rewards: Float32Array, dones: Uint8Array, truncated: Uint8Array): void {
    for (let e = 0; e < this.returns.length; e++) {
      this.returns[e] = this.returns[e]! + rewards[e]!;
      this.lengths[e] = this.lengths[e]! + 1;
      if (!dones[e] && !truncated[e]) continue;
      this.finished += 1;
      this.returnSum += this.returns[e]!;
      this.lengthSum += this.lengths[e]!;
      this.returns[e] = 0;
      this.lengths[e] = 0;
    }
  }

  clear(): void {
    this.finished = 0;
    this.returnSum = 0;
    this.lengthSum = 0;
  }
}

/** Seconds one rollout spent in the environments and in the network (forward passes and sampling). */
export interface RolloutTiming {
  envSeconds: number;
  forwardSeconds: number;
}

/** The transitions of one rollout and, once computed, their advantages and returns. */
export class PpoRollout {
  readonly envs: number;
  readonly observationSize: number;
  readonly actionCount: number;
  readonly observations: Float32Array;
  /** [steps, envs, actionCount] when the environment has action masks, else null. */
  readonly masks: Uint8Array | null;
  readonly actions: Int32Array;
  readonly logProbs: Float32Array;
  readonly values: Float32Array;
  readonly rewards: Float32Array;
  readonly dones: Uint8Array;
  readonly truncated: Uint8Array;
  /** V(final observation) where truncated; 0 elsewhere. */
  readonly finalValues: Float32Array;
  /** [envs] V of the observations after the last step. */
  readonly nextValues: Float32Array;
  readonly advantages: Float32Array;
  readonly returns: Float32Array;
  // Truncated rows' final observations, valued in one pass after the rollout.
  private pending: Float32Array;
  private pendingAt: Int32Array;
  private pendingCount = 0;

  constructor(env: VectorEnv, readonly steps: number) {
    [this.envs, this.observationSize, this.actionCount] = [env.count, env.observationSize, env.actionCount];
    const size = steps * env.count;
    this.observations = new Float32Array(size * env.observationSize);
    this.masks = env.actionMask ? new Uint8Array(size * env.actionCount) : null;
    this.actions = new Int32Array(size);
    this.logProbs = new Float32Array(size);
    this.values = new Float32Array(size);
    this.rewards = new Float32Array(size);
    this.finalValues = new Float32Array(size);
    this.advantages = new Float32Array(size);
    this.returns = new Float32Array(size);
    [this.dones, this.truncated] = [new Uint8Array(size), new Uint8Array(size)];
    this.nextValues = new Float32Array(env.count);
    this.pending = new Float32Array((env.count + 1) * env.observationSize);
    this.pendingAt = new Int32Array(env.count + 1);
  }

  /** Steps every environment `steps` times, sampling from `network`'s policy with `random`. */
  collect(o: { tfjs: typeof tf; env: VectorEnv; network: Mlp; random: RandomStream; episodes: EpisodeTracker }): RolloutTiming {
    const { env } = o;
    const [N, O, A] = [this.envs, this.observationSize, this.actionCount];
    const timing: RolloutTiming = { envSeconds: 0, forwardSeconds: 0 };
    this.pendingCount = 0;
    this.finalValues.fill(0);
    for (let t = 0; t < this.steps; t++) {
      const rows = [t * N, (t + 1) * N] as const;
      const began = performance.now();
      const observations = this.observations.subarray(rows[0] * O, rows[1] * O);
      env.observe(observations);
      const mask = this.masks?.subarray(rows[0] * A, rows[1] * A);
      if (mask) env.actionMask!(mask);
      const observed = performance.now();
      const { logits, values } = policyForward(o.tfjs, o.network, observations, N);
      this.values.set(values, rows[0]);
      const actions = this.actions.subarray(...rows);
      sampleActions({ logits, actionCount: A, random: o.random, actions, logProbs: this.logProbs.subarray(...rows), ...(mask ? { mask } : {}) });
      const sampled = performance.now();
      env.step(actions);
      this.rewards.set(env.rewards, rows[0]);
      this.dones.set(env.dones, rows[0]);
      this.truncated.set(env.truncated, rows[0]);
      for (let e = 0; e < N; e++) if (env.truncated[e] && !env.dones[e]) this.setAside(env.finalObservations.subarray(e * O, (e + 1) * O), rows[0] + e);
      o.episodes.record(env.rewards, env.dones, env.truncated);
      timing.envSeconds += (observed - began + performance.now() - sampled) / 1000;
      timing.forwardSeconds += (sampled - observed) / 1000;
    }
    const began = performance.now();
    const next = new Float32Array(N * O);
    env.observe(next);
    const observed = performance.now();
    this.valueBootstraps(o.tfjs, o.network, next);
    timing.envSeconds += (observed - began) / 1000;
    timing.forwardSeconds += (performance.now() - observed) / 1000;
    return timing;
  }

  private setAside(observation: Float32Array, index: number): void {
    const O = this.observationSize;
    if ((this.pendingCount + 1) * O > this.pending.length) {
      const grown = new Float32Array(this.pending.length * 2);
      grown.set(this.pending);
      this.pending = grown;
      const at = new Int32Array(this.pendingAt.length * 2);
      at.set(this.pendingAt);
      this.pendingAt = at;
    }
    this.pending.set(observation, this.pendingCount * O);
    this.pendingAt[this.pendingCount++] = index;
  }

  /** Values the set-aside final observations and the next observations in one forward pass. */
  private valueBootstraps(tfjs: typeof tf, network: Mlp, next: Float32Array): void {
    const O = this.observationSize;
    const rows = this.pendingCount + this.envs;
    const batch = new Float32Array(rows * O);
    batch.set(this.pending.subarray(0, this.pendingCount * O));
    batch.set(next, this.pendingCount * O);
    const { values } = policyForward(tfjs, network, batch, rows);
    for (let i = 0; i < this.pendingCount; i++) this.finalValues[this.pendingAt[i]!] = values[i]!;
    this.nextValues.set(values.subarray(this.pendingCount));
  }
}

/** Logits [rows, actions] and values [rows] of `rows` observations, read back to the CPU. */
export function policyForward(tfjs: typeof tf, network: Mlp, observations: Float32Array, rows: number): { logits: Float32Array; values: Float32Array } {
  const outputs = tfjs.tidy(() => network.forward(tfjs.tensor2d(observations, [rows, observations.length / rows])));
  const logits = outputs[0]!.dataSync() as Float32Array;
  const values = outputs[1]!.dataSync() as Float32Array;
  tfjs.dispose(outputs);
  return { logits, values };
}
