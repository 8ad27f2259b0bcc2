/**
 * BatchMatMul and _FusedMatMul for the wasm backend. The stock kernels run XNNPACK only for
 * one untransposed matrix pair; anything else (every matmul gradient, dA = dY·Bᵀ and
 * dB = Aᵀ·dY, and batched attention products) falls into a scalar loop at ~2 GFLOP/s. Here:
 *
 * 1. a transposed operand is transposed into a new tensor first (`transpose-last-two.ts`),
 *    except that a weight gradient Aᵀ·B with A wider than B is computed as (Bᵀ·A)ᵀ;
 * 2. a batch of products becomes one XNNPACK product per batch entry, on aliases of the
 *    operands' and the output's heap memory, so no operand or result is copied, called
 *    through the module's raw exports;
 * 3. a batch of tiny products (a single query row) runs as plain loops (`small-matmul.ts`);
 * 4. the untransposed single case, and fused products with a bias or activation over a
 *    batch, go to the stock kernel (which is fast, or rare, there).
 */
import * as tf from '@tensorflow/tfjs';
import { productShape, smallProduct, SMALL_PRODUCT_WORK } from './small-matmul.js';
import { transposeLastTwo } from './transpose-last-two.js';
import { asWasmBackend, memoryOffset, type WasmBackend } from './wasm-heap.js';

type KernelParams = Parameters<tf.KernelFunc>[0];
type MatMulAttrs = { transposeA: boolean; transposeB: boolean };
/**
 * The module's own exports, called directly: `cwrap` marshals array arguments through the
 * stack and looks the function up on every call, and registering an alias through the
 * backend's data map costs a WeakMap entry; a batched product makes ~4 such calls per entry
 * (256 entries per attention product).
 */
interface RawExports {
  _BatchMatMul(aId: number, aShape: number, aRank: number, bId: number, bShape: number, bRank: number, transposeA: number, transposeB: number, outId: number): void;
  _register_tensor(id: number, size: number, offset: number): void;
  _dispose_data(id: number): void;
}

function rawExports(backend: WasmBackend): RawExports {
  const raw = backend.wasm as unknown as Partial<RawExports>;
  if (typeof raw._BatchMatMul !== 'function' || typeof raw._register_tensor !== 'function' || typeof raw._dispose_data !== 'function') {
    throw new Error('tfjs-backend-wasm exports no _BatchMatMul, _register_tensor or _dispose_data; is the pinned version installed?');
  }
  return raw as RawExports;
}

/** One XNNPACK product per batch entry of rank-3 `a` [batchA, M, K] and `b` [batchB, K, N], on ids that alias the operands' heap memory. */
function batchedProduct(backend: WasmBackend, a: tf.TensorInfo, b: tf.TensorInfo, outShape: number[]): tf.TensorInfo {
  const [batchA, m, k] = a.shape as [number, number, number];
  const [batchB, , n] = b.shape as [number, number, number];
  const batch = Math.max(batchA, batchB);
  const out = backend.makeOutput(outShape, 'float32');
  const raw = rawExports(backend);
  const aBase = memoryOffset(backend, a);
  const bBase = memoryOffset(backend, b);
  const outBase = memoryOffset(backend, out);
  const shapes = backend.wasm._malloc(6 * 4);
  new Int32Array(backend.wasm.wasmMemory?.buffer ?? backend.wasm.HEAPU8.buffer, shapes, 6).set([1, m, k, 1, k, n]);
  // Forgetting an id also drops any XNNPACK operator the C++ side cached for it.
  const region = (offset: number, size: number, use: (id: number) => void) => {
    const id = backend.dataIdNextNumber++;
    raw._register_tensor(id, size, offset);
    try {
      use(id);
    } finally {
      raw._dispose_data(id);
    }
  };
  const multiply = (i: number, bId: number) =>
    region(aBase + (batchA === 1 ? 0 : i) * m * k * 4, m * k, (aId) =>
      region(outBase + i * m * n * 4, m * n, (outId) => raw._BatchMatMul(aId, shapes, 3, bId, shapes + 12, 3, 0, 0, outId)));
  try {
    if (batchB === 1) {
      // One id for the shared right operand, so XNNPACK packs its weights once.
      region(bBase, k * n, (bId) => {
        for (let i = 0; i < batch; i++) multiply(i, bId);
      });
    } else {
      for (let i = 0; i < batch; i++) region(bBase + i * k * n * 4, k * n, (bId) => multiply(i, bId));
    }
  } finally {
    backend.wasm._free(shapes);
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
