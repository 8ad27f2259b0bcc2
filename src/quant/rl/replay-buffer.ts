/**
 * Double DQN's experience replay over N environments stepped in lockstep:
 * 1. preallocated typed arrays, a ring of S = floor(capacity / N) steps of N transitions;
 *    `addBatch` copies one step of all N envs in without allocating, overwriting the
 *    oldest step once the ring is full;
 * 2. each observation stored once: the next observation of transition (t, e) is the
 *    observation of (t + 1, e), kept in a ring of S + 1 observation rows, except where the
 *    episode ended (terminal or time limit), whose final observation goes to a separate
 *    ring of `finalCapacity` rows (also where an env restarts its stream, as a rebuilt env
 *    does after a resume: the interrupted transition keeps its own next observation);
 * 3. `sample` draws a batch into caller buffers, uniformly or, with `prioritized`,
 *    proportionally to p^α from a SumTree by stratified segments, with importance weights
 *    (p_min / p_i)^β = (N P(i))^-β / max_j (N P(j))^-β; new transitions get the largest
 *    priority seen so far, `updatePriorities` sets p = |δ| + ε;
 * 4. with `nStep`, each sampled transition sums up to n rewards of its env and ends where
 *    its episode did (`replay-n-step.ts`), the batch's `horizons` saying how many;
 * 5. `state` / `restore` copy every array and counter, so training resumes exactly.
 * Options and footprint live in `replay-buffer-options.ts`, batch types in `replay-batch.ts`.
 * Why once: with a trading observation of 1175 floats, 100k transitions of obs + next obs
 * would take 940 MB; stored once they take 470 MB plus the final ring (default S·N / 16
 * rows). The price: a step can be kept only while at most `finalCapacity` episode ends
 * came at or after it, so envs with episodes shorter than ~16 steps hold fewer transitions
 * than `capacity` unless `finalCapacity` is raised (`size` tells). The whole footprint is
 * `replayBufferBytes`; above `maxBytes` the constructor throws and says what to lower.
 */
import type { RandomStream } from '../data/random-stream.js';
import { createReplayBatch, type ReplayBatch, type StepBatch } from './replay-batch.js';
import { DEFAULT_REPLAY_MAX_BYTES, replayBufferBytes, replayLayout, type ReplayBufferOptions, type ReplayLayout } from './replay-buffer-options.js';
import { nStepHorizon, nStepReturn, type NStepWindow } from './replay-n-step.js';
import { SumTree } from './sum-tree.js';

export type { ReplayBatch, StepBatch } from './replay-batch.js';
export { DEFAULT_REPLAY_CAPACITY, DEFAULT_REPLAY_MAX_BYTES, replayBufferBytes } from './replay-buffer-options.js';
export type { NStepReturnOptions, PrioritizedReplayOptions, ReplayBufferOptions } from './replay-buffer-options.js';

/** Every array and counter of a buffer (copies), what `restore` takes back. */
export interface ReplayBufferState {
  added: number;
  start: number;
  finalCount: number;
  maxPriority: number;
  observations: Float32Array;
  masks: Uint8Array | null;
  finals: Float32Array;
  actions: Int32Array;
  rewards: Float32Array;
  dones: Uint8Array;
  finalSeq: Float64Array;
  stepOfRow: Float64Array;
  rowFirstFinal: Float64Array;
  priorities: Float64Array | null;
}

export class ReplayBuffer {
  /** Transitions the ring can hold (capacity rounded down to a multiple of envCount). */
  readonly capacity: number;
  private readonly L: ReplayLayout;
  private readonly alpha: number;
  private readonly epsilon: number;
  private readonly tree: SumTree | null;
  private readonly nSteps: number;
  private readonly gamma: number;
  // Reused by every sample's n-step window: no object per sampled row.
  private readonly window: NStepWindow;
  private s: ReplayBufferState;

