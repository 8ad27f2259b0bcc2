/**
 * The Double DQN trainer (issue 5 item 3): a Q-network MLP trained on a VectorEnv.
 * 1. per vector step: ε-greedy actions (`dqn-exploration.ts`, ε on a linear schedule),
 *    the env steps, the N transitions go into the replay buffer (`replay-buffer.ts`);
 * 2. every `targetUpdateInterval` frames the target network moves towards the online one
 *    (θ_t ← τ θ + (1 - τ) θ_t; a plain copy when τ = 1);
 * 3. past `learningStarts` frames, every `trainFreq` vector steps: `gradientSteps` Double
 *    DQN steps on sampled batches (`dqn-update.ts`), with importance weights and new
 *    priorities under prioritized replay, β annealed from β0 to 1 over training, and
 *    `nSteps`-step returns drawn from the replay;
 * 4. a log every `logInterval` frames: loss, mean Q, ε, finished episodes' returns, frames/s;
 * 5. the greedy policy (`act`) for evaluation;
 * 6. `state`/`restore`: both networks, Adam's moments, the whole replay buffer and the
 *    counters. Each vector step's exploration stream and each gradient step's sampling
 *    stream are derived from (seed, counter), so the counters are the whole random state
 *    (RandomStream does not expose its own) and a restored trainer continues exactly as an
 *    uninterrupted one. The env's state is its own: resume on the same env object (or one
 *    restored to the same state) for identical runs; a rebuilt env starts new episodes,
 *    which the buffer takes as restarted streams.
 */
import type * as tf from '@tensorflow/tfjs';
import { RandomStream } from '../data/random-stream.js';
import { resolveDqnConfig, type DqnConfig } from './dqn-config.js';
import { epsilonGreedy } from './dqn-exploration.js';
import { DqnLogWindow, type DqnLog } from './dqn-log.js';
import { DqnOptimizer } from './dqn-update.js';
import { greedyActions } from './categorical.js';
import { linearSchedule, toSchedule, type Schedule } from './linear-schedule.js';
import { createMlp, loadWeights, readWeights, type Mlp } from './mlp.js';
import { ReplayBuffer } from './replay-buffer.js';
import type { DqnState } from './dqn-state.js';
import type { VectorEnv } from './vector-env.js';

/** Options of `DqnTrainer.train`. */
export interface DqnTrainOptions {
  /** Train until this many frames in all (counted across resumes; whole vector steps, so it may overshoot by up to N - 1); the schedules run over it. */
  totalSteps: number;
  onLog?: (log: DqnLog) => void;
  /** Checked before each vector step; training stops cleanly, the state ready to save. */
  signal?: AbortSignal;
}

/** What one `train` call did. */
export interface DqnTrainResult {
  /** Frames stepped in this call. */
  steps: number;
  /** True when the signal stopped it before `totalSteps`. */
  stopped: boolean;
}

// Streams of the seed per counter, far from the MLP's initialization stream.
const EXPLORE_STREAM = 2 ** 42;
const REPLAY_STREAM = 2 ** 43;

export class DqnTrainer {
  readonly config: DqnConfig;
  /** The online Q-network (head `q`, one output per action); `target` lags behind it. */
  readonly online: Mlp;
  readonly target: Mlp;
  readonly buffer: ReplayBuffer;
  private readonly optimizer: DqnOptimizer;
  private readonly epsilon: Schedule;
  private readonly learningRate: Schedule;
  private readonly beta: Schedule;
  private readonly io: StepBuffers;
  private readonly log = new DqnLogWindow();
  private counters = { steps: 0, envSteps: 0, updates: 0, episodes: 0 };
  private episodeReturns: Float64Array;
  private episodeLengths: Int32Array;

