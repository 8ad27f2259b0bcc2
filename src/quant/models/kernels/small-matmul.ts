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
  // Element strides: a's row r and inner index i, b's inner index i and column c.
  const aRow = transposeA ? 1 : k;
  const aInner = transposeA ? m : 1;
  const bInner = transposeB ? 1 : n;
  const bColumn = transposeB ? k : 1;
  const batch = Math.max(batchA, batchB);
  for (let e = 0; e < batch; e++) {
    const aBase = batchA === 1 ? 0 : e * m * k;
    const bBase = batchB === 1 ? 0 : e * k * n;
    let o = e * m * n;
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < n; c++) {
        let sum = 0;
        let ai = aBase + r * aRow;
        let bi = bBase + c * bColumn;
        for (let i = 0; i < k; i++, ai += aInner, bi += bInner) sum += left[ai]! * right[bi]!;
        target[o++] = sum;
      }
    }
  }
  return out;
}