  constructor(readonly options: ReplayBufferOptions) {
    const L = (this.L = replayLayout(options));
    const bytes = replayBufferBytes(options);
    const limit = options.maxBytes ?? DEFAULT_REPLAY_MAX_BYTES;
    if (bytes > limit) {
      throw new RangeError(`ReplayBuffer: ${(bytes / 1e6).toFixed(0)} MB needed (${L.S * L.N} transitions x observationSize ${L.obs} x 4 bytes, stored once, plus ${L.F} final observations), above the limit of ${(limit / 1e6).toFixed(0)} MB; lower capacity or raise maxBytes`);
    }
    this.capacity = L.S * L.N;
    const p = options.prioritized ?? null;
    if (p && !(p.alpha >= 0 && p.epsilon > 0)) throw new RangeError(`ReplayBuffer: prioritized needs alpha >= 0 and epsilon > 0, got ${p.alpha} and ${p.epsilon}`);
    this.alpha = p?.alpha ?? 0;
    this.epsilon = p?.epsilon ?? 0;
    this.tree = p ? new SumTree(this.capacity) : null;
    this.nSteps = options.nStep?.steps ?? 1;
    this.gamma = options.nStep?.gamma ?? 1;
    this.window = { t: 0, e: 0, envCount: L.N, ringSteps: L.S, added: 0, steps: this.nSteps };
    this.s = {
      added: 0, start: 0, finalCount: 0, maxPriority: 1,
      observations: new Float32Array((L.S + 1) * L.N * L.obs),
      masks: options.masks ? new Uint8Array((L.S + 1) * L.N * L.A) : null,
      finals: new Float32Array(L.F * L.obs),
      actions: new Int32Array(this.capacity),
      rewards: new Float32Array(this.capacity),
      dones: new Uint8Array(this.capacity),
      finalSeq: new Float64Array(this.capacity),
      stepOfRow: new Float64Array(L.S),
      rowFirstFinal: new Float64Array(L.S),
      priorities: null,
    };
  }

  /** Transitions that can be sampled now. */
  get size(): number {
    return (this.s.added - this.s.start) * this.L.N;
  }

  /** Empty batch buffers for `sample`. */
  createBatch(size: number): ReplayBatch {
    return createReplayBatch(size, { observationSize: this.L.obs, actionCount: this.L.A, masks: !!this.s.masks });
  }

  /** Stores one transition per env; the oldest step goes once the ring is full. */
  addBatch(b: StepBatch): void {
    const { N, obs, A, S, F } = this.L;
    const s = this.s;
    const t = s.added;
    const row = t % S;
    const [here, next] = [(t % (S + 1)) * N, ((t + 1) % (S + 1)) * N];
    if (t > 0) this.keepBrokenStreams(b.observations, here);
    s.observations.set(b.observations.subarray(0, N * obs), here * obs);
    s.observations.set(b.nextObservations.subarray(0, N * obs), next * obs);
    if (s.masks) {
      if (!b.nextMasks || (t === 0 && !b.masks)) throw new RangeError('ReplayBuffer: built with masks, so addBatch needs nextMasks (and masks on the first call)');
      if (b.masks) s.masks.set(b.masks.subarray(0, N * A), here * A);
      s.masks.set(b.nextMasks.subarray(0, N * A), next * A);
    }
    s.start = Math.max(s.start, t + 1 - S);
    s.stepOfRow[row] = t;
    s.rowFirstFinal[row] = s.finalCount;
    const fresh = this.tree ? s.maxPriority ** this.alpha : 0;
    for (let e = 0; e < N; e++) {
      const slot = row * N + e;
      s.actions[slot] = b.actions[e]!;
      s.rewards[slot] = b.rewards[e]!;
      s.dones[slot] = b.dones[e] ? 1 : 0;
      if (b.dones[e] || b.truncated[e]) {
        s.finals.set(b.finalObservations.subarray(e * obs, (e + 1) * obs), (s.finalCount % F) * obs);
        s.finalSeq[slot] = s.finalCount++;
      } else s.finalSeq[slot] = -1;
      this.tree?.set(slot, fresh);
    }
    s.added = t + 1;
    this.evictStale();
  }

  /** Fills `into` with `into.size` transitions drawn with `random`; β weighs prioritized samples. */
  sample(into: ReplayBatch, random: RandomStream, beta = 1): void {
    const n = this.size;
    if (n === 0) throw new RangeError('ReplayBuffer: nothing to sample yet');
    const { N, S } = this.L;
    if (!this.tree) {
      for (let j = 0; j < into.size; j++) {
        const k = Math.floor(random.nextFloat() * n);
        const t = this.s.start + Math.floor(k / N);
        this.write(into, j, t, (t % S) * N + (k % N));
        into.weights[j] = 1;
      }
      return;
    }
    const segment = this.tree.total / into.size;
    const smallest = this.tree.min;
    for (let j = 0; j < into.size; j++) {
      const slot = this.tree.find((j + random.nextFloat()) * segment);
      this.write(into, j, this.s.stepOfRow[Math.floor(slot / N)]!, slot);
      into.weights[j] = (smallest / this.tree.get(slot)) ** beta;
    }
  }

