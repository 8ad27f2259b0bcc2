/**
 * Where @tensorflow/tfjs-backend-wasm keeps its binaries and Emscripten loaders, found by
 * Node's own resolution from this file (so it works from `dist/`, from a test, and with
 * hoisted or nested node_modules), and checked to exist before anything loads them.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BackendError } from './backend-error.js';

export const WASM_PACKAGE = '@tensorflow/tfjs-backend-wasm';

/** Absolute paths of the files one wasm build needs. */
export interface WasmFiles {
  packageDir: string;
  /** The package's version, from its package.json. */
  version: string;
  /** The three binaries: plain, SIMD, and multithreaded SIMD. */
  plainBinary: string;
  simdBinary: string;
  threadedBinary: string;
  /** The Emscripten loader shared by the plain and SIMD binaries. */
  loaderScript: string;
  /** The loader of the threaded build; each pthread worker evaluates it again. */
  threadedLoaderScript: string;
  /** A CommonJS module whose `wasmWorkerContents` is the pthread worker's source text. */
  threadedWorkerModule: string;
}

export function locateWasmFiles(): WasmFiles {
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve(`${WASM_PACKAGE}/package.json`);
  } catch (error) {
    throw new BackendError('backend-unavailable', `cannot find ${WASM_PACKAGE}`, {
      hint: 'run `npm ci`; it is a regular dependency of tradelab', cause: error,
    });
  }
  const packageDir = path.dirname(manifest);
  const version = (require(manifest) as { version: string }).version;
  const files: WasmFiles = {
    packageDir,
    version,
    plainBinary: path.join(packageDir, 'dist', 'tfjs-backend-wasm.wasm'),
    simdBinary: path.join(packageDir, 'dist', 'tfjs-backend-wasm-simd.wasm'),
    threadedBinary: path.join(packageDir, 'dist', 'tfjs-backend-wasm-threaded-simd.wasm'),
    loaderScript: path.join(packageDir, 'wasm-out', 'tfjs-backend-wasm.js'),
    threadedLoaderScript: path.join(packageDir, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js'),
    threadedWorkerModule: path.join(packageDir, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.worker.js'),
  };
  const missing = Object.entries(files).filter(([key, file]) => key !== 'version' && key !== 'packageDir' && !existsSync(file));
  if (missing.length > 0) {
    throw new BackendError('backend-unavailable', `${WASM_PACKAGE} ${version} lacks ${missing.map(([, file]) => path.relative(packageDir, file)).join(', ')}`, {
      hint: 'reinstall with `npm ci`; tradelab pins the version whose layout it knows',
    });
  }
  return files;
}