  constructor(
    private readonly tfjs: typeof tf,
    private readonly env: VectorEnv,
    config: Partial<DqnConfig> = {},
  ) {
    const c = (this.config = resolveDqnConfig(config));
    const network = { inputSize: env.observationSize, hidden: c.hidden, activation: c.activation, heads: [{ name: 'q', size: env.actionCount, gain: 1 }], sharedTrunk: true, seed: c.seed };
    this.online = createMlp(tfjs, network);
    this.target = createMlp(tfjs, network);
    loadWeights(tfjs, this.target.weights, readWeights(this.online.weights));
    this.buffer = new ReplayBuffer({
      envCount: env.count, observationSize: env.observationSize, actionCount: env.actionCount, capacity: c.bufferSize,
      ...(c.replayFinalCapacity !== null ? { finalCapacity: c.replayFinalCapacity } : {}),
      masks: !!env.actionMask, prioritized: c.prioritized, maxBytes: c.replayMaxBytes, nStep: { steps: c.nSteps, gamma: c.gamma },
    });
    this.optimizer = new DqnOptimizer(tfjs, this.online, this.target, c);
    this.epsilon = linearSchedule(c.exploration);
    this.learningRate = toSchedule(c.learningRate);
    this.beta = linearSchedule({ start: c.prioritized?.beta0 ?? 1, end: 1, fraction: 1 });
    this.io = stepBuffers(env, this.buffer, c.batchSize, !!c.prioritized);
    this.episodeReturns = new Float64Array(env.count);
    this.episodeLengths = new Int32Array(env.count);
  }

  /** Frames so far (transitions of all envs together). */
  get steps(): number {
    return this.counters.steps;
  }

  /** Gradient steps so far. */
  get updates(): number {
    return this.counters.updates;
  }

