import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/quant/data/random-stream.js';

function draws(stream: RandomStream, n: number, next: (s: RandomStream) => number): number[] {
  return Array.from({ length: n }, () => next(stream));
}

describe('RandomStream', () => {
  it('repeats a sequence for the same seed and stream, and pins its first outputs', () => {
    expect(draws(new RandomStream(7, 3), 50, (s) => s.nextUint32())).toEqual(draws(new RandomStream(7, 3), 50, (s) => s.nextUint32()));
    expect(draws(new RandomStream(1, 0), 3, (s) => s.nextUint32())).toMatchInlineSnapshot(`
      [
        1000447639,
        1819228046,
        1990732019,
      ]
    `);
  });

  it('gives different sequences for neighbouring seeds, streams and large or negative seeds', () => {
    const firsts = [
      [0, 0], [1, 0], [0, 1], [1, 1], [-1, 0], [2 ** 32, 0], [2 ** 40 + 1, 0], [1, 2 ** 33],
    ].map(([seed, stream]) => new RandomStream(seed!, stream!).nextUint32());
    expect(new Set(firsts).size).toBe(firsts.length);
  });

  it('draws uniforms in [0, 1) and standard normals with the right moments', () => {
    const stream = new RandomStream(2024, 0);
    const uniforms = draws(stream, 100_000, (s) => s.nextFloat());
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniforms)).toBeLessThan(1);
    const n = 200_000;
    const normals = draws(stream, n, (s) => s.nextNormal());
    const mean = normals.reduce((a, x) => a + x, 0) / n;
    const variance = normals.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
    const kurtosis = normals.reduce((a, x) => a + (x - mean) ** 4, 0) / n / variance ** 2;
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(kurtosis - 3)).toBeLessThan(4 * Math.sqrt(24 / n));
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => new RandomStream(0.5)).toThrow(RangeError);
    expect(() => new RandomStream(1, -1)).toThrow(RangeError);
  });
});

describe('RandomStream.fillNormal', () => {
  it('fills exactly the numbers that nextNormal calls would give, whatever the lengths', () => {
    const one = new RandomStream(99, 4);
    const bulk = new RandomStream(99, 4);
    for (const length of [0, 1, 2, 3, 7, 6, 1, 10]) {
      const expected = Float64Array.from({ length }, () => one.nextNormal());
      const filled = new Float64Array(length);
      bulk.fillNormal(filled);
      expect(Array.from(filled)).toEqual(Array.from(expected));
    }
  });
});
