/**
 * Double DQN's hyperparameters with Stable-Baselines3's `DQN` defaults where the issue does
 * not set them (it sets the buffer to 100,000 transitions and ε's floor to 0.01), and the
 * check that a configuration is usable. Counts in "steps" are environment frames: one
 * `step` of a VectorEnv of N environments is N of them, as SB3 counts `num_timesteps`.
 */
import type { LinearScheduleOptions, ScheduleSpec } from './linear-schedule.js';

/** Proportional prioritized replay (Schaul et al. 2016); off by default. */
export interface DqnPrioritizedConfig {
  /** α, how much |δ| shapes sampling (0 uniform). Default 0.6. */
  alpha: number;
  /** β at the start, annealed linearly to 1 over training. Default 0.4. */
  beta0: number;
  /** ε added to |δ| so that every transition can be drawn. Default 1e-6. */
  epsilon: number;
}

/** Everything that shapes a Double DQN run; `DEFAULT_DQN_CONFIG` holds the defaults. */
export interface DqnConfig {
  /** Widths of the Q-network's hidden layers. Default [64, 64] (SB3). */
  hidden: number[];
  /** Nonlinearity of the hidden layers. Default relu (SB3). */
  activation: 'tanh' | 'relu';
  /** Adam's learning rate, constant or a linear schedule over training. Default 1e-4. */
  learningRate: ScheduleSpec;
  /** Adam's epsilon. Default 1e-8 (PyTorch's Adam, which SB3 uses). */
  adamEpsilon: number;
  /** Transitions the replay buffer keeps. Default 100,000. */
  bufferSize: number;
  /** Final-observation rows of the buffer (see replay-buffer.ts), or null for bufferSize / 16. */
  replayFinalCapacity: number | null;
  /** Largest replay footprint in bytes before the trainer refuses to start. Default 2 GiB. */
  replayMaxBytes: number;
  /** Frames of pure collection before the first gradient step. Default 100 (SB3). */
  learningStarts: number;
  /** Transitions per gradient step. Default 32. */
  batchSize: number;
  /** Soft-update coefficient: θ_target ← τ θ + (1 - τ) θ_target; 1 is a hard copy. Default 1. */
  tau: number;
  /** Discount γ. Default 0.99. */
  gamma: number;
  /**
   * Factor on every reward before it enters a TD target (the replay keeps the raw rewards,
   * episode returns are logged raw; Q-values and their log are in scaled units). Default 1.
   * Why: the Huber loss is quadratic only within 1 of the target and Adam moves the output
   * by ~learning rate per step whatever the scale, so rewards far below 1 (a trading env's
   * per-step log returns, ~1e-2) leave the differences between actions under the network's
   * initial noise and Adam's jitter; ~100 there brings them to ~1. The greedy policy is
   * unchanged by a positive scale, so this rescales the problem without changing its answer.
   */
  rewardScale: number;
  /**
   * n of n-step returns: each sampled transition sums up to n discounted rewards of its
   * episode before bootstrapping with γ^m (`replay-n-step.ts`), which carries a reward back
   * n steps per update instead of one, at the price of some off-policy bias from the
   * exploratory actions inside the window. Default 1 (one-step, as SB3's DQN).
   */
  nSteps: number;
  /** Vector-env steps between rounds of gradient steps. Default 4. */
  trainFreq: number;
  /** Gradient steps per round. Default 1. */
  gradientSteps: number;
  /** Frames between target updates (rounded down to whole vector steps, at least 1). Default 10,000. */
  targetUpdateInterval: number;
  /** ε-greedy's schedule: from `start` to `end` over the first `fraction` of training. Default 1 → 0.01 over 0.1. */
  exploration: LinearScheduleOptions;
  /** Clip gradients to this global norm, or null for none. Default 10 (SB3). */
  maxGradNorm: number | null;
  /** Prioritized replay, or null for uniform (the default). */
  prioritized: DqnPrioritizedConfig | null;
  /** Frames between `onLog` calls (rounded up to whole vector steps). Default 1000. */
  logInterval: number;
  /** Seed of the initial weights, the exploration and the replay sampling. Default 0. */
  seed: number;
}

export const DEFAULT_PRIORITIZED_CONFIG: Readonly<DqnPrioritizedConfig> = Object.freeze({ alpha: 0.6, beta0: 0.4, epsilon: 1e-6 });

