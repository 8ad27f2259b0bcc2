/**
 * Instantiates one of tfjs-backend-wasm's Emscripten builds ourselves, instead of through
 * the package's own `init()`, because under Node that `init()` (tfjs 4.x, issue #3830):
 *
 * 1. never picks the multithreaded build (the flag is hard-wired off when IS_NODE);
 * 2. would hand the pthread workers Blob URLs, which Node's worker_threads cannot load;
 * 3. caps the thread pool at half the logical cores (it assumes two hyper-threads per core).
 *
 * So: the pthread worker script is written once to a file in the temp dir (named by its
 * hash) and the workers load the package's own loader from its path; the binary is read
 * from node_modules and instantiated through Emscripten's `instantiateWasm` hook, where the
 * `emscripten_num_logical_cores` import is answered so the pool gets the requested size.
 * No file under node_modules is modified and no global is patched.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { BackendError, reasonOf } from './backend-error.js';
import type { WasmBuild } from './backend-choice.js';
import type { WasmFiles } from './wasm-files.js';

/** The parts of an Emscripten module of tfjs-backend-wasm that tfjs and our kernels touch. */
export interface WasmModule {
  HEAPU8: Uint8Array;
  /** Present in the threaded build, whose memory is shared and may grow under a stale HEAPU8. */
  wasmMemory?: WebAssembly.Memory;
  cwrap(name: string, returnType: string | null, argTypes: string[]): (...args: unknown[]) => unknown;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  /** The XNNPACK sigmoid: reads tensor `xId`, writes tensor `outId` (may be the same). */
  _Sigmoid(xId: number, outId: number): void;
  PThread?: unknown;
  /** The raw exports of the wasm instance. */
  asm?: Record<string, (...args: unknown[]) => unknown>;
  /** The JS bridge that tfjs's BackendWasm expects to find (its `init()` normally adds it). */
  tfjs: {
    init(): void;
    initWithThreadsCount(threads: number): void;
    getThreadsCount(): number;
    registerTensor(id: number, size: number, memoryOffset: number): void;
    disposeData(id: number): void;
    dispose(): void;
  };
}

type ModuleFactory = (config: Record<string, unknown>) => Promise<Omit<WasmModule, 'tfjs'>>;
type Imports = WebAssembly.Imports & { env: Record<string, unknown> };

/** How long the threaded build may take to start its workers before we give up on it. */
const THREADED_START_TIMEOUT_MS = 60_000;

/** True when this runtime can run WebAssembly SIMD (a 1-instruction module validates). */
export function wasmSimdSupported(): boolean {
  // A module with one function: i32.const 0; i8x16.splat; drop.
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
    0x0a, 0x09, 0x01, 0x07, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x1a, 0x0b,
  ]);
  try {
    return WebAssembly.validate(bytes);
  } catch {
    return false;
  }
}

/** Why the threaded build cannot run here, or undefined when it can. */
export function threadedWasmObstacle(): string | undefined {
  if (typeof SharedArrayBuffer !== 'function') return 'SharedArrayBuffer is not available';
  if (!wasmSimdSupported()) return 'WebAssembly SIMD is not supported';
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    if (!(memory.buffer instanceof SharedArrayBuffer)) return 'shared WebAssembly memory is not supported';
  } catch (error) {
    return `shared WebAssembly memory is not supported: ${reasonOf(error)}`;
  }
  return undefined;
}

