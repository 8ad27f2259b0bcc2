/**
 * The LSTM cell (lstm-cell.ts) as two wasm kernels, one per direction, so a time step costs
 * one kernel call instead of ~10 (forward) and ~20 (backward) stock ops. Transcendentals go
 * through XNNPACK's vectorized sigmoid, straight from z and from c, with tanh recovered from
 * σ; the rest is plain loops on heap views.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { CellBackward, CellBackwardInputs, CellForward, LstmCell } from './lstm-cell.js';
import { asWasmBackend, heapFloat32, tensorId } from './wasm-heap.js';

export const LSTM_CELL_FORWARD = 'TradelabLstmCellForward';
export const LSTM_CELL_BACKWARD = 'TradelabLstmCellBackward';

type KernelParams = Parameters<tf.KernelFunc>[0];

function forwardKernel(params: KernelParams): tf.TensorInfo[] {
  const backend = asWasmBackend(params.backend);
  const z = params.inputs['z']!;
  const cPrev = params.inputs['cPrev'];
  const [batch, width] = z.shape as [number, number];
  const units = width / 4;
  const gates = backend.makeOutput([batch, width], 'float32');
  const tanhC = backend.makeOutput([batch, units], 'float32');
  const h = backend.makeOutput([batch, units], 'float32');
  const c = backend.makeOutput([batch, units], 'float32');

  // σ of every column straight from z; the candidate's tanh follows from its σ (tanhOfSigmoid).
  backend.wasm._Sigmoid(tensorId(backend, z), tensorId(backend, gates));
  const gateView = heapFloat32(backend, gates);
  const cView = heapFloat32(backend, c);
  const cPrevView = cPrev === undefined ? undefined : heapFloat32(backend, cPrev);
  for (let b = 0; b < batch; b++) {
    const row = b * width;
    for (let j = 0; j < units; j++) {
      const k = b * units + j;
      const g = tanhOfSigmoid(gateView[row + 3 * units + j]!);
      gateView[row + 3 * units + j] = g;
      cView[k] = gateView[row + j]! * g + (cPrevView === undefined ? 0 : gateView[row + units + j]! * cPrevView[k]!);
    }
  }
  backend.wasm._Sigmoid(tensorId(backend, c), tensorId(backend, tanhC));

  const tanhView = heapFloat32(backend, tanhC);
  const hView = heapFloat32(backend, h);
  for (let b = 0; b < batch; b++) {
    const row = b * width;
    for (let j = 0; j < units; j++) {
      const k = b * units + j;
      const t = tanhOfSigmoid(tanhView[k]!);
      tanhView[k] = t;
      hView[k] = gateView[row + 2 * units + j]! * t;
    }
  }
  return [h, c, gates, tanhC];
}

/**
 * tanh x from s = σ(x): with e^x = s / (1 − s), tanh x = (s² − (1 − s)²) / (s² + (1 − s)²)
 * = (2s − 1) / (2s² − 2s + 1). Exact in real arithmetic; in float32 the absolute error stays
 * ~1e-7, like the 2σ(2x) − 1 it replaces, and it needs no second pass to double x first.
 */
function tanhOfSigmoid(s: number): number {
  return (2 * s - 1) / (2 * s * s - 2 * s + 1);
}

function backwardKernel(params: KernelParams): tf.TensorInfo[] {
  const backend = asWasmBackend(params.backend);
  const { gates, tanhC, cPrev, dhOut, dhNext, dcNext } = params.inputs;
  const [batch, width] = gates!.shape as [number, number];
  const units = width / 4;
  const dz = backend.makeOutput([batch, width], 'float32');
  const dcPrev = backend.makeOutput([batch, units], 'float32');
  const view = (t: tf.TensorInfo | undefined) => (t === undefined ? undefined : heapFloat32(backend, t));
  const gate = view(gates)!;
  const tanhView = view(tanhC)!;
  const dhOutView = view(dhOut)!;
  const dhNextView = view(dhNext);
  const dcNextView = view(dcNext);
  const cPrevView = view(cPrev);
  const dzView = view(dz)!;
  const dcPrevView = view(dcPrev)!;
  for (let b = 0; b < batch; b++) {
    const row = b * width;
    for (let j = 0; j < units; j++) {
      const k = b * units + j;
      const i = gate[row + j]!;
      const f = gate[row + units + j]!;
      const o = gate[row + 2 * units + j]!;
      const g = gate[row + 3 * units + j]!;
      const t = tanhView[k]!;
      const dh = dhOutView[k]! + (dhNextView === undefined ? 0 : dhNextView[k]!);
      const dc = dh * o * (1 - t * t) + (dcNextView === undefined ? 0 : dcNextView[k]!);
      dzView[row + j] = dc * g * i * (1 - i);
      dzView[row + units + j] = cPrevView === undefined ? 0 : dc * cPrevView[k]! * f * (1 - f);
      dzView[row + 2 * units + j] = dh * t * o * (1 - o);
      dzView[row + 3 * units + j] = dc * i * (1 - g * g);
      dcPrevView[k] = dc * f;
    }
  }
  return [dz, dcPrev];
}

/** Registers both kernels for the wasm backend; a second call is a no-op. */
export function registerLstmCellKernels(): void {
  if (tf.getKernel(LSTM_CELL_FORWARD, 'wasm') !== undefined) return;
  tf.registerKernel({ kernelName: LSTM_CELL_FORWARD, backendName: 'wasm', kernelFunc: forwardKernel });
  tf.registerKernel({ kernelName: LSTM_CELL_BACKWARD, backendName: 'wasm', kernelFunc: backwardKernel });
}

/** The cell through the wasm kernels; the wasm backend must be active. */
export const lstmCellWasm: LstmCell = {
  forward(z, cPrev): CellForward {
    const inputs: tf.NamedTensorMap = cPrev === undefined ? { z } : { z, cPrev };
    const [h, c, gates, tanhC] = tf.engine().runKernel(LSTM_CELL_FORWARD, inputs) as tf.Tensor2D[];
    return { h: h!, c: c!, gates: gates!, tanhC: tanhC! };
  },

  backward(inputs: CellBackwardInputs): CellBackward {
    const named: tf.NamedTensorMap = {};
    for (const [name, tensor] of Object.entries(inputs)) if (tensor !== undefined) named[name] = tensor as tf.Tensor;
    const [dz, dcPrev] = tf.engine().runKernel(LSTM_CELL_BACKWARD, named) as tf.Tensor2D[];
    return { dz: dz!, dcPrev: dcPrev! };
  },
};
