/**
 * PPO's hyperparameters with Stable-Baselines3's defaults (its `PPO` class and
 * `ActorCriticPolicy`: separate 64-64 tanh trunks, orthogonal init, Adam eps 1e-5), and
 * the check that a configuration is usable.
 */

/** Everything that shapes a PPO run; `DEFAULT_PPO_CONFIG` holds the defaults. */
export interface PpoConfig {
  /** Steps per environment per rollout; a rollout holds nSteps x N transitions. Default 2048. */
  nSteps: number;
  /** Transitions per minibatch; the last minibatch of an epoch may be smaller. Default 64. */
  batchSize: number;
  /** Passes over each rollout. Default 10. */
  nEpochs: number;
  /** Discount γ. Default 0.99. */
  gamma: number;
  /** GAE λ. Default 0.95. */
  gaeLambda: number;
  /** Clip range ε of the probability ratio. Default 0.2. */
  clipRange: number;
  /** Clip range of the value prediction around the rollout's value, or null for none (the default, as SB3). */
  clipRangeValue: number | null;
  /** Weight of the value loss. Default 0.5. */
  valueCoef: number;
  /** Weight of the entropy bonus. Default 0 (SB3); 0.01 is common for discrete actions (CleanRL). */
  entropyCoef: number;
  /** Adam's learning rate (the initial one when annealed). Default 3e-4. */
  learningRate: number;
  /** Anneal the learning rate linearly towards 0 over `totalSteps` of `train`. Default false. */
  annealLearningRate: boolean;
  /** Clip the gradients to this global norm, or null for none. Default 0.5. */
  maxGradNorm: number | null;
  /** Adam's epsilon. Default 1e-5 (SB3 and CleanRL for PPO; Adam's own default is 1e-8). */
  adamEpsilon: number;
  /** Normalize the advantages of each minibatch to mean 0, standard deviation 1. Default true. */
  normalizeAdvantage: boolean;
  /** Stop an update's epochs once a minibatch's approximate KL exceeds 1.5 x this, or null for never. Default null. */
  targetKl: number | null;
  /** Widths of the hidden layers. Default [64, 64]. */
  hidden: number[];
  /** Nonlinearity of the hidden layers. Default tanh. */
  activation: 'tanh' | 'relu';
  /** One trunk for the policy and the value (true) or one each (false, the default). */
  sharedTrunk: boolean;
  /** Orthogonal gain of the policy head. Default 0.01, which starts the policy near uniform. */
  policyGain: number;
  /** Orthogonal gain of the value head. Default 1. */
  valueGain: number;
  /** Seed of the initial weights, the action sampling and the minibatch order. Default 0. */
  seed: number;
}

export const DEFAULT_PPO_CONFIG: Readonly<PpoConfig> = Object.freeze({
  nSteps: 2048,
  batchSize: 64,
  nEpochs: 10,
  gamma: 0.99,
  gaeLambda: 0.95,
  clipRange: 0.2,
  clipRangeValue: null,
  valueCoef: 0.5,
  entropyCoef: 0,
  learningRate: 3e-4,
  annealLearningRate: false,
  maxGradNorm: 0.5,
  adamEpsilon: 1e-5,
  normalizeAdvantage: true,
  targetKl: null,
  hidden: Object.freeze([64, 64]) as unknown as number[],
  activation: 'tanh',
  sharedTrunk: false,
  policyGain: 0.01,
  valueGain: 1,
  seed: 0,
});

/** The defaults overridden by `overrides`, checked; throws a RangeError naming the first bad field. */
export function resolvePpoConfig(overrides: Partial<PpoConfig> = {}): PpoConfig {
  const c: PpoConfig = { ...DEFAULT_PPO_CONFIG, ...overrides, hidden: [...(overrides.hidden ?? DEFAULT_PPO_CONFIG.hidden)] };
  const fail = (field: keyof PpoConfig, rule: string) => {
    throw new RangeError(`ppo: ${field} must be ${rule}, got ${JSON.stringify(c[field])}`);
  };
  const integer = (field: 'nSteps' | 'batchSize' | 'nEpochs') => Number.isSafeInteger(c[field]) && c[field] >= 1;
  const positive = (x: number) => Number.isFinite(x) && x > 0;
  const unit = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;
  for (const field of ['nSteps', 'batchSize', 'nEpochs'] as const) if (!integer(field)) fail(field, 'an integer >= 1');
  if (!unit(c.gamma)) fail('gamma', 'in [0, 1]');
  if (!unit(c.gaeLambda)) fail('gaeLambda', 'in [0, 1]');
  for (const field of ['clipRange', 'learningRate', 'adamEpsilon', 'policyGain', 'valueGain'] as const) if (!positive(c[field])) fail(field, 'finite and > 0');
  for (const field of ['clipRangeValue', 'maxGradNorm', 'targetKl'] as const) if (c[field] !== null && !positive(c[field])) fail(field, 'null or finite and > 0');
  for (const field of ['valueCoef', 'entropyCoef'] as const) if (!(Number.isFinite(c[field]) && c[field] >= 0)) fail(field, 'finite and >= 0');
  if (!c.hidden.every((w) => Number.isSafeInteger(w) && w >= 1)) fail('hidden', 'a list of integers >= 1');
  if (c.activation !== 'tanh' && c.activation !== 'relu') fail('activation', "'tanh' or 'relu'");
  if (!Number.isSafeInteger(c.seed)) fail('seed', 'a safe integer');
  return c;
}
