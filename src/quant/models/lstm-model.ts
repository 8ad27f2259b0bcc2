/**
 * The stacked LSTM classifier (issue 4 item 3), written with tfjs-core ops:
 * 1. each layer is one fused sequence op (`kernels/lstm-sequence.ts`: every step's input
 *    projection in one matmul, one cell kernel per step on wasm, backpropagation through
 *    time by hand); gates in order input, forget, output, cell; forget-gate bias 1;
 * 2. dropout between layers (training only, seeded per site);
 * 3. optional attention pooling over time (ALSTM): score_t = v . tanh(W h_t + b), weights
 *    softmax over t, and the head reads [h_T, sum_t a_t h_t]; otherwise the head reads h_T;
 * 4. a linear head to class logits.
 * No step reads a later step: the window's last row is the sample's date.
 */
import type * as tf from '@tensorflow/tfjs';
import { lstmSequence } from './kernels/lstm-sequence.js';
import { WeightInit, type ForwardOptions, type SequenceInputs, type SequenceModel } from './sequence-model.js';

export interface LstmConfig {
  features: number;
  classes: number;
  layers: number;
  units: number;
  /** Dropout rate between layers and before the head, in [0, 1). */
  dropout: number;
  /** ALSTM-style attention pooling over time. */
  attention: boolean;
  seed: number;
}

export function createLstm(tfjs: typeof tf, config: LstmConfig): SequenceModel {
  checkConfig(config);
  const init = new WeightInit(tfjs, config.seed);
  const weights = new Map<string, tf.Variable>();
  const U = config.units;
  for (let l = 0; l < config.layers; l++) {
    const inDim = l === 0 ? config.features : U;
    weights.set(`lstm${l}/kernel`, init.glorot(`lstm${l}/kernel`, [inDim, 4 * U]));
    weights.set(`lstm${l}/recurrent`, init.glorot(`lstm${l}/recurrent`, [U, 4 * U]));
    const bias = new Float32Array(4 * U);
    bias.fill(1, U, 2 * U);
    weights.set(`lstm${l}/bias`, tfjs.variable(tfjs.tensor1d(bias), true));
  }
  if (config.attention) {
    weights.set('attention/kernel', init.glorot('attention/kernel', [U, U]));
    weights.set('attention/bias', init.constant('attention/bias', [U], 0));
    weights.set('attention/score', init.glorot('attention/score', [U, 1]));
  }
  const headIn = config.attention ? 2 * U : U;
  weights.set('head/kernel', init.glorot('head/kernel', [headIn, config.classes]));
  weights.set('head/bias', init.constant('head/bias', [config.classes], 0));
  const w = (name: string): tf.Variable => weights.get(name)!;

  return {
    kind: 'lstm',
    config: { ...config },
    weights,
    logits(x: SequenceInputs, options: ForwardOptions): tf.Tensor2D {
      return tfjs.tidy(() => {
        const [B, L, F] = x.inputs.shape;
        // Time-major rows [L * B, in], as the sequence op takes them.
        let sequence = tfjs.reshape(tfjs.transpose(x.inputs, [1, 0, 2]), [L * B, F]) as tf.Tensor2D;
        for (let l = 0; l < config.layers; l++) {
          if (l > 0) sequence = dropout(tfjs, sequence, config.dropout, options, l) as tf.Tensor2D;
          sequence = lstmSequence(sequence, w(`lstm${l}/kernel`) as tf.Tensor2D, w(`lstm${l}/recurrent`) as tf.Tensor2D, w(`lstm${l}/bias`) as tf.Tensor1D, { steps: L, inputGradient: l > 0 });
        }
        let pooled = tfjs.slice(sequence, [(L - 1) * B, 0], [B, U]) as tf.Tensor2D;
        if (config.attention) {
          const hidden = tfjs.tanh(tfjs.add(tfjs.matMul(sequence, w('attention/kernel')), w('attention/bias')));
          const scores = tfjs.transpose(tfjs.reshape(tfjs.matMul(hidden, w('attention/score')), [L, B]));
          const alpha = tfjs.softmax(scores);
          const steps = tfjs.transpose(tfjs.reshape(sequence, [L, B, U]), [1, 0, 2]);
          const context = tfjs.sum(tfjs.mul(steps, tfjs.expandDims(alpha, 2)), 1) as tf.Tensor2D;
          pooled = tfjs.concat([pooled, context], 1);
        }
        pooled = dropout(tfjs, pooled, config.dropout, options, config.layers) as tf.Tensor2D;
        return tfjs.add(tfjs.matMul(pooled, w('head/kernel')), w('head/bias')) as tf.Tensor2D;
      });
    },
    dispose() {
      for (const v of weights.values()) v.dispose();
    },
  };
}

function dropout(tfjs: typeof tf, x: tf.Tensor, rate: number, options: ForwardOptions, site: number): tf.Tensor {
  if (!options.training || rate === 0) return x;
  if (options.dropoutSeed === undefined) throw new Error('training with dropout needs a dropoutSeed (for reproducible runs)');
  return tfjs.dropout(x, rate, undefined, options.dropoutSeed + site);
}

function checkConfig(c: LstmConfig): void {
  const int = (name: string, v: number, min: number) => {
    if (!Number.isSafeInteger(v) || v < min) throw new RangeError(`lstm ${name} must be an integer >= ${min}, got ${v}`);
  };
  int('features', c.features, 1);
  int('classes', c.classes, 2);
  int('layers', c.layers, 1);
  int('units', c.units, 1);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new RangeError(`lstm dropout must be in [0, 1), got ${c.dropout}`);
}
