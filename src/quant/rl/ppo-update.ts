/**
 * PPO's update of the network from one rollout (Schulman et al. 2017, as SB3 computes it):
 * 1. `nEpochs` passes over the rollout in an order shuffled from the update's seeded stream,
 *    cut into minibatches of `batchSize` (the last one may be smaller);
 * 2. per minibatch: advantages normalized to mean 0 and standard deviation 1 (optional);
 *    the clipped surrogate -mean(min(r A, clip(r, 1 - ε, 1 + ε) A)) with r = π / π_old; the
 *    value loss mean((R - V)²), V optionally clipped around the rollout's value; the entropy
 *    bonus; loss = policy - entropyCoef · entropy + valueCoef · value; one Adam step with
 *    global-norm clipping;
 * 3. diagnostics averaged over the minibatches: the losses, the entropy, the approximate
 *    KL mean((r - 1) - log r) and the fraction of ratios outside the clip range; with a
 *    `targetKl`, the epochs stop before a step whose KL exceeds 1.5 x target (as SB3).
 */
import type * as tf from '@tensorflow/tfjs';
import type { RandomStream } from '../data/random-stream.js';
import { Adam } from '../models/adam.js';
import { entropyOf, logProbOf, maskLogits } from './categorical.js';
import type { Mlp } from './mlp.js';
import type { PpoConfig } from './ppo-config.js';
import type { PpoRollout } from './ppo-rollout.js';

/** Means over an update's minibatches. */
export interface PpoLossStats {
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  approxKl: number;
  clipFraction: number;
  /** Global gradient norm before clipping. */
  gradientNorm: number;
  /** Epochs run: fewer than nEpochs when `targetKl` stopped the update. */
  epochs: number;
}

/** One minibatch gathered from the rollout (reused buffers; `size` rows are valid). */
interface Minibatch {
  size: number;
  observations: Float32Array;
  actions: Int32Array;
  logProbs: Float32Array;
  advantages: Float32Array;
  returns: Float32Array;
  values: Float32Array;
  masks: Uint8Array | null;
}

export class PpoOptimizer {
  readonly adam: Adam;
  private readonly order: Int32Array;
  private readonly batch: Minibatch;
  private readonly names: string[];
  private readonly variables: tf.Variable[];

  constructor(
    private readonly tfjs: typeof tf,
    private readonly network: Mlp,
    private readonly config: PpoConfig,
    rollout: PpoRollout,
  ) {
    this.adam = new Adam(tfjs, network.weights, { epsilon: config.adamEpsilon });
    this.order = new Int32Array(rollout.steps * rollout.envs);
    const B = Math.min(config.batchSize, this.order.length);
    this.batch = {
      size: 0,
      observations: new Float32Array(B * rollout.observationSize),
      actions: new Int32Array(B),
      logProbs: new Float32Array(B),
      advantages: new Float32Array(B),
      returns: new Float32Array(B),
      values: new Float32Array(B),
      masks: rollout.masks ? new Uint8Array(B * rollout.actionCount) : null,
    };
    this.names = [...network.weights.keys()];
    this.variables = this.names.map((n) => network.weights.get(n)!);
  }

  /** Runs the epochs of minibatch steps over `rollout` (advantages and returns filled in). */
  update(rollout: PpoRollout, learningRate: number, random: RandomStream): PpoLossStats {
    const sums = { policyLoss: 0, valueLoss: 0, entropy: 0, approxKl: 0, clipFraction: 0, gradientNorm: 0, epochs: 0 };
    const total = this.order.length;
    const B = this.batch.observations.length / rollout.observationSize;
    let steps = 0;
    for (let epoch = 0; epoch < this.config.nEpochs; epoch++) {
      shuffle(this.order, random);
      sums.epochs += 1;
      for (let from = 0; from < total; from += B) {
        this.gather(rollout, from, Math.min(total, from + B));
        const step = this.step(learningRate);
        if (step === 'kl-stop') return mean(sums, steps);
        for (const key of ['policyLoss', 'valueLoss', 'entropy', 'approxKl', 'clipFraction', 'gradientNorm'] as const) sums[key] += step[key];
        steps += 1;
      }
    }
    return mean(sums, steps);
  }

  private gather(rollout: PpoRollout, from: number, to: number): void {
    const b = this.batch;
    const [O, A] = [rollout.observationSize, rollout.actionCount];
    b.size = to - from;
    for (let k = 0; k < b.size; k++) {
      const i = this.order[from + k]!;
      b.observations.set(rollout.observations.subarray(i * O, (i + 1) * O), k * O);
      if (b.masks) b.masks.set(rollout.masks!.subarray(i * A, (i + 1) * A), k * A);
      b.actions[k] = rollout.actions[i]!;
      b.logProbs[k] = rollout.logProbs[i]!;
      b.advantages[k] = rollout.advantages[i]!;
      b.returns[k] = rollout.returns[i]!;
      b.values[k] = rollout.values[i]!;
    }
    if (this.config.normalizeAdvantage && b.size > 1) normalize(b.advantages.subarray(0, b.size));
  }

