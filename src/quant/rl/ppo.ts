/**
 * The PPO trainer (issue 5 item 2): an actor-critic MLP trained on a VectorEnv.
 * 1. per update: a rollout of nSteps x N transitions (`ppo-rollout.ts`), GAE(λ) with
 *    bootstrapping at truncations (`gae.ts`), then nEpochs of minibatch steps
 *    (`ppo-update.ts`), at a learning rate optionally annealed linearly over `totalSteps`;
 * 2. a log per update: losses, entropy, approximate KL, clip fraction, explained variance,
 *    finished episodes' mean return and length, frames per second and where the time went;
 * 3. the greedy policy (`act`) for evaluation;
 * 4. `state`/`restore`: weights, Adam's moments and the counters. Each update's sampling
 *    and shuffling streams are derived from (seed, update), so the counters are the whole
 *    random state (RandomStream does not expose its own), and a restored trainer continues
 *    exactly where the saved one stopped. The environment's state is its own: resume on the
 *    same environment object, or accept that a rebuilt one starts new episodes.
 */
import type * as tf from '@tensorflow/tfjs';
import { RandomStream } from '../data/random-stream.js';
import type { AdamState } from '../models/adam.js';
import { greedyActions } from './categorical.js';
import { computeGae } from './gae.js';
import { createMlp, loadWeights, readWeights, type Mlp } from './mlp.js';
import { resolvePpoConfig, type PpoConfig } from './ppo-config.js';
import { EpisodeTracker, PpoRollout, policyForward } from './ppo-rollout.js';
import { explainedVariance, PpoOptimizer } from './ppo-update.js';
import type { VectorEnv } from './vector-env.js';

/** What one update did, for the log. */
export interface PpoUpdateLog {
  /** Updates done so far, this one included (from 1). */
  update: number;
  /** Environment frames so far (steps of all envs together). */
  steps: number;
  learningRate: number;
  policyLoss: number;
  valueLoss: number;
  /** Mean entropy of the policy over the minibatches, in nats. */
  entropy: number;
  /** Mean of (r - 1) - log r over the minibatches, r the probability ratio (SB3's estimator). */
  approxKl: number;
  /** Fraction of ratios outside [1 - ε, 1 + ε]. */
  clipFraction: number;
  /** 1 - Var(R - V) / Var(R) over the rollout; null when the returns are constant. */
  explainedVariance: number | null;
  /** Mean global gradient norm before clipping. */
  gradientNorm: number;
  /** Epochs run (fewer than nEpochs when targetKl stopped them). */
  epochs: number;
  /** Episodes that ended during this update's rollout. */
  episodes: number;
  /** Mean undiscounted return of those episodes; null when none ended. */
  meanEpisodeReturn: number | null;
  meanEpisodeLength: number | null;
  /** Frames of this update over its wall time (rollout and update). */
  framesPerSecond: number;
  /** Seconds inside the environments (observe, masks, step). */
  envSeconds: number;
  /** Seconds of the rollout's forward passes and sampling. */
  forwardSeconds: number;
  /** Seconds of GAE and the gradient steps. */
  updateSeconds: number;
}

/** Options of `PpoTrainer.train`. */
export interface PpoTrainOptions {
  /** Train until this many environment frames in all (counted across resumes; whole rollouts, so it may overshoot). */
  totalSteps: number;
  onUpdate?: (log: PpoUpdateLog) => void;
  /** Checked before each update; training stops cleanly, the state ready to save. */
  signal?: AbortSignal;
}

/** What one `train` call did. */
export interface PpoTrainResult {
  /** Updates done in this call. */
  updates: number;
  /** True when the signal ended the call before `totalSteps`. */
  stopped: boolean;
}

/** Everything a trainer needs to continue exactly (plain data: typed arrays in maps). */
export interface PpoState {
  seed: number;
  updates: number;
  steps: number;
  weights: Map<string, Float32Array>;
  adam: AdamState;
  /** [envs] return and length of each environment's unfinished episode. */
  episodeReturns: Float64Array;
  episodeLengths: Int32Array;
}

// Each update's streams of the seed, far from the MLP's initialization stream.
const SAMPLE_STREAM = 2 ** 40;
const SHUFFLE_STREAM = 2 ** 41;

export class PpoTrainer {
  readonly config: PpoConfig;
  /** The actor-critic: head 0 `policy` (logits), head 1 `value`. */
  readonly network: Mlp;
  private readonly rollout: PpoRollout;
  private readonly optimizer: PpoOptimizer;
  private readonly episodes: EpisodeTracker;
  private updateCount = 0;
  private stepCount = 0;

  constructor(
    private readonly tfjs: typeof tf,
    private readonly env: VectorEnv,
    config: Partial<PpoConfig> = {},
  ) {
    this.config = resolvePpoConfig(config);
    const c = this.config;
    this.network = createMlp(tfjs, {
      inputSize: env.observationSize,
      hidden: c.hidden,
      activation: c.activation,
      heads: [{ name: 'policy', size: env.actionCount, gain: c.policyGain }, { name: 'value', size: 1, gain: c.valueGain }],
      sharedTrunk: c.sharedTrunk,
      seed: c.seed,
    });
    this.rollout = new PpoRollout(env, c.nSteps);
    this.optimizer = new PpoOptimizer(tfjs, this.network, c, this.rollout);
    this.episodes = new EpisodeTracker(env.count);
  }

