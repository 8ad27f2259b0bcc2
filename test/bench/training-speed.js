// Training throughput of LSTM(64) over 30 steps x 58 features, batch 128, binary target
// (config (a) of issue 4), on the wasm backend: stock kernels with the LSTM as plain tfjs
// ops under autodiff, then the kernel overrides with the fused sequence op, on 1 and 2
// threads. Prints samples/s (median of timed epochs after one warm-up) per variant.
// Needs `npm run build` first (imports the compiled modules from dist/).
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../dist/src/quant/models/backend/select-backend.js';
import { registerLstmCellKernels } from '../../dist/src/quant/models/kernels/lstm-cell-kernels.js';
import { lstmSequence } from '../../dist/src/quant/models/kernels/lstm-sequence.js';
import { installWasmKernels, restoreStockWasmKernels } from '../../dist/src/quant/models/kernels/wasm-kernel-overrides.js';

const T = 30, F = 58, H = 64, BATCH = 128, BATCHES = 8, EPOCHS = 3;
const TRAIN_FLOPS_PER_SAMPLE = 3 * (2 * (F + H) * 4 * H * T + 2 * H);

function plainLstm(x, wx, wh, bias, batch) {
  const projected = tf.split(tf.add(tf.matMul(x, wx), bias), T, 0);
  let h = tf.zeros([batch, H]), c = tf.zeros([batch, H]);
  for (let t = 0; t < T; t++) {
    const z = tf.add(projected[t], tf.matMul(h, wh));
    const [i, f, o, g] = tf.split(z, 4, 1);
    c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
    h = tf.mul(tf.sigmoid(o), tf.tanh(c));
  }
  return h;
}

function fusedLstm(x, wx, wh, bias, batch) {
  const hs = lstmSequence(x, wx, wh, bias, { steps: T, inputGradient: false });
  return tf.slice(hs, [(T - 1) * batch, 0], [batch, H]);
}

async function measure(label, lstm) {
  const glorot = (shape, seed) => tf.variable(tf.randomUniform(shape, -1, 1, 'float32', seed).mul(Math.sqrt(6 / (shape[0] + shape[1]))));
  const vars = { wx: glorot([F, 4 * H], 1), wh: glorot([H, 4 * H], 2), bias: tf.variable(tf.zeros([4 * H])), wo: glorot([H, 1], 3), bo: tf.variable(tf.zeros([1])) };
  // Time-major rows [T*B, F] per batch, as the sequence op takes them.
  const xs = Array.from({ length: BATCHES }, (_, i) => tf.randomNormal([T * BATCH, F], 0, 1, 'float32', 10 + i));
  const ys = Array.from({ length: BATCHES }, (_, i) => tf.cast(tf.greater(tf.randomUniform([BATCH, 1], 0, 1, 'float32', 100 + i), 0.5), 'float32'));
  const optimizer = tf.train.adam(1e-3);
  const epoch = () => {
    for (let i = 0; i < BATCHES; i++) {
      optimizer.minimize(() => {
        const h = lstm(xs[i], vars.wx, vars.wh, vars.bias, BATCH);
        return tf.losses.sigmoidCrossEntropy(ys[i], tf.add(tf.matMul(h, vars.wo), vars.bo));
      }, false, Object.values(vars));
    }
    vars.wo.dataSync();
  };
  epoch();
  const seconds = [];
  for (let e = 0; e < EPOCHS; e++) {
    const start = performance.now();
    epoch();
    seconds.push((performance.now() - start) / 1000);
  }
  seconds.sort((a, b) => a - b);
  const samplesPerSecond = (BATCHES * BATCH) / seconds[Math.floor(seconds.length / 2)];
  const gflops = (samplesPerSecond * TRAIN_FLOPS_PER_SAMPLE) / 1e9;
  console.log(`${label.padEnd(52)} ${samplesPerSecond.toFixed(0).padStart(7)} samples/s  ${gflops.toFixed(1)} GFLOP/s`);
  tf.dispose([...Object.values(vars), ...xs, ...ys]);
  optimizer.dispose();
}

const variants = [
  { label: 'wasm 1 thread, stock kernels, plain-op LSTM', threads: 1, fast: false, lstm: plainLstm },
  { label: 'wasm 1 thread, kernel overrides, plain-op LSTM', threads: 1, fast: true, lstm: plainLstm },
  { label: 'wasm 1 thread, kernel overrides, fused LSTM', threads: 1, fast: true, lstm: fusedLstm },
  { label: 'wasm 2 threads, kernel overrides, fused LSTM', threads: 2, fast: true, lstm: fusedLstm },
];
const only = process.argv[2];
console.log(`LSTM ${H} units, ${T} steps x ${F} features, batch ${BATCH}; training FLOPs/sample ${(TRAIN_FLOPS_PER_SAMPLE / 1e6).toFixed(2)} M`);
for (const [index, variant] of variants.entries()) {
  if (only !== undefined && String(index) !== only) continue;
  const backend = await selectBackend({ choice: 'wasm', threads: variant.threads });
  if (variant.fast) {
    installWasmKernels();
    registerLstmCellKernels();
  } else {
    restoreStockWasmKernels();
  }
  await measure(`${variant.label} [${backend.build}, ${backend.threads}t]`, variant.lstm);
}