  /** One gradient step on the gathered minibatch; 'kl-stop' (and no step) when the KL is past the target. */
  private step(learningRate: number): Omit<PpoLossStats, 'epochs'> | 'kl-stop' {
    const t = this.tfjs;
    let stats: tf.Tensor | undefined;
    const { value, grads } = t.tidy(() => {
      const inputs = this.minibatchTensors();
      return t.variableGrads(() => {
        const { loss, diagnostics } = this.loss(inputs);
        stats = t.keep(diagnostics);
        return loss;
      }, this.variables);
    });
    const [policyLoss, valueLoss, entropy, approxKl, clipFraction] = Array.from(stats!.dataSync());
    const byName = new Map(this.names.map((n, i) => [n, grads[this.variables[i]!.name]!]));
    const loss = value.dataSync()[0]!;
    const release = () => t.dispose([value, stats!, ...byName.values()]);
    if (!Number.isFinite(loss)) {
      release();
      throw new RangeError(`ppo: the loss became ${loss}; lower the learning rate or check the observations and rewards for extreme values`);
    }
    if (this.config.targetKl !== null && approxKl! > 1.5 * this.config.targetKl) {
      release();
      return 'kl-stop';
    }
    const gradientNorm = this.adam.apply(byName, learningRate, this.config.maxGradNorm);
    release();
    return { policyLoss: policyLoss!, valueLoss: valueLoss!, entropy: entropy!, approxKl: approxKl!, clipFraction: clipFraction!, gradientNorm };
  }

  private minibatchTensors() {
    const t = this.tfjs;
    const b = this.batch;
    const rows = b.size;
    const column = (values: Float32Array) => t.tensor1d(values.subarray(0, rows));
    return {
      observations: t.tensor2d(b.observations.subarray(0, rows * (b.observations.length / b.actions.length)), [rows, b.observations.length / b.actions.length]),
      actions: t.tensor1d(b.actions.subarray(0, rows), 'int32'),
      logProbs: column(b.logProbs),
      advantages: column(b.advantages),
      returns: column(b.returns),
      values: column(b.values),
      masks: b.masks ? t.tensor2d(b.masks.subarray(0, rows * (b.masks.length / b.actions.length)), [rows, b.masks.length / b.actions.length], 'int32') : null,
    };
  }

  /** The PPO loss and its diagnostics [policy, value, entropy, approx KL, clip fraction]. */
  private loss(x: ReturnType<PpoOptimizer['minibatchTensors']>): { loss: tf.Scalar; diagnostics: tf.Tensor1D } {
    const t = this.tfjs;
    const c = this.config;
    const [rawLogits, rawValues] = this.network.forward(x.observations) as [tf.Tensor2D, tf.Tensor2D];
    const logits = x.masks ? maskLogits(t, rawLogits, x.masks) : rawLogits;
    const logRatio = t.sub(logProbOf(t, logits, x.actions), x.logProbs);
    const ratio = t.exp(logRatio);
    const surrogate = t.minimum(t.mul(x.advantages, ratio), t.mul(x.advantages, t.clipByValue(ratio, 1 - c.clipRange, 1 + c.clipRange)));
    const policyLoss = t.neg(t.mean(surrogate));
    const values = t.reshape(rawValues, [-1]);
    const predicted = c.clipRangeValue === null ? values : t.add(x.values, t.clipByValue(t.sub(values, x.values), -c.clipRangeValue, c.clipRangeValue));
    const valueLoss = t.mean(t.square(t.sub(x.returns, predicted)));
    const entropy = t.mean(entropyOf(t, logits));
    const loss = t.add(t.sub(policyLoss, t.mul(entropy, c.entropyCoef)), t.mul(valueLoss, c.valueCoef)) as tf.Scalar;
    const approxKl = t.mean(t.sub(t.sub(ratio, 1), logRatio));
    const clipFraction = t.mean(t.cast(t.greater(t.abs(t.sub(ratio, 1)), c.clipRange), 'float32'));
    return { loss, diagnostics: t.stack([policyLoss, valueLoss, entropy, approxKl, clipFraction]) as tf.Tensor1D };
  }

  dispose(): void {
    this.adam.dispose();
  }
}

/** Fisher–Yates shuffle of 0 .. n-1 from `random` (the same order on every platform). */
function shuffle(order: Int32Array, random: RandomStream): void {
  for (let i = 0; i < order.length; i++) order[i] = i;
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random.nextFloat() * (i + 1));
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
}

/** In place: (x - mean) / (std + 1e-8), with the n - 1 standard deviation as torch's `std`. */
function normalize(x: Float32Array): void {
  let sum = 0;
  for (const v of x) sum += v;
  const mu = sum / x.length;
  let squares = 0;
  for (const v of x) squares += (v - mu) ** 2;
  const std = Math.sqrt(squares / (x.length - 1));
  for (let i = 0; i < x.length; i++) x[i] = (x[i]! - mu) / (std + 1e-8);
}

function mean(sums: PpoLossStats, steps: number): PpoLossStats {
  const n = Math.max(steps, 1);
  return {
    policyLoss: sums.policyLoss / n, valueLoss: sums.valueLoss / n, entropy: sums.entropy / n,
    approxKl: sums.approxKl / n, clipFraction: sums.clipFraction / n, gradientNorm: sums.gradientNorm / n, epochs: sums.epochs,
  };
}

/** 1 - Var(returns - values) / Var(returns): how much of the returns the value head explains; null when the returns are constant. */
export function explainedVariance(values: Float32Array, returns: Float32Array): number | null {
  const variance = (f: (i: number) => number) => {
    let [sum, squares] = [0, 0];
    for (let i = 0; i < values.length; i++) sum += f(i);
    const mu = sum / values.length;
    for (let i = 0; i < values.length; i++) squares += (f(i) - mu) ** 2;
    return squares / values.length;
  };
  const total = variance((i) => returns[i]!);
  return total === 0 ? null : 1 - variance((i) => returns[i]! - values[i]!) / total;
}
