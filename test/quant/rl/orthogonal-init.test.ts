import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/quant/data/random-stream.js';
import { orthogonalMatrix } from '../../../src/quant/rl/orthogonal-init.js';

/** The Gram matrix of the columns (WᵀW, [cols, cols]) or of the rows (WWᵀ, [rows, rows]). */
function gram(w: ArrayLike<number>, rows: number, cols: number, of: 'columns' | 'rows'): number[][] {
  const n = of === 'columns' ? cols : rows;
  const len = of === 'columns' ? rows : cols;
  const at = (vector: number, i: number) => (of === 'columns' ? w[i * cols + vector]! : w[vector * cols + i]!);
  return Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => {
    let s = 0;
    for (let i = 0; i < len; i++) s += at(a, i) * at(b, i);
    return s;
  }));
}

function maxDeviationFromScaledIdentity(g: number[][], scale: number): number {
  let worst = 0;
  g.forEach((row, i) => row.forEach((value, j) => { worst = Math.max(worst, Math.abs(value - (i === j ? scale : 0))); }));
  return worst;
}

describe('orthogonalMatrix', () => {
  it('gives a tall matrix orthonormal columns scaled by the gain (WᵀW = gain² I)', () => {
    const w = orthogonalMatrix(new RandomStream(1), 40, 16, Math.SQRT2);
    expect(maxDeviationFromScaledIdentity(gram(w, 40, 16, 'columns'), 2)).toBeLessThan(1e-12);
    // Still true after rounding to the float32 a tfjs variable holds.
    expect(maxDeviationFromScaledIdentity(gram(Float32Array.from(w), 40, 16, 'columns'), 2)).toBeLessThan(1e-6);
  });

  it('gives a wide matrix orthonormal rows (WWᵀ = gain² I)', () => {
    const w = orthogonalMatrix(new RandomStream(2), 3, 64, 0.01);
    expect(maxDeviationFromScaledIdentity(gram(w, 3, 64, 'rows'), 1e-4)).toBeLessThan(1e-15);
    expect(maxDeviationFromScaledIdentity(gram(w.map((x) => x / 0.01), 3, 64, 'rows'), 1)).toBeLessThan(1e-12);
  });

  it('gives a square matrix that is orthogonal both ways', () => {
    const w = orthogonalMatrix(new RandomStream(3), 32, 32);
    expect(maxDeviationFromScaledIdentity(gram(w, 32, 32, 'columns'), 1)).toBeLessThan(1e-12);
    expect(maxDeviationFromScaledIdentity(gram(w, 32, 32, 'rows'), 1)).toBeLessThan(1e-12);
  });

  it('is the same for the same seed and different for another', () => {
    const a = orthogonalMatrix(new RandomStream(5, 1), 8, 4);
    expect(orthogonalMatrix(new RandomStream(5, 1), 8, 4)).toEqual(a);
    expect(orthogonalMatrix(new RandomStream(6, 1), 8, 4)).not.toEqual(a);
  });

  it('keeps the direction of the Gaussian draw for a single column (the sign fix by diag R)', () => {
    // For one column Q is the draw normalized; without the sign fix it could be flipped.
    const draw = new Float64Array(5);
    new RandomStream(9).fillNormal(draw);
    const norm = Math.hypot(...draw);
    const w = orthogonalMatrix(new RandomStream(9), 5, 1, 2);
    for (let i = 0; i < 5; i++) expect(w[i]).toBeCloseTo((2 * draw[i]!) / norm, 14);
  });

  it('rejects an empty shape', () => {
    expect(() => orthogonalMatrix(new RandomStream(1), 0, 3)).toThrow(RangeError);
  });
});
