/**
 * Swaps the last two axes of a float32 tensor on the wasm backend, for the matmul kernels
 * (XNNPACK multiplies untransposed operands only). Measured per float on one core:
 *
 * 1. the backend's C++ Transpose is 0.4–0.6 ns for rows of at most 64 floats ([5760, 64]
 *    activations) and for small matrices (a batch of [90, 90] attention probabilities),
 *    against ~2–3 ns for a tiled JS loop;
 * 2. for a tall matrix of wider rows it slows to 3–4 ns (one write stream per column), so a [rows, cols]
 *    matrix goes through as [rows, cols / 64, 64] permuted to [cols / 64, 64, rows]: the
 *    same result, 64 write streams at a time, ~1.6 ns;
 * 3. widths that are not a multiple of 32 take the tiled JS loop.
 */
import * as tf from '@tensorflow/tfjs';
import type { WasmModule } from '../backend/wasm-module.js';
import { heapFloat32, tensorId, type WasmBackend } from './wasm-heap.js';

type WasmTranspose = (xId: number, shape: Uint8Array, rank: number, dtype: number, outId: number, perm: Uint8Array, permRank: number) => void;

const transposes = new WeakMap<WasmModule, WasmTranspose>();
/** tfjs-backend-wasm's CppDType for float32. */
const FLOAT32 = 0;
const NARROW = 64;
/** Matrices up to this many floats (64 KiB) transpose in cache, whatever their shape. */
const SMALL = 16384;
const TILE = 32;

function wasmTranspose(backend: WasmBackend): WasmTranspose {
  let fn = transposes.get(backend.wasm);
  if (fn === undefined) {
    fn = backend.wasm.cwrap('Transpose', null, ['number', 'array', 'number', 'number', 'number', 'array', 'number']) as WasmTranspose;
    transposes.set(backend.wasm, fn);
  }
  return fn;
}

const int32Bytes = (values: number[]) => new Uint8Array(new Int32Array(values).buffer);

/** A new tensor holding float32 `x` (rank >= 2) with its last two axes swapped. */
export function transposeLastTwo(backend: WasmBackend, x: tf.TensorInfo): tf.TensorInfo {
  const rank = x.shape.length;
  const rows = x.shape[rank - 2]!;
  const cols = x.shape[rank - 1]!;
  const batch = tf.util.sizeFromShape(x.shape.slice(0, -2));
  const out = backend.makeOutput([...x.shape.slice(0, -2), cols, rows], x.dtype);
  if (batch * rows * cols === 0) return out;
  let shape: number[] | undefined;
  let perm: number[] | undefined;
  if (cols <= NARROW || rows * cols <= SMALL || rows === 1) {
    [shape, perm] = batch === 1 ? [[rows, cols], [1, 0]] : [[batch, rows, cols], [0, 2, 1]];
  } else if (batch === 1) {
    const block = cols % NARROW === 0 ? NARROW : cols % TILE === 0 ? TILE : 0;
    if (block > 0) [shape, perm] = [[rows, cols / block, block], [1, 2, 0]];
  }
  if (shape === undefined || perm === undefined) {
    transposeTiled(heapFloat32(backend, x), heapFloat32(backend, out), batch, rows, cols);
    return out;
  }
  wasmTranspose(backend)(tensorId(backend, x), int32Bytes(shape), shape.length, FLOAT32, tensorId(backend, out), int32Bytes(perm), perm.length);
  return out;
}

function transposeTiled(source: Float32Array, target: Float32Array, batch: number, rows: number, cols: number): void {
  for (let b = 0; b < batch; b++) {
    const offset = b * rows * cols;
    for (let r0 = 0; r0 < rows; r0 += TILE) {
      const r1 = Math.min(r0 + TILE, rows);
      for (let c0 = 0; c0 < cols; c0 += TILE) {
        const c1 = Math.min(c0 + TILE, cols);
        for (let r = r0; r < r1; r++) {
          const row = offset + r * cols;
          for (let c = c0; c < c1; c++) target[offset + c * rows + r] = source[row + c]!;
        }
      }
    }
  }
}
