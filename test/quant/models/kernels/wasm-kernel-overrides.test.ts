import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../src/quant/models/backend/select-backend.js';
import { installWasmKernels, installedWasmKernelGroups, restoreStockWasmKernels } from '../../../../src/quant/models/kernels/wasm-kernel-overrides.js';
import { relativeError } from '../relative-error.js';

type Case = () => tf.Tensor | tf.Tensor[];

const normal = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);

/** Runs `make` with the stock kernels and with the overrides; returns both results, kept out of tidy. */
function stockAndOverride(make: Case): [tf.Tensor[], tf.Tensor[]] {
  const asList = (r: tf.Tensor | tf.Tensor[]) => (Array.isArray(r) ? r : [r]);
  restoreStockWasmKernels();
  const stock = tf.tidy(() => asList(make()));
  installWasmKernels();
  const fast = tf.tidy(() => asList(make()));
  return [stock, fast];
}

function expectAgreement(make: Case): void {
  const [stock, fast] = stockAndOverride(make);
  expect(fast.length).toBe(stock.length);
  stock.forEach((expected, i) => {
    expect(fast[i]!.shape).toEqual(expected.shape);
    expect(relativeError(fast[i]!, expected)).toBeLessThanOrEqual(1e-5);
  });
  tf.dispose([...stock, ...fast]);
}

