/**
 * The compute backend a training stage's params ask for: selected, logged, recorded in the
 * run manifest, and on wasm given the kernel overrides (shared by the supervised and the RL
 * training stages).
 */
import type * as tf from '@tensorflow/tfjs';
import type { StageContext } from '../src/engine/contract.js';
import { BackendError } from '../src/quant/models/backend/backend-error.js';
import type { BackendChoice } from '../src/quant/models/backend/backend-choice.js';
import { selectBackend } from '../src/quant/models/backend/select-backend.js';
import { registerAdamKernel } from '../src/quant/models/kernels/adam-kernel.js';
import { registerLstmCellKernels } from '../src/quant/models/kernels/lstm-cell-kernels.js';
import { installWasmKernels } from '../src/quant/models/kernels/wasm-kernel-overrides.js';

/** The params every training stage has for its backend. */
export interface BackendParams {
  backend: BackendChoice;
  threads?: number;
}

export async function startBackend(ctx: StageContext, p: BackendParams): Promise<typeof tf> {
  const description = await selectBackend({ choice: p.backend, ...(p.threads ? { threads: p.threads } : {}) }).catch((error: unknown) => {
    // The worker reports only an error's message: carry the backend's hint in it.
    if (error instanceof BackendError && error.hint) throw new Error(`${error.message}\nhint: ${error.hint}`);
    throw error;
  });
  const tfjs = await import('@tensorflow/tfjs');
  // PROD silences tfjs's console advice ("install the node backend"): the log line below says what runs.
  tfjs.env().set('PROD', true);
  ctx.log(`backend ${description.name} (${description.build}, ${description.package} ${description.version}, ${description.threads} thread${description.threads === 1 ? '' : 's'})${description.fallbacks.length ? `; passed over: ${description.fallbacks.map((f) => `${f.candidate} (${f.reason})`).join('; ')}` : ''}`);
  ctx.recordRuntime({ backend: { name: description.name, build: description.build, package: description.package, version: description.version, threads: description.threads } });
  if (description.name === 'wasm') {
    // The stock wasm kernels copy whole tensors for slices and fall back to a slow loop for
    // transposed matmuls (every matmul gradient); these overrides are checked against them.
    const groups = installWasmKernels();
    registerLstmCellKernels();
    registerAdamKernel();
    ctx.log(`wasm kernel overrides: ${groups.join(', ')}, fused LSTM cell, fused Adam`);
  }
  return tfjs;
}
