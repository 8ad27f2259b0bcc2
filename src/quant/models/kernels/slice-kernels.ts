/**
 * Slice, SplitV, Unpack and Concat for the wasm backend as strided copies between heap views. The
 * stock kernels first read the whole input out of the heap (`readSync`) on every call, so
 * `tf.split(x, 30)` copied x thirty times: 41 ms for a [3840, 256] tensor in the probe.
 */
import * as tf from '@tensorflow/tfjs';
import { asWasmBackend, heapFloat32, type WasmBackend } from './wasm-heap.js';

type KernelParams = Parameters<tf.KernelFunc>[0];

/** Copies the box `begin`..`begin + size` of float32 `x` into a new tensor. */
export function copySlice(backend: WasmBackend, x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  const count = tf.util.sizeFromShape(size);
  if (count === 0) return out;
  const source = heapFloat32(backend, x);
  const target = heapFloat32(backend, out);
  const shape = x.shape;
  const rank = shape.length;
  if (rank === 0) {
    target[0] = source[0]!;
    return out;
  }
  const strides = [...tf.util.computeStrides(shape), 1];
  // Trailing axes taken whole merge with the last partial axis into one contiguous run.
  let axis = rank - 1;
  let run = 1;
  while (axis > 0 && begin[axis] === 0 && size[axis] === shape[axis]) run *= shape[axis--]!;
  run *= size[axis]!;
  let base = 0;
  for (let i = 0; i <= axis; i++) base += begin[i]! * strides[i]!;
  const outer = axis; // axes 0..outer-1 are iterated, one run per index tuple
  if (outer === 0) {
    target.set(source.subarray(base, base + run));
    return out;
  }
  const index = new Array<number>(outer).fill(0);
  for (let written = 0; written < count; written += run) {
    let start = base;
    for (let i = 0; i < outer; i++) start += index[i]! * strides[i]!;
    copyRun(source, start, target, written, run);
    for (let i = outer - 1; i >= 0; i--) {
      if (++index[i]! < size[i]!) break;
      index[i] = 0;
    }
  }
  return out;
}

/**
 * Copies `length` floats. Short runs (a head's columns, one row at a time) by a loop: a
 * subarray per run allocates a view object, which made splitting [5760, 128] into eight
 * column blocks cost ~20 ms.
 */
export function copyRun(source: Float32Array, from: number, target: Float32Array, to: number, length: number): void {
  if (length >= SHORT_RUN) {
    target.set(source.subarray(from, from + length), to);
    return;
  }
  for (let i = 0; i < length; i++) target[to + i] = source[from + i]!;
}

const SHORT_RUN = 256;

function isFloat(x: tf.TensorInfo): boolean {
  return x.dtype === 'float32';
}

export function makeSliceKernel(stock: tf.KernelFunc): tf.KernelFunc {
  return (params: KernelParams) => {
    const x = params.inputs['x']!;
    if (!isFloat(x)) return stock(params);
    const attrs = params.attrs as unknown as { begin: number | number[]; size: number | number[] };
    const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin, attrs.size);
    return copySlice(asWasmBackend(params.backend), x, begin!, size!);
  };
}

export function makeSplitVKernel(stock: tf.KernelFunc): tf.KernelFunc {
  return (params: KernelParams) => {
    const x = params.inputs['x']!;
    if (!isFloat(x)) return stock(params);
    const backend = asWasmBackend(params.backend);
    const attrs = params.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number | number[] };
    const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0]!;
    const sizes = tf.backend_util.prepareSplitSize(x, attrs.numOrSizeSplits, axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    return sizes.map((length) => {
      const size = [...x.shape];
      size[axis] = length;
      const part = copySlice(backend, x, [...begin], size);
      begin[axis]! += length;
      return part;
    });
  };
}

export function makeUnpackKernel(stock: tf.KernelFunc): tf.KernelFunc {
  return (params: KernelParams) => {
    const x = params.inputs['value']!;
    if (!isFloat(x)) return stock(params);
    const backend = asWasmBackend(params.backend);
    const rank = x.shape.length;
    const attrs = params.attrs as unknown as { axis: number };
    const axis = attrs.axis < 0 ? attrs.axis + rank : attrs.axis;
    const outShape = x.shape.filter((_, i) => i !== axis);
    const size = [...x.shape];
    size[axis] = 1;
    const parts: tf.TensorInfo[] = [];
    for (let i = 0; i < x.shape[axis]!; i++) {
      const begin = new Array<number>(rank).fill(0);
      begin[axis] = i;
      const part = copySlice(backend, x, begin, size);
      // Dropping the unit axis is a reshape: same data, new shape.
      parts.push({ dataId: part.dataId, dtype: part.dtype, shape: outShape });
    }
    return parts;
  };
}

export function makeConcatKernel(stock: tf.KernelFunc): tf.KernelFunc {
  return (params: KernelParams) => {
    const inputs = Object.values(params.inputs) as tf.TensorInfo[];
    if (inputs.length === 0 || !inputs.every(isFloat)) return stock(params);
    const backend = asWasmBackend(params.backend);
    const rank = inputs[0]!.shape.length;
    const axis = tf.util.parseAxisParam((params.attrs as unknown as { axis: number }).axis, inputs[0]!.shape)[0]!;
    const outShape = tf.backend_util.computeOutShape(inputs.map((x) => x.shape), axis);
    const out = backend.makeOutput(outShape, 'float32');
    // Each input is [outer, inner_i] viewed from `axis` on; an output row is the inputs' rows side by side.
    const outer = tf.util.sizeFromShape(outShape.slice(0, axis));
    const inners = inputs.map((x) => (rank === 0 ? 1 : tf.util.sizeFromShape(x.shape.slice(axis))));
    const width = inners.reduce((a, b) => a + b, 0);
    const target = heapFloat32(backend, out);
    let column = 0;
    inputs.forEach((x, k) => {
      const source = heapFloat32(backend, x);
      const inner = inners[k]!;
      for (let row = 0; row < outer; row++) copyRun(source, row * inner, target, row * width + column, inner);
      column += inner;
    });
    return out;
  };
}
