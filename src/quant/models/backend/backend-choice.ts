/** The `backend` param of a training stage and the CLI's `--backend`. */
export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

/** Every choice, in the order `auto` tries the concrete ones after itself. */
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

export function isBackendChoice(value: unknown): value is BackendChoice {
  return typeof value === 'string' && (BACKEND_CHOICES as readonly string[]).includes(value);
}

/** The wasm build in use: the multithreaded one needs SharedArrayBuffer and worker threads. */
export type WasmBuild = 'wasm multithreaded SIMD' | 'wasm SIMD' | 'wasm';

/** What a backend is, beyond its tfjs name: which native or wasm build does the arithmetic. */
export type BackendBuild = 'libtensorflow GPU' | 'libtensorflow CPU' | WasmBuild | 'javascript';

/** One candidate that `auto` (or `tensorflow`) tried and passed over, and why. */
export interface BackendFallback {
  /** The package or build that failed: `@tensorflow/tfjs-node-gpu`, `wasm multithreaded SIMD`, ... */
  candidate: string;
  /** One line: the loader's error, e.g. "Cannot find package '@tensorflow/tfjs-node'". */
  reason: string;
}

/** The backend a run uses, as logged and written in the run manifest. */
export interface BackendDescription {
  /** What was asked for. */
  choice: BackendChoice;
  /** The tfjs backend name now active: `tensorflow`, `wasm` or `cpu`. */
  name: 'tensorflow' | 'wasm' | 'cpu';
  /** The npm package that provides it. */
  package: string;
  /** That package's version. */
  version: string;
  build: BackendBuild;
  /**
   * Threads doing the arithmetic: the wasm thread pool's size, 1 for the cpu backend, and
   * for libtensorflow the intra-op pool it was asked for (it sizes itself to the cores otherwise).
   */
  threads: number;
  /** Candidates tried before this one, in order; empty when the first choice loaded. */
  fallbacks: BackendFallback[];
}
