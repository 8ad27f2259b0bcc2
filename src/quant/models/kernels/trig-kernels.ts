/**
 * Sin and Cos for the wasm backend through the JS engine's Math.sin and Math.cos: the stock
 * kernels call a scalar libm per element, ~17 ns even for zeros and ~60 ns for angles of
 * ~100 rad (the calendar sinusoid's day offsets times its frequencies), against ~3–30 ns.
 */
import type * as tf from '@tensorflow/tfjs';
import { asWasmBackend, heapFloat32 } from './wasm-heap.js';

type KernelParams = Parameters<tf.KernelFunc>[0];

function makeUnaryKernel(stock: tf.KernelFunc, fn: (x: number) => number): tf.KernelFunc {
  return (params: KernelParams) => {
    const x = params.inputs['x']!;
    if (x.dtype !== 'float32') return stock(params);
    const backend = asWasmBackend(params.backend);
    const out = backend.makeOutput(x.shape, 'float32');
    const source = heapFloat32(backend, x);
    const target = heapFloat32(backend, out);
    for (let i = 0; i < target.length; i++) target[i] = fn(source[i]!);
    return out;
  };
}

export const makeSinKernel = (stock: tf.KernelFunc): tf.KernelFunc => makeUnaryKernel(stock, Math.sin);
export const makeCosKernel = (stock: tf.KernelFunc): tf.KernelFunc => makeUnaryKernel(stock, Math.cos);
