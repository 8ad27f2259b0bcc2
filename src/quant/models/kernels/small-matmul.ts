/**
 * Batched products too small for XNNPACK to pay off, as plain loops: in the transformer's
 * last block only the last step asks queries, so its attention multiplies [1, 16] by
 * [16, 90] and [1, 90] by [90, 16] (and, backward, outer products [90, 1]·[1, 16]) for each
 * of batch x heads = 256 entries. An XNNPACK call per entry, each packing a fresh right
 * operand, cost ~20 µs; the loop ~1.5 µs. Transposed operands are read by strides, not copied.
 */
import * as tf from '@tensorflow/tfjs';
import { heapFloat32, type WasmBackend } from './wasm-heap.js';

/** Multiply-adds per batch entry up to which the loop beats an XNNPACK call. */
export const SMALL_PRODUCT_WORK = 4096;

export interface ProductShape {
  m: number;
  k: number;
  n: number;
}

/** m, k, n of op(a)·op(b) for rank-3 `a`, `b`. */
export function productShape(a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean): ProductShape {
  const [, aRows, aCols] = a.shape as [number, number, number];
  const [, bRows, bCols] = b.shape as [number, number, number];
  return { m: transposeA ? aCols : aRows, k: transposeA ? aRows : aCols, n: transposeB ? bRows : bCols };
}

/** op(a)·op(b) for rank-3 float32 `a` [batchA, ...], `b` [batchB, ...], a batch of 1 broadcast. */
export function smallProduct(backend: WasmBackend, a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean, outShape: number[]): tf.TensorInfo {
  const { m, k, n } = productShape(a, b, transposeA, transposeB);
  const batchA = a.shape[0]!;
  const batchB = b.shape[0]!;
  const out = backend.makeOutput(outShape, 'float32');
  const left = heapFloat32(backend, a);
  const right = heapFloat32(backend, b);
  const target = heapFloat32(backend, out);
  // Element strides: a's row r and inner index i, b's inner index i.
  const aRow = transposeA ? 1 : k;
  const aInner = transposeA ? m : 1;
  const batch = Math.max(batchA, batchB);
  for (let e = 0; e < batch; e++) {
    const aBase = batchA === 1 ? 0 : e * m * k;
    const bBase = batchB === 1 ? 0 : e * k * n;
    const oBase = e * m * n;
    for (let r = 0; r < m; r++) {
      const aStart = aBase + r * aRow;
      const o = oBase + r * n;
      if (transposeB) dotRows(left, aStart, aInner, right, bBase, k, n, target, o);
      else accumulateRows(left, aStart, aInner, right, bBase, k, n, target, o);
    }
  }
  return out;
}

/** target[o + c] = Σ_i a[i]·b[c, i] for b's rows of k contiguous floats (b transposed). */
function dotRows(a: Float32Array, aStart: number, aStride: number, b: Float32Array, bBase: number, k: number, n: number, target: Float32Array, o: number): void {
  for (let c = 0; c < n; c++) {
    let sum = 0;
    let ai = aStart;
    const row = bBase + c * k;
    for (let i = 0; i < k; i++, ai += aStride) sum += a[ai]! * b[row + i]!;
    target[o + c] = sum;
  }
}

/** target[o .. o + n] = Σ_i a[i]·b[i, ..]: whole rows of b scaled and added, every access contiguous. */
function accumulateRows(a: Float32Array, aStart: number, aStride: number, b: Float32Array, bBase: number, k: number, n: number, target: Float32Array, o: number): void {
  const first = a[aStart]!;
  for (let c = 0; c < n; c++) target[o + c] = first * b[bBase + c]!;
  for (let i = 1; i < k; i++) {
    const scale = a[aStart + i * aStride]!;
    const row = bBase + i * n;
    for (let c = 0; c < n; c++) target[o + c] = target[o + c]! + scale * b[row + c]!;
  }
}