  /** Prioritized replay: p = |δ| + ε for the sampled `indices`; slots emptied since are skipped. */
  updatePriorities(indices: Int32Array, tdErrors: Float32Array | Float64Array): void {
    if (!this.tree) throw new RangeError('ReplayBuffer: updatePriorities needs a prioritized buffer');
    for (let j = 0; j < indices.length; j++) {
      const slot = indices[j]!;
      if (this.tree.get(slot) === 0) continue;
      const p = Math.abs(tdErrors[j]!) + this.epsilon;
      if (!Number.isFinite(p)) throw new RangeError(`ReplayBuffer: TD error ${tdErrors[j]} of slot ${slot} is not finite`);
      this.s.maxPriority = Math.max(this.s.maxPriority, p);
      this.tree.set(slot, p ** this.alpha);
    }
  }

  /** Copies of every array and counter. */
  state(): ReplayBufferState {
    return { ...copyArrays(this.s), priorities: this.tree?.leaves() ?? null };
  }

  /** Takes back a `state()` of a buffer built with the same options. */
  restore(saved: ReplayBufferState): void {
    for (const key of ARRAY_KEYS) {
      if (saved[key]?.length !== this.s[key]?.length) throw new RangeError(`ReplayBuffer: saved ${key} holds ${saved[key]?.length ?? 'nothing'} values, this buffer ${this.s[key]?.length ?? 'none'}: built with other options`);
    }
    if (!!saved.priorities !== !!this.tree) throw new RangeError('ReplayBuffer: saved and built buffers differ in prioritized replay');
    if (this.tree) this.tree.loadLeaves(saved.priorities!);
    this.s = { ...copyArrays(saved), priorities: null };
  }

  // Drops the oldest steps while an episode end at or after them has lost its final observation.
  private evictStale(): void {
    const { N, S, F } = this.L;
    const s = this.s;
    while (s.start < s.added && s.rowFirstFinal[s.start % S]! < s.finalCount - F) {
      if (this.tree) for (let e = 0; e < N; e++) this.tree.set((s.start % S) * N + e, 0);
      s.start++;
    }
  }

  // Transition (t, slot) into row j: its observation and action, and over its n-step
  // window (one step without nStep) the discounted reward, the next observation and mask
  // after the window's last step, and whether that step was terminal.
  private write(into: ReplayBatch, j: number, t: number, slot: number): void {
    const { N, obs, A, S, F } = this.L;
    const s = this.s;
    const e = slot % N;
    const w = this.window;
    w.t = t;
    w.e = e;
    w.added = s.added;
    const m = this.nSteps === 1 ? 1 : nStepHorizon(s.finalSeq, w);
    const lastSlot = ((t + m - 1) % S) * N + e;
    const here = (t % (S + 1)) * N + e;
    const seq = s.finalSeq[lastSlot]!;
    into.observations.set(s.observations.subarray(here * obs, (here + 1) * obs), j * obs);
    const next = ((t + m) % (S + 1)) * N + e;
    const source = seq >= 0 ? s.finals.subarray((seq % F) * obs, (seq % F + 1) * obs) : s.observations.subarray(next * obs, (next + 1) * obs);
    into.nextObservations.set(source, j * obs);
    into.actions[j] = s.actions[slot]!;
    into.rewards[j] = m === 1 ? s.rewards[slot]! : nStepReturn(s.rewards, w, m, this.gamma);
    into.dones[j] = s.dones[lastSlot]!;
    into.horizons[j] = m;
    into.indices[j] = slot;
    if (into.nextMasks && s.masks) {
      if (seq >= 0) into.nextMasks.fill(1, j * A, (j + 1) * A);
      else into.nextMasks.set(s.masks.subarray(next * A, (next + 1) * A), j * A);
    }
  }

  // An env whose observation is not the next observation stored by the previous step
  // restarted its stream (a rebuilt env after a resume): the previous transition keeps its
  // own next observation, moved to the final ring, and the new one takes the row.
  private keepBrokenStreams(observations: Float32Array, here: number): void {
    const { N, obs, S, F } = this.L;
    const s = this.s;
    const t = s.added;
    for (let e = 0; e < N; e++) {
      const [given, stored] = [observations.subarray(e * obs, (e + 1) * obs), s.observations.subarray((here + e) * obs, (here + e + 1) * obs)];
      if (sameValues(given, stored)) continue;
      const previous = ((t - 1) % S) * N + e;
      if (t - 1 < s.start || s.finalSeq[previous]! >= 0) continue;
      s.finals.set(stored, (s.finalCount % F) * obs);
      s.finalSeq[previous] = s.finalCount++;
    }
  }
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

const ARRAY_KEYS = ['observations', 'masks', 'finals', 'actions', 'rewards', 'dones', 'finalSeq', 'stepOfRow', 'rowFirstFinal'] as const;

function copyArrays(s: ReplayBufferState): ReplayBufferState {
  const copy = { ...s };
  for (const key of ARRAY_KEYS) (copy as Record<string, unknown>)[key] = s[key]?.slice() ?? null;
  return copy;
}
