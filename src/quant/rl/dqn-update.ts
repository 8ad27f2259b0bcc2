/**
 * One Double DQN gradient step on a sampled batch (as SB3's `DQN.train`, with the Double
 * DQN target):
 * 1. the targets y from the online and target networks on s' (`dqn-targets.ts`), outside
 *    the gradient, with the rewards multiplied by `rewardScale` and, where the replay
 *    summed m > 1 rewards (n-step returns), the bootstrap discounted by γ^m;
 * 2. loss = mean_i w_i Huber(Q_online(s_i, a_i) - y_i), w the importance weights of
 *    prioritized replay (all 1 under uniform sampling);
 * 3. one Adam step with global-norm clipping (`models/adam.ts`, state by weight name);
 * 4. the TD errors δ_i = Q(s_i, a_i) - y_i back to the caller, for new priorities.
 * A NaN or infinite loss or gradient norm stops training with an error rather than
 * writing NaN into the weights.
 */
import type * as tf from '@tensorflow/tfjs';
import { Adam } from '../models/adam.js';
import { doubleDqnTargets, pickActions } from './dqn-targets.js';
import { huberLoss } from './huber.js';
import type { Mlp } from './mlp.js';
import type { ReplayBatch } from './replay-buffer.js';

/** What one gradient step did. */
export interface DqnStepStats {
  /** The weighted Huber loss before the step. */
  loss: number;
  /** Mean Q_online(s, a) over the batch before the step. */
  meanQ: number;
  /** Global gradient norm before clipping. */
  gradientNorm: number;
}

/** The online network's optimizer; `step` reads the target network but never changes it. */
export class DqnOptimizer {
  readonly adam: Adam;
  private readonly names: string[];
  private readonly variables: tf.Variable[];
  private discounts = new Float32Array(0);

  constructor(
    private readonly tfjs: typeof tf,
    private readonly online: Mlp,
    private readonly target: Mlp,
    private readonly options: { gamma: number; maxGradNorm: number | null; adamEpsilon: number; rewardScale?: number },
  ) {
    this.adam = new Adam(tfjs, online.weights, { epsilon: options.adamEpsilon });
    this.names = [...online.weights.keys()];
    this.variables = this.names.map((n) => online.weights.get(n)!);
  }

  /** One step on `batch`; fills `tdErrors` [B] when given. */
  step(batch: ReplayBatch, learningRate: number, tdErrors?: Float32Array): DqnStepStats {
    const t = this.tfjs;
    const B = batch.size;
    const obsSize = batch.observations.length / B;
    const discounts = this.bootstrapDiscounts(batch);
    const { value, grads, diagnostics } = t.tidy(() => {
      // Tensors over the batch's own arrays (the cpu backend keeps them): all die in this tidy.
      const x = t.tensor2d(batch.observations, [B, obsSize]);
      const next = t.tensor2d(batch.nextObservations, [B, obsSize]);
      const nextMasks = batch.nextMasks ? t.tensor2d(batch.nextMasks, [B, batch.nextMasks.length / B], 'int32') : undefined;
      const y = doubleDqnTargets(t, {
        rewards: t.mul(t.tensor1d(batch.rewards), this.options.rewardScale ?? 1) as tf.Tensor1D,
        dones: t.tensor1d(batch.dones),
        gamma: this.options.gamma,
        ...(discounts ? { discounts: t.tensor1d(discounts) } : {}),
        nextOnlineQ: this.online.forward(next)[0]!,
        nextTargetQ: this.target.forward(next)[0]!,
        ...(nextMasks ? { nextMasks } : {}),
      });
      const actions = t.tensor1d(batch.actions, 'int32');
      const weights = t.tensor1d(batch.weights);
      let taken: tf.Tensor1D | undefined;
      const result = t.variableGrads(() => {
        const q = pickActions(t, this.online.forward(x)[0]!, actions);
        taken = t.keep(q);
        return huberLoss(t, q, y, weights);
      }, this.variables);
      // [loss, mean Q, δ_0 .. δ_B-1] in one tensor: one read back from the backend.
      const diagnostics = t.concat([t.reshape(result.value, [1]), t.reshape(t.mean(taken!), [1]), t.sub(taken!, y)]);
      taken!.dispose();
      return { value: result.value, grads: result.grads, diagnostics };
    });
    const byName = new Map(this.names.map((n, i) => [n, grads[this.variables[i]!.name]!]));
    const read = diagnostics.dataSync();
    const [loss, meanQ] = [read[0]!, read[1]!];
    if (tdErrors) tdErrors.set(read.subarray(2, 2 + B));
    t.dispose(diagnostics);
    if (!Number.isFinite(loss)) {
      t.dispose([value, ...byName.values()]);
      throw new RangeError(`dqn: the loss became ${loss} at gradient step ${this.adam.step + 1}; lower the learning rate or check the rewards and observations for extreme values`);
    }
    const gradientNorm = this.adam.apply(byName, learningRate, this.options.maxGradNorm);
    t.dispose([value, ...byName.values()]);
    if (!Number.isFinite(gradientNorm)) throw new RangeError(`dqn: the gradient norm became ${gradientNorm} at gradient step ${this.adam.step + 1}; lower the learning rate or set maxGradNorm`);
    return { loss, meanQ, gradientNorm };
  }

  // γ^m per row when some row summed m > 1 rewards; null for a one-step batch, which keeps
  // the scalar γ (and so the exact arithmetic of runs without n-step returns).
  private bootstrapDiscounts(batch: ReplayBatch): Float32Array | null {
    const horizons = batch.horizons;
    if (horizons.every((m) => m === 1)) return null;
    if (this.discounts.length !== batch.size) this.discounts = new Float32Array(batch.size);
    for (let i = 0; i < batch.size; i++) this.discounts[i] = this.options.gamma ** horizons[i]!;
    return this.discounts;
  }

  dispose(): void {
    this.adam.dispose();
  }
}