describe('wasm kernel overrides', () => {
  beforeAll(async () => {
    await selectBackend({ choice: 'wasm', threads: 1 });
  });

  const x4 = () => normal([3, 5, 7, 9], 1);

  it('slices boxes of a rank-4 tensor like the stock Slice', () => {
    expectAgreement(() => [
      tf.slice(x4(), [1, 0, 0, 0], [1, 5, 7, 9]),
      tf.slice(x4(), [0, 1, 2, 1], [3, 2, 4, 5]),
      tf.slice(x4(), [2, 4, 0, 0], [1, 1, 7, 9]),
      tf.slice(x4(), [0, 0, 0, 8], [3, 5, 7, 1]),
      tf.slice(normal([4, 6], 2), [1, 2], [2, 3]),
      tf.slice(normal([10], 3), [4], [5]),
    ]);
  });

  it('splits along every axis and unstacks like the stock SplitV and Unpack', () => {
    expectAgreement(() => [
      ...tf.split(x4(), [1, 2], 0), ...tf.split(x4(), 5, 1), ...tf.split(x4(), [2, 4, 1], 2), ...tf.split(x4(), 3, 3),
      ...tf.unstack(x4(), 0), ...tf.unstack(x4(), 2), ...tf.unstack(x4(), 3),
    ]);
  });

  it('concatenates along every axis like the stock Concat, with short and long runs', () => {
    expectAgreement(() => [
      tf.concat([x4(), normal([3, 5, 7, 2], 20)], 3), tf.concat([x4(), x4()], 2), tf.concat([normal([1, 5, 7, 9], 21), x4()], 0),
      tf.concat([normal([700, 16], 22), normal([700, 300], 23), normal([700, 5], 24)], 1), tf.concat([normal([6], 25), normal([4], 26)], 0),
    ]);
  });

  it('sums over leading axes pairwise like the stock Sum, for odd and even row counts', () => {
    expectAgreement(() => [
      tf.sum(x4(), 0), tf.sum(x4(), [0, 1]), tf.sum(x4(), [1, 0, 2]), tf.sum(x4(), [0, 1], true),
      tf.sum(normal([3841, 17], 27), 0), tf.sum(normal([1, 9], 28), 0), tf.sum(normal([1024, 3], 29), -2),
      // Not leading axes: the stock kernel's business, checked to still be reached.
      tf.sum(x4(), 1), tf.sum(x4(), [0, 2]), tf.sum(x4()),
    ]);
  });

  it('multiplies transposed, batched and broadcast matrices like the stock BatchMatMul', () => {
    const a = () => normal([33, 70], 4);
    const b = () => normal([70, 41], 5);
    const a3 = () => normal([4, 33, 70], 6);
    const b3 = () => normal([4, 70, 41], 7);
    expectAgreement(() => [
      tf.matMul(a(), b()), tf.matMul(a(), a(), true, false), tf.matMul(a(), a(), false, true), tf.matMul(b(), a(), true, true),
      tf.matMul(a3(), b3()), tf.matMul(a3(), a3(), false, true), tf.matMul(a3(), a3(), true, false), tf.matMul(a3(), b()),
      tf.matMul(a(), b3()), tf.matMul(normal([2, 3, 33, 70], 8), b()),
      // Batches of single rows and outer products, every transpose, a batch of 1 broadcast: plain loops.
      tf.matMul(normal([6, 1, 16], 32), normal([6, 9, 16], 33), false, true), tf.matMul(normal([6, 1, 9], 34), normal([6, 9, 16], 35)),
      tf.matMul(normal([6, 1, 9], 36), normal([6, 1, 16], 37), true, false), tf.matMul(normal([6, 9, 1], 38), normal([1, 16, 9], 39), true, true),
      tf.matMul(normal([1, 1, 9], 40), normal([6, 9, 16], 41)),
      // Aᵀ·B with A wider than B: computed as (Bᵀ·A)ᵀ.
      tf.matMul(normal([130, 96], 30), normal([130, 20], 31), true, false),
    ]);
  });

  // The stock _FusedMatMul of tfjs-backend-wasm 4.22 gets transposed operands with a bias
  // wrong (off by 30% here), so the reference is the unfused product, bias and activation.
  it('applies bias and activation after transposed products like the unfused stock ops', () => {
    const a = () => normal([33, 70], 9);
    const b = () => normal([41, 70], 10);
    const bias = () => normal([41], 11);
    const cases: Array<[Case, Case]> = [
      [() => tf.fused.matMul({ a: a(), b: b(), transposeB: true, bias: bias(), activation: 'relu' }),
        () => tf.relu(tf.add(tf.matMul(a(), b(), false, true), bias()))],
      [() => tf.fused.matMul({ a: tf.transpose(a()), b: b(), transposeA: true, transposeB: true, bias: bias() }),
        () => tf.add(tf.matMul(a(), b(), false, true), bias())],
      [() => tf.fused.matMul({ a: a(), b: tf.transpose(b()), bias: bias(), activation: 'sigmoid' }),
        () => tf.sigmoid(tf.add(tf.matMul(a(), b(), false, true), bias()))],
    ];
    for (const [fused, unfused] of cases) {
      restoreStockWasmKernels();
      const expected = tf.tidy(unfused) as tf.Tensor;
      installWasmKernels();
      const actual = tf.tidy(fused) as tf.Tensor;
      expect(relativeError(actual, expected)).toBeLessThanOrEqual(1e-5);
      tf.dispose([expected, actual]);
    }
  });

  it('computes tanh through the vectorized sigmoid within 1e-5 of the stock Tanh', () => {
    expectAgreement(() => [tf.tanh(normal([1000], 12).mul(3)), tf.tanh(tf.linspace(-20, 20, 401))]);
  });

  it('computes sin and cos within 1e-5 of the stock kernels, for zeros and for angles of hundreds of radians', () => {
    expectAgreement(() => [tf.sin(tf.linspace(-400, 400, 2001)), tf.cos(tf.linspace(-400, 400, 2001)), tf.sin(tf.zeros([5, 7])), tf.cos(normal([300], 17))]);
  });

  it('clones without copying and keeps the clone valid after the original is disposed', () => {
    expectAgreement(() => {
      const original = normal([5, 6], 13);
      const clone = tf.clone(original);
      original.dispose();
      return clone;
    });
  });

  it('gives the same gradients through matmul, slicing and tanh', () => {
    const loss = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.tanh(tf.matMul(tf.slice(a, [0, 1], [30, 60]), b)));
    expectAgreement(() => tf.grads((a, b) => loss(a!, b!))([normal([33, 70], 14), normal([60, 41], 15)]));
  });

  it('installs groups once and restores the stock kernels', () => {
    restoreStockWasmKernels();
    expect(installedWasmKernelGroups()).toEqual([]);
    expect(installWasmKernels(['tanh', 'slice'])).toEqual(['slice', 'tanh']);
    expect(installWasmKernels(['tanh'])).toEqual(['slice', 'tanh']);
    expect(() => installWasmKernels(['fast' as never])).toThrow(/unknown wasm kernel group 'fast'/);
    restoreStockWasmKernels();
    expect(installedWasmKernelGroups()).toEqual([]);
  });

  it('frees every temporary it allocates', () => {
    installWasmKernels();
    const before = tf.memory().numTensors;
    const a = normal([4, 20, 30], 16);
    tf.tidy(() => {
      tf.matMul(a, a, false, true);
      tf.split(a, 5, 1);
      tf.concat([a, a], 2);
      tf.sum(a, [0, 1]);
      tf.tanh(a);
      tf.clone(a);
    });
    a.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numBytes).toBeGreaterThanOrEqual(0);
  });
});
