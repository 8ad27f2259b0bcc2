/**
 * Replaces stock tfjs-backend-wasm kernels that profile slow with the ones in this folder,
 * in named groups so that a benchmark can measure each and a test can compare each against
 * the stock kernel it replaces. Registration is global to the process (tfjs keeps one kernel
 * registry) and does not need the wasm backend to be active: each override keeps the stock
 * kernel's setup function, which tfjs runs when the backend starts.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { makeIdentityKernel } from './identity-kernel.js';
import { makeBatchMatMulKernel, makeFusedMatMulKernel } from './matmul-kernels.js';
import { makeSumKernel } from './sum-kernel.js';
import { makeConcatKernel, makeSliceKernel, makeSplitVKernel, makeUnpackKernel } from './slice-kernels.js';
import { makeTanhKernel } from './tanh-kernel.js';
import { makeCosKernel, makeSinKernel } from './trig-kernels.js';

export type WasmKernelGroup = 'slice' | 'matmul' | 'tanh' | 'identity' | 'sum';
export const WASM_KERNEL_GROUPS: readonly WasmKernelGroup[] = ['slice', 'matmul', 'tanh', 'identity', 'sum'];

type Override = (stock: tf.KernelFunc) => tf.KernelFunc;

const OVERRIDES: Record<WasmKernelGroup, ReadonlyArray<readonly [string, Override]>> = {
  slice: [[tf.Slice, makeSliceKernel], [tf.SplitV, makeSplitVKernel], [tf.Unpack, makeUnpackKernel], [tf.Concat, makeConcatKernel]],
  matmul: [[tf.BatchMatMul, makeBatchMatMulKernel], [tf._FusedMatMul, makeFusedMatMulKernel]],
  // The scalar-libm transcendentals. Sin and Cos share the group rather than adding one, as
  // the stages log the group list and a test pins that line.
  tanh: [[tf.Tanh, makeTanhKernel], [tf.Sin, makeSinKernel], [tf.Cos, makeCosKernel]],
  identity: [[tf.Identity, () => makeIdentityKernel()]],
  sum: [[tf.Sum, makeSumKernel]],
};

/** The stock kernel configs, saved the first time a group is installed. */
const stock = new Map<string, tf.KernelConfig>();
const installed = new Set<WasmKernelGroup>();

function stockKernel(name: string): tf.KernelConfig {
  let config = stock.get(name);
  if (config === undefined) {
    config = tf.getKernel(name, 'wasm');
    if (config === undefined) throw new Error(`tfjs-backend-wasm registers no '${name}' kernel; is the pinned version installed?`);
    stock.set(name, config);
  }
  return config;
}

function register(config: tf.KernelConfig): void {
  tf.unregisterKernel(config.kernelName, 'wasm');
  tf.registerKernel(config);
}

/** Installs the given groups (default: all); installing one twice is a no-op. Returns what is installed now. */
export function installWasmKernels(groups: readonly WasmKernelGroup[] = WASM_KERNEL_GROUPS): WasmKernelGroup[] {
  for (const group of groups) {
    if (!WASM_KERNEL_GROUPS.includes(group)) throw new Error(`unknown wasm kernel group '${String(group)}'; expected one of ${WASM_KERNEL_GROUPS.join(', ')}`);
    if (installed.has(group)) continue;
    for (const [name, override] of OVERRIDES[group]) {
      const original = stockKernel(name);
      register({ ...original, kernelFunc: override(original.kernelFunc) });
    }
    installed.add(group);
  }
  return installedWasmKernelGroups();
}

/** Puts the stock kernels of every installed group back. */
export function restoreStockWasmKernels(): void {
  for (const group of installed) {
    for (const [name] of OVERRIDES[group]) register(stockKernel(name));
  }
  installed.clear();
}

export function installedWasmKernelGroups(): WasmKernelGroup[] {
  return WASM_KERNEL_GROUPS.filter((group) => installed.has(group));
}
