// Training throughput of tradelab's own LSTM (createLstm + its Adam + the loss the stages
// use), samples/s per optimizer step on the wasm backend, for issue 4's configs:
// (a) LSTM 1 x 64, 30 steps x 58 features, batch 128; (b) LSTM 3 x 256, batch 128;
// (c) transformer 2 layers, d_model 64, 4 heads, 90 x 58, batch 64.
// Variants: stock wasm kernels vs tradelab's overrides and fused LSTM cell, 1 and 2 threads.
// Each figure is the median of 3 rounds of `timed` steps after 2 warm-up steps (1 round on
// stock kernels, which are only there for scale); the PyTorch peer times the same way.
// `node test/bench/training-throughput.js [--json]` (needs `npm run build`); run by
// `npm run bench --only=training` beside the PyTorch peer (test/bench/peers/torch-training.py).
import * as tf from '@tensorflow/tfjs';
import { Adam } from '../../dist/src/quant/models/adam.js';
import { selectBackend } from '../../dist/src/quant/models/backend/select-backend.js';
import { ADAM_UPDATE, registerAdamKernel } from '../../dist/src/quant/models/kernels/adam-kernel.js';
import { registerLstmCellKernels } from '../../dist/src/quant/models/kernels/lstm-cell-kernels.js';
import { installWasmKernels, restoreStockWasmKernels } from '../../dist/src/quant/models/kernels/wasm-kernel-overrides.js';
import { createLstm } from '../../dist/src/quant/models/lstm-model.js';
import { createTransformer } from '../../dist/src/quant/models/transformer-model.js';
import { weightedCrossEntropy } from '../../dist/src/quant/models/train-classifier.js';

const CONFIGS = {
  a: { model: 'lstm', layers: 1, units: 64, steps: 30, features: 58, batch: 128, timed: 40 },
  b: { model: 'lstm', layers: 3, units: 256, steps: 30, features: 58, batch: 128, timed: 6 },
  c: { model: 'transformer', layers: 2, dModel: 64, heads: 4, dFf: 256, steps: 90, features: 58, batch: 64, timed: 10 },
};

const label = (key, c) =>
  c.model === 'lstm'
    ? `(${key}) LSTM ${c.layers} x ${c.units}, ${c.steps} x ${c.features}, batch ${c.batch}`
    : `(${key}) Transformer ${c.layers} layers, d_model ${c.dModel}, ${c.heads} heads, ${c.steps} x ${c.features}, batch ${c.batch}`;

function build(c) {
  if (c.model === 'lstm') return createLstm(tf, { features: c.features, classes: 2, layers: c.layers, units: c.units, dropout: 0, attention: false, seed: 1 });
  return createTransformer(tf, { features: c.features, classes: 2, layers: c.layers, heads: c.heads, dModel: c.dModel, dFf: c.dFf, dropout: 0, volatilityBias: false, positional: 'calendar-sinusoid', seed: 1 });
}

/** Training FLOPs per sample: 3 x the forward pass's 2 x multiply-adds (matmuls only; the transformer's as if every block ran every step). */
function trainingFlops(c) {
  let forward = 0;
  if (c.model === 'lstm') {
    for (let l = 0; l < c.layers; l++) forward += 2 * ((l === 0 ? c.features : c.units) + c.units) * 4 * c.units * c.steps;
    return 3 * (forward + 2 * c.units * 2);
  }
  const { steps: L, dModel: d, dFf, layers, features } = c;
  forward = 2 * L * features * d + layers * (2 * L * 4 * d * d + 2 * 2 * L * L * d + 2 * 2 * L * d * dFf);
  return 3 * (forward + 2 * d * 2);
}

/** Median of `ROUNDS` timed rounds of `config.timed` steps each: one round on a shared 2-core machine is noisy. */
const ROUNDS = 3;

async function measure(name, config, rounds = ROUNDS) {
  const model = build(config);
  const adam = new Adam(tf, model.weights);
  const names = [...model.weights.keys()];
  const variables = names.map((n) => model.weights.get(n));
  const inputs = { inputs: tf.randomNormal([config.batch, config.steps, config.features], 0, 1, 'float32', 7), dayOffsets: tf.zeros([config.batch, config.steps]) };
  const labels = tf.tensor1d(Int32Array.from({ length: config.batch }, (_, i) => i % 2), 'int32');
  const step = () => {
    const { value, grads } = tf.variableGrads(() => weightedCrossEntropy(tf, model.logits(inputs, { training: false }), labels, 2, null), variables);
    adam.apply(new Map(names.map((n, i) => [n, grads[variables[i].name]])), 1e-3, 1);
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  };
  step();
  step();
  const rates = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    for (let i = 0; i < config.timed; i++) step();
    rates.push((config.timed * config.batch * 1000) / (performance.now() - started));
  }
  tf.dispose([inputs.inputs, inputs.dayOffsets, labels]);
  adam.dispose();
  model.dispose();
  const samplesPerSecond = rates.sort((x, y) => x - y)[rates.length >> 1];
  return { name, samplesPerSecond, gflops: (samplesPerSecond * trainingFlops(config)) / 1e9 };
}

const results = [];
for (const threads of [1, 2]) {
  const backend = await selectBackend({ choice: 'wasm', threads });
  for (const kernels of ['stock', 'tradelab']) {
    if (kernels === 'tradelab') {
      installWasmKernels();
      registerLstmCellKernels();
      registerAdamKernel();
    } else {
      restoreStockWasmKernels();
      if (tf.getKernel(ADAM_UPDATE, 'wasm') !== undefined) tf.unregisterKernel(ADAM_UPDATE, 'wasm');
    }
    for (const [key, config] of Object.entries(CONFIGS)) {
      if (kernels === 'stock' && key !== 'a') continue; // (b) ~5, (c) ~33 samples/s on stock kernels: minutes, and known
      const r = await measure(label(key, config), config, kernels === 'stock' ? 1 : ROUNDS);
      results.push({ ...r, config: key, kernels, threads: backend.threads, build: backend.build });
      if (!process.argv.includes('--json')) console.log(`${r.name} [${backend.build}, ${backend.threads}t, ${kernels} kernels]: ${r.samplesPerSecond.toFixed(0)} samples/s, ${r.gflops.toFixed(1)} GFLOP/s`);
    }
  }
}
if (process.argv.includes('--json')) console.log(JSON.stringify(results));
process.exit(0);
