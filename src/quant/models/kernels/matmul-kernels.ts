/**
 * BatchMatMul and _FusedMatMul for the wasm backend. The stock kernels run XNNPACK only for
 * one untransposed matrix pair; anything else (every matmul gradient, dA = dY·Bᵀ and
 * dB = Aᵀ·dY, and batched attention products) falls into a scalar loop at ~2 GFLOP/s. Here:
 *
 * 1. a transposed operand is transposed into a new tensor first (`transpose-last-two.ts`);
 * 2. a batch of products becomes one XNNPACK product per batch entry, on aliases of the
 *    operands' and the output's heap memory, so no operand or result is copied;
 * 3. a batch of tiny products (a single query row) runs as plain loops (`small-matmul.ts`);
 * 4. the untransposed single case, and fused products with a bias or activation over a
 *    batch, go to the stock kernel (which is fast, or rare, there).
 */
import * as tf from '@tensorflow/tfjs';
import type { WasmModule } from '../backend/wasm-module.js';
import { productShape, smallProduct, SMALL_PRODUCT_WORK } from './small-matmul.js';
import { transposeLastTwo } from './transpose-last-two.js';
import { asWasmBackend, memoryOffset, tensorId, withHeapAlias, type WasmBackend } from './wasm-heap.js';

type KernelParams = Parameters<tf.KernelFunc>[0];
type MatMulAttrs = { transposeA: boolean; transposeB: boolean };
type XnnBatchMatMul = (aId: number, aShape: Uint8Array, aRank: number, bId: number, bShape: Uint8Array, bRank: number,
  transposeA: boolean, transposeB: boolean, outId: number) => void;

const xnnMatMuls = new WeakMap<WasmModule, XnnBatchMatMul>();

function xnnMatMul(backend: WasmBackend): XnnBatchMatMul {
  let fn = xnnMatMuls.get(backend.wasm);
  if (fn === undefined) {
    fn = backend.wasm.cwrap('BatchMatMul', null,
      ['number', 'array', 'number', 'number', 'array', 'number', 'number', 'number', 'number']) as XnnBatchMatMul;
    xnnMatMuls.set(backend.wasm, fn);
  }
  return fn;
}

const shapeBytes = (shape: number[]) => new Uint8Array(new Int32Array(shape).buffer);

/** One XNNPACK product per batch entry of rank-3 `a` [batchA, M, K] and `b` [batchB, K, N]. */
function batchedProduct(backend: WasmBackend, a: tf.TensorInfo, b: tf.TensorInfo, outShape: number[]): tf.TensorInfo {
  const [batchA, m, k] = a.shape as [number, number, number];
  const [batchB, , n] = b.shape as [number, number, number];
  const batch = Math.max(batchA, batchB);
  const out = backend.makeOutput(outShape, 'float32');
  const product = xnnMatMul(backend);
  const aBase = memoryOffset(backend, a);
  const bBase = memoryOffset(backend, b);
  const outBase = memoryOffset(backend, out);
  const aShape = shapeBytes([1, m, k]);
  const bShape = shapeBytes([1, k, n]);
  const multiply = (i: number, bAlias: tf.TensorInfo) =>
    withHeapAlias(backend, aBase + (batchA === 1 ? 0 : i) * m * k * 4, [1, m, k], (aAlias) =>
      withHeapAlias(backend, outBase + i * m * n * 4, [1, m, n], (outAlias) => {
        product(tensorId(backend, aAlias), aShape, 3, tensorId(backend, bAlias), bShape, 3, false, false, tensorId(backend, outAlias));
      }));
  if (batchB === 1) {
    // One alias for the shared right operand, so XNNPACK packs its weights once.
    withHeapAlias(backend, bBase, [1, k, n], (bAlias) => {
      for (let i = 0; i < batch; i++) multiply(i, bAlias);
    });
  } else {
    for (let i = 0; i < batch; i++) withHeapAlias(backend, bBase + i * k * n * 4, [1, k, n], (bAlias) => multiply(i, bAlias));
  }
  return out;
}

/** `a`, `b` viewed as rank 3: reshapes are free (same data, new shape). */
function asRank3(x: tf.TensorInfo): tf.TensorInfo {
  const rank = x.shape.length;
  return { dataId: x.dataId, dtype: x.dtype, shape: [tf.util.sizeFromShape(x.shape.slice(0, -2)), x.shape[rank - 2]!, x.shape[rank - 1]!] };
}

