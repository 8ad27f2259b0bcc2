/**
 * Tanh for the wasm backend through XNNPACK's vectorized sigmoid: tanh(x) = 2·σ(2x) − 1.
 * The stock Tanh of tfjs-backend-wasm 4.22 is scalar (~12 ns per element against ~1 ns for
 * Sigmoid), and LSTM gates and cells spend most of their elementwise time in tanh.
 */
import type * as tf from '@tensorflow/tfjs';
import { asWasmBackend, heapFloat32, tensorId, type WasmBackend } from './wasm-heap.js';

type KernelParams = Parameters<tf.KernelFunc>[0];

/** tanh of every element of `x` (float32), as a new tensor. */
export function tanhViaSigmoid(backend: WasmBackend, x: tf.TensorInfo): tf.TensorInfo {
  const out = backend.makeOutput(x.shape, 'float32');
  const source = heapFloat32(backend, x);
  let target = heapFloat32(backend, out);
  const n = target.length;
  for (let i = 0; i < n; i++) target[i] = 2 * source[i]!;
  const id = tensorId(backend, out);
  backend.wasm._Sigmoid(id, id);
  target = heapFloat32(backend, out);
  for (let i = 0; i < n; i++) target[i] = 2 * target[i]! - 1;
  return out;
}

export function makeTanhKernel(stock: tf.KernelFunc): tf.KernelFunc {
  return (params: KernelParams) => {
    const x = params.inputs['x']!;
    if (x.dtype !== 'float32') return stock(params);
    return tanhViaSigmoid(asWasmBackend(params.backend), x);
  };
}
