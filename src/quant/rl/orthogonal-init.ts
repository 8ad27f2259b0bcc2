/**
 * Seeded orthogonal initialization (Saxe, McClelland & Ganguli 2014), as PyTorch's
 * `nn.init.orthogonal_` that Stable-Baselines3 and CleanRL apply to PPO's layers:
 * 1. a Gaussian matrix drawn from our RandomStream (so a seed gives the same weights on
 *    every backend), turned tall when it is wide;
 * 2. its QR factorization by Householder reflections in float64;
 * 3. Q's columns multiplied by the signs of diag(R), which makes the factorization unique
 *    and Q uniformly (Haar) distributed rather than biased by the reflections' choices;
 * 4. Q (transposed back for a wide matrix) scaled by `gain`.
 * A tall result has orthonormal columns (WᵀW = gain² I), a wide one orthonormal rows.
 */
import type { RandomStream } from '../data/random-stream.js';

/** A [rows, cols] row-major float64 matrix, orthogonal up to `gain`, drawn from `random`. */
export function orthogonalMatrix(random: RandomStream, rows: number, cols: number, gain = 1): Float64Array {
  if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(cols) || rows < 1 || cols < 1) {
    throw new RangeError(`orthogonalMatrix: rows and cols must be integers >= 1, got ${rows} x ${cols}`);
  }
  const gaussian = new Float64Array(rows * cols);
  random.fillNormal(gaussian);
  const wide = rows < cols;
  const [m, k] = wide ? [cols, rows] : [rows, cols];
  // Column-major [m, k]: the tall matrix is the draw itself, or its transpose when wide.
  const a = new Float64Array(m * k);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) a[wide ? r * m + c : c * m + r] = gaussian[r * cols + c]!;
  }
  const q = householderQ(a, m, k);
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = gain * q[wide ? r * m + c : c * m + r]!;
  }
  return out;
}

/**
 * The thin Q [m, k] (column-major) of the column-major `a` [m, k], m >= k, with its columns
 * signed so that R's diagonal is positive. Overwrites `a` with the unit reflectors.
 */
function householderQ(a: Float64Array, m: number, k: number): Float64Array {
  const signs = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const col = j * m;
    let norm = 0;
    for (let i = j; i < m; i++) norm += a[col + i]! * a[col + i]!;
    norm = Math.sqrt(norm);
    // alpha = R[j][j] takes the sign opposite to the pivot, so v = x - alpha e1 never cancels.
    const alpha = a[col + j]! >= 0 ? -norm : norm;
    signs[j] = alpha < 0 ? -1 : 1;
    a[col + j] = a[col + j]! - alpha;
    let vNorm = 0;
    for (let i = j; i < m; i++) vNorm += a[col + i]! * a[col + i]!;
    vNorm = Math.sqrt(vNorm);
    // A zero column (probability 0 for a Gaussian draw) leaves H = I.
    for (let i = j; i < m; i++) a[col + i] = vNorm > 0 ? a[col + i]! / vNorm : 0;
    for (let c = j + 1; c < k; c++) reflect(a, col, a, c * m, j, m);
  }
  // Q = H_0 H_1 ... H_{k-1} applied to the first k columns of the identity.
  const q = new Float64Array(m * k);
  for (let c = 0; c < k; c++) q[c * m + c] = 1;
  for (let j = k - 1; j >= 0; j--) {
    for (let c = 0; c < k; c++) reflect(a, j * m, q, c * m, j, m);
  }
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < m; i++) q[c * m + i] = q[c * m + i]! * signs[c]!;
  }
  return q;
}

/** x <- (I - 2 v vᵀ) x on rows from..m-1, for the unit vector v at v[vAt..] and x at x[xAt..]. */
function reflect(v: Float64Array, vAt: number, x: Float64Array, xAt: number, from: number, m: number): void {
  let dot = 0;
  for (let i = from; i < m; i++) dot += v[vAt + i]! * x[xAt + i]!;
  if (dot === 0) return;
  for (let i = from; i < m; i++) x[xAt + i] = x[xAt + i]! - 2 * dot * v[vAt + i]!;
}
