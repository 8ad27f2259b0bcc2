/**
 * Makes `wasm` the active tfjs backend with the requested thread count:
 *
 * 1. threads > 1: the multithreaded SIMD build, when this runtime can run it;
 * 2. otherwise, or when that fails: the single-threaded SIMD build (plain wasm without SIMD);
 * 3. the module is wrapped in tfjs's own BackendWasm and registered as `wasm`, replacing
 *    whatever `wasm` backend was registered before (tensors of a replaced one are gone).
 */
import * as tf from '@tensorflow/tfjs';
import { BackendWasm, getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { BackendError, reasonOf } from './backend-error.js';
import type { BackendFallback, WasmBuild } from './backend-choice.js';
import { locateWasmFiles } from './wasm-files.js';
import { instantiateWasmModule, threadedWasmObstacle, wasmSimdSupported, type WasmModule } from './wasm-module.js';

/** tfjs-backend-wasm registers itself with this priority; keep it so `auto` ordering in tfjs is unchanged. */
const WASM_PRIORITY = 2;

export interface WasmBackendStart {
  build: WasmBuild;
  /** The size of XNNPACK's thread pool as the module reports it. */
  threads: number;
  /** The package version of @tensorflow/tfjs-backend-wasm. */
  version: string;
  /** The threaded build, when it was asked for and could not start. */
  fallbacks: BackendFallback[];
}

export async function startWasmBackend(threads: number): Promise<WasmBackendStart> {
  const files = locateWasmFiles();
  const fallbacks: BackendFallback[] = [];
  let build: WasmBuild = wasmSimdSupported() ? 'wasm SIMD' : 'wasm';
  let module: WasmModule | undefined;
  if (threads > 1) {
    const obstacle = threadedWasmObstacle();
    if (obstacle === undefined) {
      try {
        module = await instantiateWasmModule(files, 'wasm multithreaded SIMD', threads);
        build = 'wasm multithreaded SIMD';
      } catch (error) {
        fallbacks.push({ candidate: 'wasm multithreaded SIMD', reason: reasonOf(error) });
      }
    } else {
      fallbacks.push({ candidate: 'wasm multithreaded SIMD', reason: obstacle });
    }
  }
  module ??= await instantiateWasmModule(files, build, 1);
  const started = module;

  // BackendWasm reads the pool size from this module-level setting when it is constructed.
  setThreadsCount(build === 'wasm multithreaded SIMD' ? threads : 1);
  if (tf.engine().registryFactory['wasm'] !== undefined) tf.removeBackend('wasm');
  tf.registerBackend('wasm', () => new BackendWasm(started as unknown as ConstructorParameters<typeof BackendWasm>[0]), WASM_PRIORITY);
  let active = false;
  try {
    active = await tf.setBackend('wasm');
  } catch (error) {
    throw new BackendError('backend-unavailable', `cannot activate the ${build} backend: ${reasonOf(error)}`, { cause: error });
  }
  if (!active) throw new BackendError('backend-unavailable', `cannot activate the ${build} backend (tfjs refused it; see the warning above)`);
  letProcessExitDespiteWorkers(started);
  return { build, threads: getThreadsCount(), version: files.version, fallbacks };
}

interface PThreadPool {
  runningWorkers?: Array<{ unref(): void }>;
  unusedWorkers?: Array<{ unref(): void }>;
}

/**
 * Emscripten refs a worker while its pthread runs, and XNNPACK's pool threads run for the
 * module's lifetime, so without this a process that used the threaded build never exits.
 * The pool is created when BackendWasm starts, so all its workers exist by now.
 */
function letProcessExitDespiteWorkers(module: WasmModule): void {
  const pool = module.PThread as PThreadPool | undefined;
  for (const worker of [...(pool?.runningWorkers ?? []), ...(pool?.unusedWorkers ?? [])]) worker.unref();
}
