// Training throughput of tradelab's own LSTM (createLstm + its Adam + the loss the stages
// use), samples/s per optimizer step on the wasm backend, for issue 4's configs:
// (a) LSTM 1 x 64, 30 steps x 58 features, batch 128; (b) LSTM 3 x 256, batch 128.
// Variants: stock wasm kernels vs tradelab's overrides and fused LSTM cell, 1 and 2 threads.
// `node test/bench/training-throughput.js [--json]` (needs `npm run build`); run by
// `npm run bench --only=training` beside the PyTorch peer (test/bench/peers/torch-training.py).
import * as tf from '@tensorflow/tfjs';
import { Adam } from '../../dist/src/quant/models/adam.js';
import { selectBackend } from '../../dist/src/quant/models/backend/select-backend.js';
import { registerLstmCellKernels } from '../../dist/src/quant/models/kernels/lstm-cell-kernels.js';
import { installWasmKernels, restoreStockWasmKernels } from '../../dist/src/quant/models/kernels/wasm-kernel-overrides.js';
import { createLstm } from '../../dist/src/quant/models/lstm-model.js';
import { weightedCrossEntropy } from '../../dist/src/quant/models/train-classifier.js';

const CONFIGS = {
  a: { layers: 1, units: 64, steps: 30, features: 58, batch: 128, timed: 12 },
  b: { layers: 3, units: 256, steps: 30, features: 58, batch: 128, timed: 3 },
};

/** Training FLOPs per sample: 3 x the forward pass's 2 x multiply-adds (matmuls only). */
function trainingFlops({ layers, units, steps, features }) {
  let forward = 0;
  for (let l = 0; l < layers; l++) forward += 2 * ((l === 0 ? features : units) + units) * 4 * units * steps;
  return 3 * (forward + 2 * units * 2);
}

async function measure(name, config) {
  const model = createLstm(tf, { features: config.features, classes: 2, layers: config.layers, units: config.units, dropout: 0, attention: false, seed: 1 });
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
  const started = performance.now();
  for (let i = 0; i < config.timed; i++) step();
  const seconds = (performance.now() - started) / 1000;
  tf.dispose([inputs.inputs, inputs.dayOffsets, labels]);
  adam.dispose();
  model.dispose();
  const samplesPerSecond = (config.timed * config.batch) / seconds;
  return { name, samplesPerSecond, gflops: (samplesPerSecond * trainingFlops(config)) / 1e9 };
}

const results = [];
for (const threads of [1, 2]) {
  const backend = await selectBackend({ choice: 'wasm', threads });
  for (const kernels of ['stock', 'tradelab']) {
    if (kernels === 'tradelab') {
      installWasmKernels();
      registerLstmCellKernels();
    } else restoreStockWasmKernels();
    for (const [key, config] of Object.entries(CONFIGS)) {
      if (kernels === 'stock' && key === 'b') continue; // ~5 samples/s: minutes per step, and known
      const r = await measure(`(${key}) LSTM ${config.layers} x ${config.units}, ${config.steps} x ${config.features}, batch ${config.batch}`, config);
      results.push({ ...r, config: key, kernels, threads: backend.threads, build: backend.build });
      if (!process.argv.includes('--json')) console.log(`${r.name} [${backend.build}, ${backend.threads}t, ${kernels} kernels]: ${r.samplesPerSecond.toFixed(0)} samples/s, ${r.gflops.toFixed(1)} GFLOP/s`);
    }
  }
}
if (process.argv.includes('--json')) console.log(JSON.stringify(results));
process.exit(0);