  /** Steps the envs until `totalSteps` frames (or the signal); resolves with the frames done in this call. */
  async train(options: DqnTrainOptions): Promise<DqnTrainResult> {
    if (!(Number.isSafeInteger(options.totalSteps) && options.totalSteps >= 0)) throw new RangeError(`dqn: totalSteps must be an integer >= 0, got ${options.totalSteps}`);
    const first = this.counters.steps;
    const io = this.io;
    this.env.observe(io.obs);
    this.env.actionMask?.(io.mask!);
    this.log.start(this.counters.steps);
    while (this.counters.steps < options.totalSteps) {
      if (options.signal?.aborted) return { steps: this.counters.steps - first, stopped: true };
      this.vectorStep(options.totalSteps);
      if (this.log.due(this.counters.steps, this.config.logInterval) || this.counters.steps >= options.totalSteps) {
        const progress = this.progress(options.totalSteps);
        const beta = this.config.prioritized ? this.beta(progress) : null;
        options.onLog?.(this.log.flush({ ...this.counters, totalSteps: options.totalSteps, epsilon: this.epsilon(progress), learningRate: this.learningRate(progress), beta, replaySize: this.buffer.size }));
      }
      // Let timers and signals run now and then.
      if (this.counters.envSteps % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return { steps: this.counters.steps - first, stopped: false };
  }

  /** The greedy actions (argmax Q over the allowed ones) for `observations` [rows, obs]; deterministic. */
  act(observations: Float32Array, actions: Int32Array, mask?: Uint8Array): Int32Array {
    greedyActions(this.qValues(observations), this.env.actionCount, actions, mask);
    return actions;
  }

  /** Q_online(s, ·) [rows, actions] for `observations` [rows, obs]. */
  qValues(observations: Float32Array): Float32Array {
    const t = this.tfjs;
    const rows = observations.length / this.env.observationSize;
    const q = t.tidy(() => this.online.forward(t.tensor2d(observations, [rows, this.env.observationSize]))[0]!);
    const values = (q.dataSync() as Float32Array).slice();
    q.dispose();
    return values;
  }

  /** Everything needed to continue exactly (copies: plain data, typed arrays in maps). */
  state(): DqnState {
    return {
      seed: this.config.seed,
      ...this.counters,
      online: readWeights(this.online.weights),
      target: readWeights(this.target.weights),
      adam: copyAdam(this.optimizer.adam.state()),
      replay: this.buffer.state(),
      episodeReturns: this.episodeReturns.slice(),
      episodeLengths: this.episodeLengths.slice(),
    };
  }

  /** Takes back a `state()` of a trainer with the same config and env sizes. */
  restore(saved: DqnState): void {
    if (saved.seed !== this.config.seed) throw new RangeError(`dqn: the saved state has seed ${saved.seed}, this trainer ${this.config.seed}`);
    loadWeights(this.tfjs, this.online.weights, saved.online);
    loadWeights(this.tfjs, this.target.weights, saved.target);
    this.optimizer.adam.load(copyAdam(saved.adam));
    this.buffer.restore(saved.replay);
    this.counters = { steps: saved.steps, envSteps: saved.envSteps, updates: saved.updates, episodes: saved.episodes };
    this.episodeReturns = saved.episodeReturns.slice();
    this.episodeLengths = saved.episodeLengths.slice();
  }

  dispose(): void {
    this.optimizer.dispose();
    this.online.dispose();
    this.target.dispose();
  }

  private progress(totalSteps: number): number {
    return totalSteps > 0 ? this.counters.steps / totalSteps : 1;
  }

  // Act, step, store; then the target update and the gradient steps that fall due.
  private vectorStep(totalSteps: number): void {
    const { io, env, config: c, counters } = this;
    const progress = this.progress(totalSteps);
    const random = new RandomStream(c.seed, EXPLORE_STREAM + counters.envSteps);
    epsilonGreedy({ rows: env.count, actionCount: env.actionCount, epsilon: this.epsilon(progress), random, qValues: () => this.qValues(io.obs), actions: io.actions, ...(io.mask ? { mask: io.mask } : {}) });
    env.step(io.actions);
    env.observe(io.nextObs);
    if (io.nextMask) env.actionMask!(io.nextMask);
    this.buffer.addBatch({
      observations: io.obs, actions: io.actions, rewards: env.rewards, dones: env.dones, truncated: env.truncated,
      finalObservations: env.finalObservations, nextObservations: io.nextObs, ...(io.mask ? { masks: io.mask, nextMasks: io.nextMask! } : {}),
    });
    [io.obs, io.nextObs] = [io.nextObs, io.obs];
    if (io.mask) [io.mask, io.nextMask] = [io.nextMask, io.mask];
    counters.steps += env.count;
    counters.envSteps += 1;
    this.trackEpisodes();
    if (counters.envSteps % Math.max(1, Math.floor(c.targetUpdateInterval / env.count)) === 0) this.updateTarget();
    if (counters.envSteps % c.trainFreq === 0 && counters.steps > c.learningStarts) {
      for (let g = 0; g < c.gradientSteps; g++) this.gradientStep(progress);
    }
  }

  private gradientStep(progress: number): void {
    const { io, counters } = this;
    const random = new RandomStream(this.config.seed, REPLAY_STREAM + counters.updates);
    this.buffer.sample(io.batch, random, this.beta(progress));
    const stats = this.optimizer.step(io.batch, this.learningRate(progress), io.tdErrors ?? undefined);
    if (io.tdErrors) this.buffer.updatePriorities(io.batch.indices, io.tdErrors);
    counters.updates += 1;
    this.log.addUpdate(stats);
  }

  private updateTarget(): void {
    const { tfjs: t, config } = this;
    if (config.tau === 1) {
      loadWeights(t, this.target.weights, readWeights(this.online.weights));
      return;
    }
    t.tidy(() => {
      for (const [name, w] of this.target.weights) w.assign(t.add(t.mul(this.online.weights.get(name)!, config.tau), t.mul(w, 1 - config.tau)));
    });
  }

  private trackEpisodes(): void {
    const env = this.env;
    for (let e = 0; e < env.count; e++) {
      this.episodeReturns[e] = this.episodeReturns[e]! + env.rewards[e]!;
      this.episodeLengths[e] = this.episodeLengths[e]! + 1;
      if (!env.dones[e] && !env.truncated[e]) continue;
      this.log.addEpisode(this.episodeReturns[e]!, this.episodeLengths[e]!);
      this.counters.episodes += 1;
      this.episodeReturns[e] = 0;
      this.episodeLengths[e] = 0;
    }
  }
}

/** The trainer's reusable arrays: the env's step in and out, and one replay batch. */
interface StepBuffers {
  obs: Float32Array;
  nextObs: Float32Array;
  mask: Uint8Array | null;
  nextMask: Uint8Array | null;
  actions: Int32Array;
  batch: ReturnType<ReplayBuffer['createBatch']>;
  tdErrors: Float32Array | null;
}

function stepBuffers(env: VectorEnv, buffer: ReplayBuffer, batchSize: number, prioritized: boolean): StepBuffers {
  const [N, obs, A] = [env.count, env.observationSize, env.actionCount];
  return {
    obs: new Float32Array(N * obs),
    nextObs: new Float32Array(N * obs),
    mask: env.actionMask ? new Uint8Array(N * A) : null,
    nextMask: env.actionMask ? new Uint8Array(N * A) : null,
    actions: new Int32Array(N),
    batch: buffer.createBatch(batchSize),
    tdErrors: prioritized ? new Float32Array(batchSize) : null,
  };
}

function copyAdam(s: DqnState['adam']): DqnState['adam'] {
  const copy = (m: Map<string, Float32Array>) => new Map([...m].map(([name, values]) => [name, values.slice()]));
  return { step: s.step, m: copy(s.m), v: copy(s.v) };
}