export const DEFAULT_DQN_CONFIG: Readonly<DqnConfig> = Object.freeze({
  hidden: Object.freeze([64, 64]) as unknown as number[],
  activation: 'relu',
  learningRate: 1e-4,
  adamEpsilon: 1e-8,
  bufferSize: 100_000,
  replayFinalCapacity: null,
  replayMaxBytes: 2 * 1024 ** 3,
  learningStarts: 100,
  batchSize: 32,
  tau: 1,
  gamma: 0.99,
  rewardScale: 1,
  nSteps: 1,
  trainFreq: 4,
  gradientSteps: 1,
  targetUpdateInterval: 10_000,
  exploration: Object.freeze({ start: 1, end: 0.01, fraction: 0.1 }),
  maxGradNorm: 10,
  prioritized: null,
  logInterval: 1000,
  seed: 0,
});

/** The defaults overridden by `overrides`, checked; throws a RangeError naming the first bad field. */
export function resolveDqnConfig(overrides: Partial<DqnConfig> = {}): DqnConfig {
  const d = DEFAULT_DQN_CONFIG;
  const c: DqnConfig = {
    ...d,
    ...overrides,
    hidden: [...(overrides.hidden ?? d.hidden)],
    exploration: { ...(overrides.exploration ?? d.exploration) },
    prioritized: overrides.prioritized ? { ...DEFAULT_PRIORITIZED_CONFIG, ...overrides.prioritized } : null,
  };
  const fail = (field: string, rule: string, value: unknown) => {
    throw new RangeError(`dqn: ${field} must be ${rule}, got ${JSON.stringify(value)}`);
  };
  const integer = (x: number, min: number) => Number.isSafeInteger(x) && x >= min;
  const unit = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;
  for (const field of ['bufferSize', 'batchSize', 'nSteps', 'trainFreq', 'gradientSteps', 'targetUpdateInterval', 'logInterval'] as const) if (!integer(c[field], 1)) fail(field, 'an integer >= 1', c[field]);
  if (!integer(c.learningStarts, 0)) fail('learningStarts', 'an integer >= 0', c.learningStarts);
  if (c.replayFinalCapacity !== null && !integer(c.replayFinalCapacity, 1)) fail('replayFinalCapacity', 'null or an integer >= 1', c.replayFinalCapacity);
  if (!(c.tau > 0 && c.tau <= 1)) fail('tau', 'in (0, 1]', c.tau);
  if (!unit(c.gamma)) fail('gamma', 'in [0, 1]', c.gamma);
  if (!(c.rewardScale > 0 && Number.isFinite(c.rewardScale))) fail('rewardScale', 'finite and > 0', c.rewardScale);
  const lr = typeof c.learningRate === 'number' ? [c.learningRate] : [c.learningRate.start, c.learningRate.end];
  if (!lr.every((x) => Number.isFinite(x) && x >= 0) || (typeof c.learningRate !== 'number' && !unit(c.learningRate.fraction))) fail('learningRate', 'a number >= 0 or { start, end, fraction in [0, 1] }', c.learningRate);
  const e = c.exploration;
  if (!(unit(e.start) && unit(e.end) && unit(e.fraction))) fail('exploration', '{ start, end, fraction } each in [0, 1]', e);
  if (!(c.adamEpsilon > 0) || !(c.replayMaxBytes > 0)) fail('adamEpsilon and replayMaxBytes', '> 0', [c.adamEpsilon, c.replayMaxBytes]);
  if (c.maxGradNorm !== null && !(c.maxGradNorm > 0 && Number.isFinite(c.maxGradNorm))) fail('maxGradNorm', 'null or finite and > 0', c.maxGradNorm);
  const p = c.prioritized;
  if (p && !(p.alpha >= 0 && Number.isFinite(p.alpha) && unit(p.beta0) && p.epsilon > 0)) fail('prioritized', '{ alpha >= 0, beta0 in [0, 1], epsilon > 0 }', p);
  if (!c.hidden.every((w) => integer(w, 1))) fail('hidden', 'a list of integers >= 1', c.hidden);
  if (c.activation !== 'tanh' && c.activation !== 'relu') fail('activation', "'tanh' or 'relu'", c.activation);
  if (!Number.isSafeInteger(c.seed)) fail('seed', 'a safe integer', c.seed);
  return c;
}