  /** Updates done so far. */
  get updates(): number {
    return this.updateCount;
  }

  /** Environment frames so far. */
  get steps(): number {
    return this.stepCount;
  }

  /** Collects rollouts and updates until `totalSteps` frames (or the signal); resolves with the updates done in this call. */
  async train(options: PpoTrainOptions): Promise<PpoTrainResult> {
    if (!(Number.isSafeInteger(options.totalSteps) && options.totalSteps >= 0)) throw new RangeError(`ppo: totalSteps must be an integer >= 0, got ${options.totalSteps}`);
    let done = 0;
    while (this.stepCount < options.totalSteps) {
      if (options.signal?.aborted) return { updates: done, stopped: true };
      // Not `onUpdate?.(this.updateOnce())`: an absent callback would skip the call's argument too.
      const log = this.updateOnce(options.totalSteps);
      options.onUpdate?.(log);
      done += 1;
      // Let timers and signals run between updates.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { updates: done, stopped: false };
  }

  private updateOnce(totalSteps: number): PpoUpdateLog {
    const c = this.config;
    // CleanRL's annealing: the fraction of the budget left before this update's rollout, never 0.
    const learningRate = c.annealLearningRate ? c.learningRate * (1 - this.stepCount / totalSteps) : c.learningRate;
    const began = performance.now();
    this.episodes.clear();
    const random = new RandomStream(c.seed, SAMPLE_STREAM + this.updateCount);
    const timing = this.rollout.collect({ tfjs: this.tfjs, env: this.env, network: this.network, random, episodes: this.episodes });
    const updateBegan = performance.now();
    const r = this.rollout;
    computeGae({
      steps: r.steps, envs: r.envs, rewards: r.rewards, values: r.values, dones: r.dones, truncated: r.truncated,
      finalValues: r.finalValues, nextValues: r.nextValues, gamma: c.gamma, lambda: c.gaeLambda, advantages: r.advantages, returns: r.returns,
    });
    const stats = this.optimizer.update(r, learningRate, new RandomStream(c.seed, SHUFFLE_STREAM + this.updateCount));
    const ended = performance.now();
    this.updateCount += 1;
    this.stepCount += r.steps * r.envs;
    const e = this.episodes;
    return {
      update: this.updateCount,
      steps: this.stepCount,
      learningRate,
      ...stats,
      explainedVariance: explainedVariance(r.values, r.returns),
      episodes: e.finished,
      meanEpisodeReturn: e.finished > 0 ? e.returnSum / e.finished : null,
      meanEpisodeLength: e.finished > 0 ? e.lengthSum / e.finished : null,
      framesPerSecond: (r.steps * r.envs) / Math.max((ended - began) / 1000, 1e-9),
      ...timing,
      updateSeconds: (ended - updateBegan) / 1000,
    };
  }

  /** The most probable allowed action for each row of `observations` ([rows, observationSize]). */
  act(observations: Float32Array, mask?: Uint8Array): Int32Array {
    const rows = observations.length / this.env.observationSize;
    if (!Number.isInteger(rows)) throw new RangeError(`ppo.act: ${observations.length} values are not whole rows of ${this.env.observationSize}`);
    const { logits } = policyForward(this.tfjs, this.network, observations, rows);
    const actions = new Int32Array(rows);
    greedyActions(logits, this.env.actionCount, actions, mask);
    return actions;
  }

  /** A copy of everything needed to continue training exactly. */
  state(): PpoState {
    const adam = this.optimizer.adam.state();
    return {
      seed: this.config.seed,
      updates: this.updateCount,
      steps: this.stepCount,
      weights: readWeights(this.network.weights),
      adam: { step: adam.step, m: copy(adam.m), v: copy(adam.v) },
      episodeReturns: this.episodes.returns.slice(),
      episodeLengths: this.episodes.lengths.slice(),
    };
  }

  /** Continues from `state`, saved by a trainer with the same config and environment shape. */
  restore(state: PpoState): void {
    if (state.seed !== this.config.seed) throw new RangeError(`ppo.restore: the state was saved with seed ${state.seed}, this trainer has seed ${this.config.seed}`);
    if (state.episodeReturns.length !== this.env.count) throw new RangeError(`ppo.restore: the state has ${state.episodeReturns.length} environments, this trainer ${this.env.count}`);
    loadWeights(this.tfjs, this.network.weights, state.weights);
    // Copies: on the cpu backend a tensor keeps the very array it was made from.
    this.optimizer.adam.load({ step: state.adam.step, m: copy(state.adam.m), v: copy(state.adam.v) });
    this.updateCount = state.updates;
    this.stepCount = state.steps;
    this.episodes.returns.set(state.episodeReturns);
    this.episodes.lengths.set(state.episodeLengths);
  }

  dispose(): void {
    this.optimizer.dispose();
    this.network.dispose();
  }
}

function copy(arrays: ReadonlyMap<string, Float32Array>): Map<string, Float32Array> {
  return new Map([...arrays].map(([name, v]) => [name, v.slice()]));
}