/** Materializes the transposes asked for; returns the operands and the temporaries to free. */
function untransposed(backend: WasmBackend, a: tf.TensorInfo, b: tf.TensorInfo, attrs: MatMulAttrs) {
  const temporaries: tf.TensorInfo[] = [];
  if (attrs.transposeA) temporaries.push(a = transposeLastTwo(backend, a));
  if (attrs.transposeB) temporaries.push(b = transposeLastTwo(backend, b));
  return { a, b, temporaries };
}

export function makeBatchMatMulKernel(stock: tf.KernelFunc): tf.KernelFunc {
  return (params: KernelParams) => {
    const a = params.inputs['a']!;
    const b = params.inputs['b']!;
    const attrs = params.attrs as unknown as MatMulAttrs;
    const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
    const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
    const simple = !attrs.transposeA && !attrs.transposeB && batchA === 1 && batchB === 1;
    if (simple || a.dtype !== 'float32' || b.dtype !== 'float32') return stock(params);
    const backend = asWasmBackend(params.backend);
    if (batchA === 1 && batchB === 1 && attrs.transposeA && !attrs.transposeB && a.shape[a.shape.length - 1]! > b.shape[b.shape.length - 1]!) {
      return wideWeightGradient(backend, stock, params);
    }
    const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
    const shape = productShape(asRank3(a), asRank3(b), attrs.transposeA, attrs.transposeB);
    if (Math.max(batchA, batchB) > 1 && shape.m * shape.k * shape.n <= SMALL_PRODUCT_WORK) {
      return smallProduct(backend, asRank3(a), asRank3(b), attrs.transposeA, attrs.transposeB, [...outer, shape.m, shape.n]);
    }
    const operands = untransposed(backend, asRank3(a), asRank3(b), attrs);
    const m = operands.a.shape[1]!;
    const n = operands.b.shape[2]!;
    try {
      if (batchA === 1 && batchB === 1) {
        const out = stock({ ...params, inputs: { a: operands.a, b: operands.b }, attrs: { ...params.attrs, transposeA: false, transposeB: false } }) as tf.TensorInfo;
        return { ...out, shape: [...outer, m, n] };
      }
      return batchedProduct(backend, operands.a, operands.b, [...outer, m, n]);
    } finally {
      for (const t of operands.temporaries) backend.disposeData(t.dataId);
    }
  };
}

/**
 * Aᵀ·B for a single A [K, M] wider than B [K, N] (a weight gradient Xᵀ·dY of a layer that
 * narrows, K = batch rows) as (Bᵀ·A)ᵀ: the transposed and the packed operand swap roles,
 * and transposing the narrow B plus the small [N, M] result beats transposing the wide A
 * (measured [5760, 256]ᵀ·[5760, 64]: 5.3 ms instead of 7.6 ms).
 */
function wideWeightGradient(backend: WasmBackend, stock: tf.KernelFunc, params: KernelParams): tf.TensorInfo {
  const a = params.inputs['a']!;
  const b = params.inputs['b']!;
  const outer = a.shape.slice(0, -2);
  const bT = transposeLastTwo(backend, asRank3(b));
  try {
    const productT = stock({ ...params, inputs: { a: bT, b: asRank3(a) }, attrs: { ...params.attrs, transposeA: false, transposeB: false } }) as tf.TensorInfo;
    try {
      const out = transposeLastTwo(backend, productT);
      return { ...out, shape: [...outer, ...out.shape.slice(-2)] };
    } finally {
      backend.disposeData(productT.dataId);
    }
  } finally {
    backend.disposeData(bT.dataId);
  }
}

export function makeFusedMatMulKernel(stock: tf.KernelFunc): tf.KernelFunc {
  return (params: KernelParams) => {
    const { a, b, ...rest } = params.inputs;
    const attrs = params.attrs as unknown as MatMulAttrs;
    if ((!attrs.transposeA && !attrs.transposeB) || a!.dtype !== 'float32' || b!.dtype !== 'float32') return stock(params);
    const backend = asWasmBackend(params.backend);
    const operands = untransposed(backend, a!, b!, attrs);
    try {
      return stock({ ...params, inputs: { a: operands.a, b: operands.b, ...rest }, attrs: { ...params.attrs, transposeA: false, transposeB: false } });
    } finally {
      for (const t of operands.temporaries) backend.disposeData(t.dataId);
    }
  };
}
