import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../src/quant/models/backend/select-backend.js';
import { lstmCellOps } from '../../../../src/quant/models/kernels/lstm-cell.js';
import { lstmCellWasm, registerLstmCellKernels } from '../../../../src/quant/models/kernels/lstm-cell-kernels.js';
import { lstmSequence } from '../../../../src/quant/models/kernels/lstm-sequence.js';
import { installWasmKernels, restoreStockWasmKernels } from '../../../../src/quant/models/kernels/wasm-kernel-overrides.js';
import { relativeError } from '../relative-error.js';

const T = 6;
const B = 4;
const F = 5;
const H = 7;

const normal = (shape: number[], seed: number, std = 1) => tf.randomNormal(shape, 0, std, 'float32', seed);

/** The LSTM written plainly with stock ops; tfjs autodiff differentiates it. */
function referenceLstm(x: tf.Tensor2D, wx: tf.Tensor2D, wh: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor2D {
  const projected = tf.split(tf.add(tf.matMul(x, wx), bias), T, 0);
  let h: tf.Tensor2D = tf.zeros([B, H]);
  let c: tf.Tensor2D = tf.zeros([B, H]);
  const hs: tf.Tensor2D[] = [];
  for (let t = 0; t < T; t++) {
    const z = tf.add(projected[t]!, tf.matMul(h, wh));
    const [i, f, o, g] = tf.split(z, 4, 1);
    c = tf.add(tf.mul(tf.sigmoid(f!), c), tf.mul(tf.sigmoid(i!), tf.tanh(g!)));
    h = tf.mul(tf.sigmoid(o!), tf.tanh(c));
    hs.push(h);
  }
  return tf.concat(hs, 0);
}

type Lstm = (x: tf.Tensor2D, wx: tf.Tensor2D, wh: tf.Tensor2D, bias: tf.Tensor1D) => tf.Tensor2D;

/** Output and the gradients of a random projection of it, as plain arrays. */
function outputAndGradients(lstm: Lstm): { value: tf.Tensor; grads: tf.Tensor[] } {
  return tf.tidy(() => {
    const inputs = [normal([T * B, F], 1), normal([F, 4 * H], 2, 0.5), normal([H, 4 * H], 3, 0.5), normal([4 * H], 4, 0.3)];
    const weights = normal([T * B, H], 5);
    const objective = (x: tf.Tensor, wx: tf.Tensor, wh: tf.Tensor, bias: tf.Tensor) =>
      tf.sum(tf.mul(lstm(x as tf.Tensor2D, wx as tf.Tensor2D, wh as tf.Tensor2D, bias as tf.Tensor1D), weights));
    const grads = tf.grads((x, wx, wh, bias) => objective(x!, wx!, wh!, bias!))(inputs);
    const [x, wx, wh, bias] = inputs as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
    return { value: lstm(x, wx, wh, bias), grads };
  });
}

function expectSame(actual: { value: tf.Tensor; grads: tf.Tensor[] }, expected: { value: tf.Tensor; grads: tf.Tensor[] }): void {
  expect(relativeError(actual.value, expected.value)).toBeLessThanOrEqual(1e-5);
  expected.grads.forEach((grad, i) => expect(relativeError(actual.grads[i]!, grad), `gradient ${i}`).toBeLessThanOrEqual(1e-5));
}

const fused: Lstm = (x, wx, wh, bias) => lstmSequence(x, wx, wh, bias, { steps: T });

describe('the fused LSTM sequence op', () => {
  afterAll(() => restoreStockWasmKernels());

  it('matches autodiff of the plain LSTM on the cpu backend, with stock ops per cell', async () => {
    await selectBackend({ choice: 'cpu' });
    expectSame(outputAndGradients(fused), outputAndGradients(referenceLstm));
  });

  it('matches autodiff of the plain LSTM on wasm, with the cell kernels and the kernel overrides', async () => {
    await selectBackend({ choice: 'wasm', threads: 1 });
    restoreStockWasmKernels();
    const expected = outputAndGradients(referenceLstm);
    installWasmKernels();
    registerLstmCellKernels();
    expectSame(outputAndGradients(fused), expected);
  });

  it('returns a zero input gradient when told the input needs none', async () => {
    await selectBackend({ choice: 'wasm', threads: 1 });
    const dx = tf.tidy(() => {
      const [x, wx, wh, bias] = [normal([T * B, F], 1), normal([F, 4 * H], 2), normal([H, 4 * H], 3), normal([4 * H], 4)];
      return tf.grad((input) => tf.sum(lstmSequence(input as tf.Tensor2D, wx as tf.Tensor2D, wh as tf.Tensor2D, bias as tf.Tensor1D, { steps: T, inputGradient: false })))(x!);
    });
    expect(Array.from(dx.dataSync()).every((v) => v === 0)).toBe(true);
    dx.dispose();
  });

  it('computes each cell step in the wasm kernels as the stock ops do, with and without optional inputs', async () => {
    await selectBackend({ choice: 'wasm', threads: 1 });
    registerLstmCellKernels();
    tf.tidy(() => {
      const z = normal([B, 4 * H], 6) as tf.Tensor2D;
      const state = () => normal([B, H], 7) as tf.Tensor2D;
      for (const cPrev of [undefined, state()]) {
        const kernel = lstmCellWasm.forward(z, cPrev);
        const ops = lstmCellOps.forward(z, cPrev);
        for (const key of ['h', 'c', 'gates', 'tanhC'] as const) expect(relativeError(kernel[key], ops[key]), key).toBeLessThanOrEqual(1e-5);
        for (const next of [undefined, { dhNext: normal([B, H], 8) as tf.Tensor2D, dcNext: normal([B, H], 9) as tf.Tensor2D }]) {
          const inputs = { gates: ops.gates, tanhC: ops.tanhC, cPrev, dhOut: state(), ...next };
          const kernelGrad = lstmCellWasm.backward(inputs);
          const opsGrad = lstmCellOps.backward(inputs);
          expect(relativeError(kernelGrad.dz, opsGrad.dz)).toBeLessThanOrEqual(1e-5);
          expect(relativeError(kernelGrad.dcPrev, opsGrad.dcPrev)).toBeLessThanOrEqual(1e-5);
        }
      }
    });
  });

  it('leaves no tensor behind across training steps', async () => {
    await selectBackend({ choice: 'wasm', threads: 1 });
    installWasmKernels();
    registerLstmCellKernels();
    const x = normal([T * B, F], 1) as tf.Tensor2D;
    const wx = tf.variable(normal([F, 4 * H], 2, 0.3));
    const wh = tf.variable(normal([H, 4 * H], 3, 0.3));
    const bias = tf.variable(tf.zeros([4 * H]));
    const optimizer = tf.train.adam(1e-2);
    const step = () => optimizer.minimize(() => tf.mean(tf.square(lstmSequence(x, wx as tf.Tensor2D, wh as tf.Tensor2D, bias as tf.Tensor1D, { steps: T }))), false);
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, wx, wh, bias]);
  });

  it('rejects shapes that do not fit together, naming each problem', () => {
    const [x, wx, wh, bias] = [tf.zeros([10, 3]), tf.zeros([4, 8]), tf.zeros([2, 8]), tf.zeros([6])];
    expect(() => lstmSequence(x as tf.Tensor2D, wx as tf.Tensor2D, wh as tf.Tensor2D, bias as tf.Tensor1D, { steps: 3 }))
      .toThrow(/not a multiple of steps 3.*wx has 4 rows but x has 3 features.*bias needs 8 entries, got 6/);
  });
});
