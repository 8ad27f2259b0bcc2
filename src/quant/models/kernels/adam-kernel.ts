/**
 * Adam's update of one weight as one wasm kernel, and the global gradient norm read
 * straight from the wasm heap, so an optimizer step costs one kernel per weight instead of
 * ~12 stock ops per weight (op overhead dominated: ~15 ms of a transformer step with ~40
 * weights). Same formulas as adam.ts, computed in float64 per element, stored as float32:
 *   g' = scale·g;  m' = β1·m + (1−β1)·g';  v' = β2·v + (1−β2)·g'²;
 *   w' = w − lr/c1 · m' / (√(v'/c2) + ε)    (c1, c2: the bias corrections).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { asWasmBackend, heapFloat32 } from './wasm-heap.js';

export const ADAM_UPDATE = 'TradelabAdamUpdate';

/** The scalars of one Adam step (the same for every weight). */
export interface AdamStepAttrs {
  scale: number;
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  correction1: number;
  correction2: number;
}

type KernelParams = Parameters<tf.KernelFunc>[0];

function adamUpdateKernel(params: KernelParams): tf.TensorInfo[] {
  const backend = asWasmBackend(params.backend);
  const { w, g, m, v } = params.inputs as Record<'w' | 'g' | 'm' | 'v', tf.TensorInfo>;
  const a = params.attrs as unknown as AdamStepAttrs;
  const outputs = [w, m, v].map((t) => backend.makeOutput(t.shape, 'float32'));
  const [wOut, mOut, vOut] = outputs.map((t) => heapFloat32(backend, t)) as [Float32Array, Float32Array, Float32Array];
  const [wIn, gIn, mIn, vIn] = [w, g, m, v].map((t) => heapFloat32(backend, t)) as [Float32Array, Float32Array, Float32Array, Float32Array];
  const step = a.learningRate / a.correction1;
  for (let i = 0; i < wIn.length; i++) {
    const grad = a.scale * gIn[i]!;
    const mi = a.beta1 * mIn[i]! + (1 - a.beta1) * grad;
    const vi = a.beta2 * vIn[i]! + (1 - a.beta2) * grad * grad;
    mOut[i] = mi;
    vOut[i] = vi;
    wOut[i] = wIn[i]! - (step * mi) / (Math.sqrt(vi / a.correction2) + a.epsilon);
  }
  return outputs;
}

/** Registers the kernel for the wasm backend; a second call is a no-op. */
export function registerAdamKernel(): void {
  if (tf.getKernel(ADAM_UPDATE, 'wasm') !== undefined) return;
  tf.registerKernel({ kernelName: ADAM_UPDATE, backendName: 'wasm', kernelFunc: adamUpdateKernel });
}

/** Whether the fused update can run now: the wasm backend is active and the kernel registered. */
export function adamKernelAvailable(): boolean {
  return tf.getBackend() === 'wasm' && tf.getKernel(ADAM_UPDATE, 'wasm') !== undefined;
}

/** New [w, m, v] for one weight (the caller assigns and disposes them). */
export function adamUpdate(w: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, attrs: AdamStepAttrs): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const [w2, m2, v2] = tf.engine().runKernel(ADAM_UPDATE, { w, g, m, v }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  return [w2!, m2!, v2!];
}

/** √(Σ g²) over every element of every gradient, summed in float64 from the heap (wasm only). */
export function globalNormFromHeap(grads: Iterable<tf.Tensor>): number {
  const backend = asWasmBackend(tf.backend());
  let sum = 0;
  for (const g of grads) {
    const values = heapFloat32(backend, g);
    for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  }
  return Math.sqrt(sum);
}
