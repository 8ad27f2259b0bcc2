/**
 * The multilayer perceptron behind the RL agents, written with tfjs-core ops (not the Layers
 * API) so that the weight names and their order stay ours, as checkpoints rely on:
 * 1. hidden dense layers with tanh or relu, either one trunk shared by every head or one
 *    trunk per head (PPO's actor and critic, as SB3's default `net_arch`);
 * 2. one linear head per output: PPO's `policy` (action logits) and `value`, or a single
 *    `q` head of action values for Double DQN;
 * 3. orthogonal kernels drawn from one seeded RandomStream in creation order (gain √2 for
 *    hidden layers, each head's own gain) and zero biases, as SB3 and CleanRL initialize.
 */
import type * as tf from '@tensorflow/tfjs';
import { RandomStream } from '../data/random-stream.js';
import { orthogonalMatrix } from './orthogonal-init.js';

/** One linear output layer. */
export interface MlpHead {
  /** Prefix of the head's weights (and of its trunk's when trunks are separate): `policy`, `value`, `q`. */
  name: string;
  /** Outputs per row. */
  size: number;
  /** Orthogonal gain of the head's kernel (SB3: 0.01 for a policy, 1 for a value). */
  gain: number;
}

/** The architecture, as plain JSON. */
export interface MlpConfig {
  /** Values per input row. */
  inputSize: number;
  /** Widths of the hidden layers, input side first; [] makes every head linear in the input. */
  hidden: number[];
  /** The hidden layers' nonlinearity. */
  activation: 'tanh' | 'relu';
  /** The outputs, in the order `forward` returns them. */
  heads: MlpHead[];
  /** One trunk feeds every head (true), or each head has its own trunk of `hidden` layers. */
  sharedTrunk: boolean;
  /** Orthogonal gain of the hidden kernels; default √2 (SB3, CleanRL). */
  hiddenGain?: number;
  /** Seed of the initial weights. */
  seed: number;
}

/** A built network. */
export interface Mlp {
  readonly config: MlpConfig;
  /** Trainable weights by stable name, in creation order. */
  readonly weights: ReadonlyMap<string, tf.Variable>;
  /** Every head's output [batch, size] for `x` [batch, inputSize], in `config.heads` order. */
  forward(x: tf.Tensor2D): tf.Tensor2D[];
  /** Releases the weights. */
  dispose(): void;
}

// A sub-stream of the seed kept for network initialization, apart from sampling and shuffling.
const INIT_STREAM = 52_201;

export function createMlp(tfjs: typeof tf, config: MlpConfig): Mlp {
  checkConfig(config);
  const random = new RandomStream(config.seed, INIT_STREAM);
  const weights = new Map<string, tf.Variable>();
  const dense = (prefix: string, inSize: number, outSize: number, gain: number): void => {
    const kernel = Float32Array.from(orthogonalMatrix(random, inSize, outSize, gain));
    weights.set(`${prefix}/kernel`, tfjs.variable(tfjs.tensor2d(kernel, [inSize, outSize]), true));
    weights.set(`${prefix}/bias`, tfjs.variable(tfjs.zeros([outSize]), true));
  };
  const hiddenGain = config.hiddenGain ?? Math.SQRT2;
  const trunk = (prefix: string): void => {
    config.hidden.forEach((width, i) => dense(`${prefix}/dense${i}`, i === 0 ? config.inputSize : config.hidden[i - 1]!, width, hiddenGain));
  };
  const features = config.hidden.length > 0 ? config.hidden[config.hidden.length - 1]! : config.inputSize;
  if (config.sharedTrunk) trunk('trunk');
  for (const head of config.heads) {
    if (!config.sharedTrunk) trunk(head.name);
    dense(`${head.name}/out`, features, head.size, head.gain);
  }
  const w = (name: string) => weights.get(name)!;
  const activate = config.activation === 'tanh' ? (x: tf.Tensor2D) => tfjs.tanh(x) : (x: tf.Tensor2D) => tfjs.relu(x);
  const runTrunk = (prefix: string, x: tf.Tensor2D): tf.Tensor2D => {
    let h = x;
    for (let i = 0; i < config.hidden.length; i++) {
      h = activate(tfjs.add(tfjs.matMul(h, w(`${prefix}/dense${i}/kernel`)), w(`${prefix}/dense${i}/bias`)));
    }
    return h;
  };

  return {
    config: structuredClone(config),
    weights,
    forward(x: tf.Tensor2D): tf.Tensor2D[] {
      return tfjs.tidy(() => {
        const shared = config.sharedTrunk ? runTrunk('trunk', x) : undefined;
        return config.heads.map((head) => {
          const h = shared ?? runTrunk(head.name, x);
          return tfjs.add(tfjs.matMul(h, w(`${head.name}/out/kernel`)), w(`${head.name}/out/bias`)) as tf.Tensor2D;
        });
      });
    },
    dispose() {
      for (const v of weights.values()) v.dispose();
    },
  };
}

/** A copy of every weight's values by name (creation order). */
export function readWeights(weights: ReadonlyMap<string, tf.Variable>): Map<string, Float32Array> {
  return new Map([...weights].map(([name, v]) => [name, (v.dataSync() as Float32Array).slice()]));
}

/** Assigns saved values to the weights of the same names; every weight must be present with its size. */
export function loadWeights(tfjs: typeof tf, weights: ReadonlyMap<string, tf.Variable>, values: ReadonlyMap<string, Float32Array>): void {
  for (const [name, v] of weights) {
    const saved = values.get(name);
    if (!saved || saved.length !== v.size) throw new RangeError(`no saved values for weight '${name}' of ${v.size} values`);
    // A copy: on the cpu backend a tensor keeps the very array it was made from.
    tfjs.tidy(() => v.assign(tfjs.tensor(saved.slice(), v.shape, 'float32')));
  }
}

function checkConfig(config: MlpConfig): void {
  const positive = (n: number) => Number.isSafeInteger(n) && n >= 1;
  if (!positive(config.inputSize)) throw new RangeError(`mlp: inputSize must be an integer >= 1, got ${config.inputSize}`);
  if (!config.hidden.every(positive)) throw new RangeError(`mlp: hidden widths must be integers >= 1, got [${config.hidden.join(', ')}]`);
  if (config.heads.length === 0) throw new RangeError('mlp: at least one head is needed');
  const names = new Set<string>();
  for (const head of config.heads) {
    if (!positive(head.size)) throw new RangeError(`mlp: head '${head.name}' size must be an integer >= 1, got ${head.size}`);
    if (!/^[a-z][a-z0-9_-]*$/.test(head.name) || head.name === 'trunk' || names.has(head.name)) {
      throw new RangeError(`mlp: head names must be distinct lowercase identifiers other than 'trunk', got '${head.name}'`);
    }
    names.add(head.name);
  }
}
