/**
 * Identity for the wasm backend as a reference to the same data, as the cpu backend does.
 * The stock kernel copies, and autodiff runs Identity on every tensor it keeps for the
 * backward pass (and tf.clone on every saved activation).
 */
import type * as tf from '@tensorflow/tfjs';
import { asWasmBackend } from './wasm-heap.js';

type KernelParams = Parameters<tf.KernelFunc>[0];

export function makeIdentityKernel(): tf.KernelFunc {
  return (params: KernelParams) => {
    const x = params.inputs['x']!;
    asWasmBackend(params.backend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}
