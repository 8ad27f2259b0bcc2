/**
 * One LSTM time step's elementwise math, forward and backward, for a batch. Gate columns of
 * the pre-activations `z` [B, 4H] are ordered [input | forget | output | candidate].
 *
 * Forward:  i, f, o = σ(z_i, z_f, z_o); g = tanh(z_g); c = f·c₋ + i·g; h = o·tanh(c).
 * Backward, given dh (from the output and from the next step) and dc from the next step:
 *   dc' = dc + dh·o·(1 − tanh²c);   dz_i = dc'·g·i(1−i);  dz_f = dc'·c₋·f(1−f);
 *   dz_o = dh·tanh c·o(1−o);        dz_g = dc'·i·(1−g²);   dc₋ = dc'·f.
 *
 * `lstmCellOps` does this with stock tfjs ops on any backend; lstm-cell-kernels.ts does each
 * direction as one wasm kernel. Both return the same tensors.
 */
import * as tf from '@tensorflow/tfjs';

export interface CellForward {
  h: tf.Tensor2D;
  c: tf.Tensor2D;
  /** σ(i), σ(f), σ(o), tanh(g), kept for the backward step. */
  gates: tf.Tensor2D;
  tanhC: tf.Tensor2D;
}

export interface CellBackwardInputs {
  gates: tf.Tensor2D;
  tanhC: tf.Tensor2D;
  /** The previous cell state; absent at the first step (zeros). */
  cPrev?: tf.Tensor2D;
  /** dLoss/dh from this step's output. */
  dhOut: tf.Tensor2D;
  /** dLoss/dh through the next step's recurrence; absent at the last step. */
  dhNext?: tf.Tensor2D;
  /** dLoss/dc from the next step; absent at the last step. */
  dcNext?: tf.Tensor2D;
}

export interface CellBackward {
  dz: tf.Tensor2D;
  dcPrev: tf.Tensor2D;
}

export interface LstmCell {
  forward(z: tf.Tensor2D, cPrev?: tf.Tensor2D): CellForward;
  backward(inputs: CellBackwardInputs): CellBackward;
}

export const lstmCellOps: LstmCell = {
  forward(z, cPrev) {
    const units = z.shape[1] / 4;
    const [sigmoidPart, candidatePart] = tf.split(z, [3 * units, units], 1) as [tf.Tensor2D, tf.Tensor2D];
    const s = tf.sigmoid(sigmoidPart);
    const g = tf.tanh(candidatePart);
    const [i, f, o] = tf.split(s, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const c: tf.Tensor2D = cPrev === undefined ? tf.mul(i, g) : tf.add(tf.mul(f, cPrev), tf.mul(i, g));
    const tanhC: tf.Tensor2D = tf.tanh(c);
    return { h: tf.mul(o, tanhC), c, gates: tf.concat([s, g], 1), tanhC };
  },

  backward({ gates, tanhC, cPrev, dhOut, dhNext, dcNext }) {
    const units = gates.shape[1] / 4;
    const [i, f, o, g] = tf.split(gates, 4, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const dh = dhNext === undefined ? dhOut : tf.add(dhOut, dhNext);
    const throughTanh = tf.mul(tf.mul(dh, o), tf.sub(1, tf.square(tanhC)));
    const dc = dcNext === undefined ? throughTanh : tf.add(throughTanh, dcNext);
    const sigmoidSlope = (s: tf.Tensor2D) => tf.mul(s, tf.sub(1, s));
    const dzI = tf.mul(tf.mul(dc, g), sigmoidSlope(i));
    const dzF: tf.Tensor2D = cPrev === undefined ? tf.zeros([gates.shape[0], units]) : tf.mul(tf.mul(dc, cPrev), sigmoidSlope(f));
    const dzO = tf.mul(tf.mul(dh, tanhC), sigmoidSlope(o));
    const dzG = tf.mul(tf.mul(dc, i), tf.sub(1, tf.square(g)));
    return { dz: tf.concat([dzI, dzF, dzO, dzG], 1) as tf.Tensor2D, dcPrev: tf.mul(dc, f) };
  },
};
