/**
 * Typed access to the parts of tfjs-backend-wasm 4.22's BackendWasm that the kernel overrides
 * need (the package version is pinned exactly because these are internals): tensor ids,
 * heap offsets, output allocation, and views of tensors in the wasm heap.
 */
import type * as tf from '@tensorflow/tfjs';
import type { WasmModule } from '../backend/wasm-module.js';

type DataId = object;

interface TensorData {
  id: number;
  memoryOffset: number;
  shape: number[];
  dtype: tf.DataType;
  refCount: number;
}

/** The BackendWasm members the overrides use. */
export interface WasmBackend {
  wasm: WasmModule;
  dataIdMap: { get(dataId: DataId): TensorData | undefined; set(dataId: DataId, data: TensorData): void; delete(dataId: DataId): boolean };
  dataIdNextNumber: number;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  incRef(dataId: DataId): void;
  disposeData(dataId: DataId, force?: boolean): boolean;
}

export function asWasmBackend(backend: unknown): WasmBackend {
  const candidate = backend as Partial<WasmBackend> | null;
  if (candidate === null || typeof candidate !== 'object' || candidate.wasm === undefined || candidate.dataIdMap === undefined) {
    throw new Error('wasm kernel override called with a backend that is not tfjs-backend-wasm');
  }
  return candidate as WasmBackend;
}

function dataOf(backend: WasmBackend, info: tf.TensorInfo): TensorData {
  const data = backend.dataIdMap.get(info.dataId);
  if (data === undefined) throw new Error('tensor is not in the wasm backend (disposed, or from another backend)');
  return data;
}

/** The id the C++ side knows a tensor by. */
export function tensorId(backend: WasmBackend, info: tf.TensorInfo): number {
  return dataOf(backend, info).id;
}

/** Byte offset of a tensor's data in the wasm heap. */
export function memoryOffset(backend: WasmBackend, info: tf.TensorInfo): number {
  return dataOf(backend, info).memoryOffset;
}

/**
 * A float32 view of a tensor's data in the heap. Take views after the last allocation of a
 * kernel: growing the heap detaches (single-threaded) or outgrows (shared memory) old ones.
 */
export function heapFloat32(backend: WasmBackend, info: tf.TensorInfo): Float32Array {
  const buffer = backend.wasm.wasmMemory?.buffer ?? backend.wasm.HEAPU8.buffer;
  const size = info.shape.reduce((product, dim) => product * dim, 1);
  return new Float32Array(buffer, memoryOffset(backend, info), size);
}

/**
 * Runs `use` with a tensor that aliases `shape`'s worth of float32s at `offset` in the heap
 * (part of another tensor), then forgets the alias without freeing the memory. Forgetting it
 * also drops any XNNPACK operator the C++ side cached for that tensor id.
 */
export function withHeapAlias<T>(backend: WasmBackend, offset: number, shape: number[], use: (alias: tf.TensorInfo) => T): T {
  const id = backend.dataIdNextNumber++;
  const dataId = { id };
  const size = shape.reduce((product, dim) => product * dim, 1);
  backend.wasm.tfjs.registerTensor(id, size, offset);
  backend.dataIdMap.set(dataId, { id, memoryOffset: offset, shape, dtype: 'float32', refCount: 1 });
  try {
    return use({ dataId, shape, dtype: 'float32' });
  } finally {
    backend.dataIdMap.delete(dataId);
    backend.wasm.tfjs.disposeData(id);
  }
}