/** Loads and starts one build; `threads` sizes the pool of the threaded build. */
export async function instantiateWasmModule(files: WasmFiles, build: WasmBuild, threads: number): Promise<WasmModule> {
  const require = createRequire(import.meta.url);
  const threaded = build === 'wasm multithreaded SIMD';
  const loader = threaded ? files.threadedLoaderScript : files.loaderScript;
  const binaryPath = threaded ? files.threadedBinary : build === 'wasm SIMD' ? files.simdBinary : files.plainBinary;
  const factory = require(loader) as ModuleFactory;
  const binary = readFileSync(binaryPath);
  const workerScript = threaded ? writeWorkerScript(files) : undefined;

  let failStart: (error: unknown) => void = () => {};
  const startFailed = new Promise<never>((_, reject) => { failStart = reject; });
  const config: Record<string, unknown> = {
    locateFile: (name: string, prefix: string) => {
      if (name.endsWith('.worker.js') && workerScript !== undefined) return workerScript;
      if (name.endsWith('.wasm')) return binaryPath;
      return prefix + name;
    },
    instantiateWasm: (imports: Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => {
      // The threaded build sizes its pool as cores / 2; answering 2 x threads gives `threads`.
      if (threaded) imports.env['emscripten_num_logical_cores'] = () => 2 * threads;
      WebAssembly.instantiate(binary, imports).then(
        ({ instance, module }) => receive(instance, module),
        (error: unknown) => failStart(error),
      );
      return {};
    },
    // Workers evaluate the loader from this path (a Blob would not load in worker_threads).
    ...(threaded ? { mainScriptUrlOrBlob: loader } : {}),
  };

  const before = processErrorListeners();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the ${build} build did not start within ${THREADED_START_TIMEOUT_MS / 1000} s`)), THREADED_START_TIMEOUT_MS);
    timer.unref();
  });
  let module: Omit<WasmModule, 'tfjs'>;
  try {
    module = await Promise.race([factory(config), startFailed, timeout]);
  } catch (error) {
    throw new BackendError('backend-unavailable', `cannot start the ${build} build of ${files.packageDir}: ${reasonOf(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
    removeListenersAddedSince(before);
  }
  return withBridge(module);
}

function withBridge(module: Omit<WasmModule, 'tfjs'>): WasmModule {
  const call = (name: string, returnType: string | null, args: string[]) => module.cwrap(name, returnType, args);
  const init = call('init', null, []);
  const initWithThreadsCount = call('init_with_threads_count', null, ['number']);
  const getThreadsCount = call('get_threads_count', 'number', []);
  const registerTensor = call('register_tensor', null, ['number', 'number', 'number']);
  const disposeData = call('dispose_data', null, ['number']);
  // Not through cwrap: the loader wraps `_dispose` to remove, on dispose, every process
  // error listener that existed when the module started (not only its own), so replacing the
  // wasm backend would silently drop the test runner's or the CLI's handlers.
  const dispose = module.asm?.['dispose'] ?? call('dispose', null, []);
  const bridged = module as WasmModule;
  bridged.tfjs = {
    init: () => { init(); },
    initWithThreadsCount: (threads) => { initWithThreadsCount(threads); },
    getThreadsCount: () => getThreadsCount() as number,
    registerTensor: (id, size, offset) => { registerTensor(id, size, offset); },
    disposeData: (id) => { disposeData(id); },
    dispose: () => { dispose(); },
  };
  return bridged;
}

/**
 * The worker source ships as a template literal whose `\n` escapes became real newlines
 * inside string literals; escaping them back makes it valid JavaScript again (tfjs does the
 * same before it makes its Blob). Written once per content hash; concurrent writers rename
 * complete files into place, so a reader never sees half a script.
 */
function writeWorkerScript(files: WasmFiles): string {
  const require = createRequire(import.meta.url);
  const { wasmWorkerContents } = require(files.threadedWorkerModule) as { wasmWorkerContents: string };
  const source = wasmWorkerContents.replace(/\n/g, '\\n');
  const digest = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const target = path.join(os.tmpdir(), `tradelab-tfjs-wasm-worker-${digest}.cjs`);
  if (!existsSync(target)) {
    const partial = `${target}.${process.pid}.partial`;
    writeFileSync(partial, source);
    renameSync(partial, target);
  }
  return target;
}

type ProcessListener = (...args: unknown[]) => void;
/** The process events Emscripten's loader subscribes to. */
const ERROR_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

function processErrorListeners(): Map<string, Set<ProcessListener>> {
  return new Map(ERROR_EVENTS.map((event) => [event, new Set(process.listeners(event as 'uncaughtException') as ProcessListener[])]));
}

/** Emscripten installs process handlers that rethrow; the process's own policy should stand. */
function removeListenersAddedSince(before: Map<string, Set<ProcessListener>>): void {
  for (const event of ERROR_EVENTS) {
    for (const listener of process.listeners(event as 'uncaughtException') as ProcessListener[]) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
}
