/**
 * Chooses and activates the TensorFlow.js backend a run computes on (DESIGN.md §8):
 *
 * 1. `auto` tries @tensorflow/tfjs-node-gpu, then @tensorflow/tfjs-node, then the wasm
 *    backend, then the plain cpu backend, noting why each one it passes over failed;
 * 2. `tensorflow` is the first two of those only, `wasm` and `cpu` are themselves only;
 * 3. the native packages are optional dependencies, loaded with a dynamic import inside a
 *    try, so a machine where their install script could not fetch libtensorflow still runs;
 * 4. the result describes what runs (package, version, build, threads) for the log and the
 *    run manifest. Selecting again with the same request returns the same description.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { BackendError, reasonOf } from './backend-error.js';
import { BACKEND_CHOICES, isBackendChoice, type BackendChoice, type BackendDescription, type BackendFallback } from './backend-choice.js';
import { startWasmBackend } from './wasm-backend.js';
import { WASM_PACKAGE } from './wasm-files.js';

export interface SelectBackendOptions {
  choice: BackendChoice;
  /**
   * Threads for the arithmetic. wasm: the XNNPACK pool (1 = the single-threaded SIMD build);
   * tensorflow: libtensorflow's intra-op pool, through TF_NUM_INTRAOP_THREADS unless that is
   * already set; cpu: ignored (always 1). Default: the cores Node reports.
   */
  threads?: number;
}

const NATIVE_PACKAGES = [
  { name: '@tensorflow/tfjs-node-gpu', build: 'libtensorflow GPU' },
  { name: '@tensorflow/tfjs-node', build: 'libtensorflow CPU' },
] as const;

const NATIVE_HINT = 'the native packages are optional dependencies; see the README section on the GPU path '
  + '(a machine with network access at install time, and CUDA for the -gpu package)';

let current: { key: string; description: BackendDescription } | undefined;

export async function selectBackend(options: SelectBackendOptions): Promise<BackendDescription> {
  const { choice } = options;
  if (!isBackendChoice(choice)) {
    throw new BackendError('backend-options', `unknown backend '${String(choice)}'; expected one of ${BACKEND_CHOICES.join(', ')}`);
  }
  const threads = options.threads ?? os.availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) {
    throw new BackendError('backend-options', `backend threads must be an integer >= 1, got ${String(options.threads)}`);
  }
  const key = `${choice}/${threads}`;
  if (current?.key === key && tf.getBackend() === current.description.name) return current.description;
  const description = await activate(choice, threads);
  current = { key, description };
  return description;
}

async function activate(choice: BackendChoice, threads: number): Promise<BackendDescription> {
  const fallbacks: BackendFallback[] = [];
  if (choice === 'auto' || choice === 'tensorflow') {
    for (const candidate of NATIVE_PACKAGES) {
      try {
        await loadNativePackage(candidate.name, threads);
        return { choice, name: 'tensorflow', package: candidate.name, version: packageVersion(candidate.name), build: candidate.build, threads, fallbacks };
      } catch (error) {
        fallbacks.push({ candidate: candidate.name, reason: reasonOf(error) });
      }
    }
    if (choice === 'tensorflow') {
      const reasons = fallbacks.map((f) => `  ${f.candidate}: ${f.reason}`).join('\n');
      throw new BackendError('backend-unavailable', `backend 'tensorflow' is not available:\n${reasons}`, { hint: NATIVE_HINT });
    }
  }
  if (choice === 'auto' || choice === 'wasm') {
    try {
      const wasm = await startWasmBackend(threads);
      return {
        choice, name: 'wasm', package: WASM_PACKAGE, version: wasm.version, build: wasm.build, threads: wasm.threads,
        fallbacks: [...fallbacks, ...wasm.fallbacks],
      };
    } catch (error) {
      if (choice === 'wasm') throw error;
      fallbacks.push({ candidate: WASM_PACKAGE, reason: reasonOf(error) });
    }
  }
  if (!(await tf.setBackend('cpu'))) throw new BackendError('backend-unavailable', 'cannot activate the cpu backend');
  return { choice, name: 'cpu', package: '@tensorflow/tfjs-backend-cpu', version: packageVersion('@tensorflow/tfjs-backend-cpu'), build: 'javascript', threads: 1, fallbacks };
}

/**
 * Imports a native package by a name TypeScript cannot resolve (its types are absent where
 * the optional install failed), then activates the `tensorflow` backend it registers. The
 * package must share our copy of @tensorflow/tfjs-core, or it registers into another engine.
 */
async function loadNativePackage(name: string, threads: number): Promise<void> {
  process.env['TF_NUM_INTRAOP_THREADS'] ??= String(threads);
  await import(name);
  if (tf.engine().registryFactory['tensorflow'] === undefined) {
    throw new Error(`${name} loaded but registered no 'tensorflow' backend with this copy of @tensorflow/tfjs-core`);
  }
  if (!(await tf.setBackend('tensorflow'))) throw new Error(`${name} loaded but its 'tensorflow' backend failed to start`);
}

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${name}/package.json`) as { version: string }).version;
}
