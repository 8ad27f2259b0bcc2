/**
 * Sum for the wasm backend when it reduces leading axes of a float32 tensor, the shape of
 * every bias gradient (dY [rows, n] summed over rows). The stock kernel transposes the
 * reduced axes to the end first (~4 ms for [3840, 256]). Here, pairwise: the top half of
 * the rows is added to the bottom half with the stock (vectorized) Add on aliases of the
 * two halves, and again on the result, until one row is left (~12 Adds of shrinking size,
 * ~0.3 ms); an odd row left over at a level is kept aside and added at the end. The order
 * of additions depends only on the shape, so results are reproducible, and pairwise sums
 * round less than a running sum. Other reductions, and integer inputs, go to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { asWasmBackend, heapFloat32, memoryOffset, withHeapAlias, type WasmBackend } from './wasm-heap.js';

type KernelParams = Parameters<tf.KernelFunc>[0];
type SumAttrs = { axis: number | number[]; keepDims: boolean };

/** How many leading axes `axis` names, when it names exactly axes 0..k-1 (k < rank); else 0. */
export function leadingAxes(axis: number | number[], rank: number): number {
  const axes = [...new Set((Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
  if (axes.length === 0 || axes.length >= rank) return 0;
  return axes.every((a, i) => a === i) ? axes.length : 0;
}

export function makeSumKernel(stock: tf.KernelFunc): tf.KernelFunc {
  return (params: KernelParams) => {
    const x = params.inputs['x']!;
    const { axis, keepDims } = params.attrs as unknown as SumAttrs;
    const k = leadingAxes(axis, x.shape.length);
    if (k === 0 || x.dtype !== 'float32') return stock(params);
    const kept = x.shape.slice(k);
    const out = sumRows(asWasmBackend(params.backend), x, tf.util.sizeFromShape(x.shape.slice(0, k)), tf.util.sizeFromShape(kept));
    return { ...out, shape: keepDims ? [...x.shape.slice(0, k).map(() => 1), ...kept] : kept };
  };
}

/** x viewed as [rows, n] summed over rows into a new [1, n] tensor. */
function sumRows(backend: WasmBackend, x: tf.TensorInfo, rows: number, n: number): tf.TensorInfo {
  const add = tf.getKernel(tf.Add, 'wasm')!.kernelFunc;
  const leftovers: Float32Array[] = [];
  let current: tf.TensorInfo = { ...x, shape: [rows, n] };
  let owned = false;
  while (rows > 1) {
    const half = rows >> 1;
    const base = memoryOffset(backend, current);
    if (rows % 2 === 1) leftovers.push(heapFloat32(backend, current).slice((rows - 1) * n, rows * n));
    const next = withHeapAlias(backend, base, [half, n], (top) =>
      withHeapAlias(backend, base + half * n * 4, [half, n], (bottom) => add({ inputs: { a: top, b: bottom }, backend: backend as never, attrs: {} }) as tf.TensorInfo));
    if (owned) backend.disposeData(current.dataId);
    current = next;
    owned = true;
    rows = half;
  }
  if (!owned) {
    const copy = backend.makeOutput([1, n], 'float32');
    heapFloat32(backend, copy).set(heapFloat32(backend, current));
    current = copy;
  }
  const result = heapFloat32(backend, current);
  for (const row of leftovers) for (let j = 0; j < n; j++) result[j]! += row[j]!;
  return current;
}
