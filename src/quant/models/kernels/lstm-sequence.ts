/**
 * A whole LSTM layer over a sequence as one differentiable op with a hand-written backward
 * pass (backpropagation through time) under `tf.customGrad`:
 *
 * 1. forward: all input projections as one matmul (x·Wx + b for every time step at once),
 *    then per step one h·Wh matmul and one cell step;
 * 2. backward: per step one cell step and one dz·Whᵀ matmul; the weight gradients dWx, dWh,
 *    db and the input gradient dX are single matmuls (or a sum) over all steps after the loop.
 *
 * Rows are time-major: row t·B + b of `x` [T·B, F] is sample b at step t; the result
 * [T·B, H] holds every step's h in the same order. Zero initial state. On the wasm backend
 * with the cell kernels registered each cell step is one kernel; elsewhere stock ops.
 */
import * as tf from '@tensorflow/tfjs';
import { lstmCellOps, type CellForward, type LstmCell } from './lstm-cell.js';
import { LSTM_CELL_FORWARD, lstmCellWasm } from './lstm-cell-kernels.js';

export interface LstmSequenceOptions {
  /** Time steps T; `x` has T·B rows. */
  steps: number;
  /**
   * Whether dLoss/dx is needed (false for a first layer fed with data: its dX matmul is
   * skipped and a zero gradient returned). Default true.
   */
  inputGradient?: boolean;
}

type SequenceOp = (x: tf.Tensor2D, wx: tf.Tensor2D, wh: tf.Tensor2D, bias: tf.Tensor1D) => tf.Tensor2D;
const ops = new Map<string, SequenceOp>();

/** `x` [T·B, F], `wx` [F, 4H], `wh` [H, 4H], `bias` [4H] (gate order i, f, o, g) -> h [T·B, H]. */
export function lstmSequence(x: tf.Tensor2D, wx: tf.Tensor2D, wh: tf.Tensor2D, bias: tf.Tensor1D, options: LstmSequenceOptions): tf.Tensor2D {
  const { steps } = options;
  const inputGradient = options.inputGradient ?? true;
  checkShapes(x, wx, wh, bias, steps);
  const cell = tf.getBackend() === 'wasm' && tf.getKernel(LSTM_CELL_FORWARD, 'wasm') !== undefined ? lstmCellWasm : lstmCellOps;
  const key = `${steps}/${inputGradient}/${cell === lstmCellWasm ? 'wasm' : 'ops'}`;
  let op = ops.get(key);
  if (op === undefined) {
    op = makeSequenceOp(steps, inputGradient, cell);
    ops.set(key, op);
  }
  return op(x, wx, wh, bias);
}

function checkShapes(x: tf.Tensor2D, wx: tf.Tensor2D, wh: tf.Tensor2D, bias: tf.Tensor1D, steps: number): void {
  const units = wh.shape[0];
  const problems: string[] = [];
  if (!Number.isInteger(steps) || steps < 1 || x.shape[0] % steps !== 0) problems.push(`x has ${x.shape[0]} rows, not a multiple of steps ${steps}`);
  if (wx.shape[0] !== x.shape[1]) problems.push(`wx has ${wx.shape[0]} rows but x has ${x.shape[1]} features`);
  if (wx.shape[1] !== 4 * units || wh.shape[1] !== 4 * units) problems.push(`wx and wh need ${4 * units} columns (4 x ${units} units), got ${wx.shape[1]} and ${wh.shape[1]}`);
  if (bias.shape[0] !== 4 * units) problems.push(`bias needs ${4 * units} entries, got ${bias.shape[0]}`);
  if (problems.length > 0) throw new Error(`lstmSequence: ${problems.join('; ')}`);
}

function makeSequenceOp(steps: number, inputGradient: boolean, cell: LstmCell): SequenceOp {
  const op = tf.customGrad((...args: unknown[]) => {
    const [x, wx, wh, bias, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const batch = x.shape[0] / steps;
    const units = wh.shape[0];
    const projected = tf.split(tf.fused.matMul({ a: x, b: wx, bias }), steps, 0) as tf.Tensor2D[];
    const states: CellForward[] = [];
    for (let t = 0; t < steps; t++) {
      const previous = states[t - 1];
      const z: tf.Tensor2D = previous === undefined ? projected[t]! : tf.add(projected[t]!, tf.matMul(previous.h, wh));
      states.push(cell.forward(z, previous?.c));
    }
    const hs = states.map((s) => s.h);
    const hPrev = tf.concat([tf.zeros([batch, units]), ...hs.slice(0, steps - 1)], 0);
    save([x, wx, wh, hPrev, ...states.map((s) => s.c), ...states.map((s) => s.gates), ...states.map((s) => s.tanhC)]);
    return {
      value: tf.concat(hs, 0) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => backward(dy as tf.Tensor2D, saved as tf.Tensor2D[], steps, inputGradient, cell),
    };
  });
  return op as unknown as SequenceOp;
}

function backward(dy: tf.Tensor2D, saved: tf.Tensor2D[], steps: number, inputGradient: boolean, cell: LstmCell): tf.Tensor[] {
  const [x, wx, wh, hPrev] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const cells = saved.slice(4, 4 + steps);
  const gates = saved.slice(4 + steps, 4 + 2 * steps);
  const tanhCs = saved.slice(4 + 2 * steps, 4 + 3 * steps);
  const dhOut = tf.split(dy, steps, 0) as tf.Tensor2D[];
  const dz = new Array<tf.Tensor2D>(steps);
  // Transposed once: a transposed operand per step would be re-packed by XNNPACK every step.
  const whT = tf.transpose(wh);
  let dhNext: tf.Tensor2D | undefined;
  let dcNext: tf.Tensor2D | undefined;
  for (let t = steps - 1; t >= 0; t--) {
    const step = cell.backward({
      gates: gates[t]!, tanhC: tanhCs[t]!, cPrev: cells[t - 1], dhOut: dhOut[t]!, dhNext, dcNext,
    });
    dz[t] = step.dz;
    if (t > 0) {
      dhNext = tf.matMul(step.dz, whT) as tf.Tensor2D;
      dcNext = step.dcPrev;
    }
  }
  const dzAll = tf.concat(dz, 0);
  const dx = inputGradient ? tf.matMul(dzAll, wx, false, true) : tf.zerosLike(x);
  return [dx, tf.matMul(x, dzAll, true, false), tf.matMul(hPrev, dzAll, true, false), tf.sum(dzAll, 0)];
}
