/**
 * What the training loop needs from a sequence classifier (the LSTM and the transformer):
 * 1. `SequenceModel`: named trainable weights and a forward pass from a batch of windows to
 *    class logits; dropout draws from an explicit seed so a run is reproducible;
 * 2. `WeightInit`: seeded initializers filled from our own RandomStream on the CPU, so the
 *    same seed gives the same weights on every backend (tfjs's own random ops differ by
 *    backend).
 * Models are written with tfjs-core ops, not the Layers API: the forward pass, the weight
 * names and their order stay ours, which is what checkpoints and artifacts rely on.
 */
import type * as tf from '@tensorflow/tfjs';
import { RandomStream } from '../data/random-stream.js';

/** A batch of windows as tensors (see `SequenceBatch` for the layouts). */
export interface SequenceInputs {
  /** [batch, L, F] features, step 0 the oldest. */
  inputs: tf.Tensor3D;
  /** [batch, L] day offsets of each step from the window's last day (0 at the end, negative before). */
  dayOffsets: tf.Tensor2D;
  /** [batch, L] realized volatility per step, when the model uses it. */
  volatility?: tf.Tensor2D;
}

export interface ForwardOptions {
  training: boolean;
  /** Seed of this step's dropout masks (training only); derive it from (seed, epoch, batch). */
  dropoutSeed?: number;
}

export interface SequenceModel {
  /** `lstm` or `transformer`. */
  readonly kind: string;
  /** The architecture as plain JSON (what rebuilds the model with `weights`). */
  readonly config: Record<string, unknown>;
  /** Trainable weights by stable name, in creation order. */
  readonly weights: ReadonlyMap<string, tf.Variable>;
  /** Class logits [batch, classes]. */
  logits(x: SequenceInputs, options: ForwardOptions): tf.Tensor2D;
  /** Releases the weights. */
  dispose(): void;
}

/** Seeded weight initializers (one stream per model; draw in creation order). */
export class WeightInit {
  private readonly random: RandomStream;

  constructor(
    private readonly tfjs: typeof tf,
    seed: number,
  ) {
    this.random = new RandomStream(seed, 7_411);
  }

  /** Glorot/Xavier uniform over [fanIn, fanOut] (or the last two dims of `shape`). */
  glorot(name: string, shape: number[]): tf.Variable {
    const fanIn = shape.length >= 2 ? shape[shape.length - 2]! : shape[0]!;
    const fanOut = shape[shape.length - 1]!;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return this.variable(name, shape, () => (2 * this.random.nextFloat() - 1) * limit);
  }

  /** Uniform in [-limit, limit]. */
  uniform(name: string, shape: number[], limit: number): tf.Variable {
    return this.variable(name, shape, () => (2 * this.random.nextFloat() - 1) * limit);
  }

  /** A constant fill (biases: 0; LSTM forget-gate bias: 1; layer-norm gains: 1). */
  constant(name: string, shape: number[], value: number): tf.Variable {
    return this.variable(name, shape, () => value);
  }

  private variable(name: string, shape: number[], draw: () => number): tf.Variable {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = draw();
    // tfjs names variables globally; two models in one process would collide on `name`,
    // so the stable name lives only in the model's `weights` map.
    void name;
    return this.tfjs.variable(this.tfjs.tensor(values, shape, 'float32'), true);
  }
}

/** The dropout seed of one training step, an integer tfjs accepts; models add a per-site offset. */
export function dropoutSeed(seed: number, epoch: number, batch: number): number {
  return new RandomStream(seed, (epoch * 1_000_003 + batch) % Number.MAX_SAFE_INTEGER).nextUint32();
}
