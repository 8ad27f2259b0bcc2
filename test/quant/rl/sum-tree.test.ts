import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/quant/data/random-stream.js';
import { SumTree } from '../../../src/quant/rl/sum-tree.js';

describe('SumTree', () => {
  it('keeps the total and the minimum of the non-empty leaves through sets and updates', () => {
    const tree = new SumTree(5);
    expect(tree.total).toBe(0);
    expect(tree.min).toBe(Infinity);
    [3, 1, 4, 1.5, 9].forEach((p, i) => tree.set(i, p));
    expect(tree.total).toBe(18.5);
    expect(tree.min).toBe(1);
    tree.set(1, 0);
    expect(tree.total).toBe(17.5);
    expect(tree.min).toBe(1.5);
    tree.set(4, 0.25);
    expect(tree.total).toBe(8.75);
    expect(tree.min).toBe(0.25);
    expect(tree.get(4)).toBe(0.25);
  });

  it('finds the leaf where the running sum passes the mass, skipping empty leaves', () => {
    const tree = new SumTree(6);
    [2, 0, 3, 0, 5, 0].forEach((p, i) => tree.set(i, p));
    expect([0, 1.99, 2, 4.99, 5, 9.99].map((m) => tree.find(m))).toEqual([0, 0, 2, 2, 4, 4]);
    // A mass at the total (rounding past the end) lands on the last non-empty leaf, not an empty one.
    expect(tree.find(10)).toBe(4);
    expect(tree.find(10 + 1e-9)).toBe(4);
  });

  it('samples leaves in proportion to their values (seeded chi-square test)', () => {
    const values = [1, 2, 3, 4, 0, 10];
    const tree = new SumTree(values.length);
    values.forEach((p, i) => tree.set(i, p));
    const random = new RandomStream(2024);
    const counts = new Array<number>(values.length).fill(0);
    const draws = 40_000;
    for (let k = 0; k < draws; k++) counts[tree.find(random.nextFloat() * tree.total)]! += 1;
    expect(counts[4]).toBe(0);
    let chiSquare = 0;
    values.forEach((p, i) => {
      if (p === 0) return;
      const expected = (draws * p) / 20;
      chiSquare += (counts[i]! - expected) ** 2 / expected;
    });
    // 4 degrees of freedom: P(chi2 > 18.47) = 0.001.
    expect(chiSquare).toBeLessThan(18.47);
    // The same draws against the wrong proportions (uniform) fail by far: the test can fail.
    const uniform = counts.reduce((s, c, i) => (values[i] ? s + (c - draws / 5) ** 2 / (draws / 5) : s), 0);
    expect(uniform).toBeGreaterThan(1000);
  });

  it('rebuilds the same tree from saved leaves', () => {
    const tree = new SumTree(7);
    const random = new RandomStream(5);
    for (let k = 0; k < 50; k++) tree.set(Math.floor(random.nextFloat() * 7), random.nextFloat());
    const copy = new SumTree(7);
    copy.loadLeaves(tree.leaves());
    expect(copy.total).toBe(tree.total);
    expect(copy.min).toBe(tree.min);
    for (let m = 0; m < tree.total; m += 0.01) expect(copy.find(m)).toBe(tree.find(m));
  });

  it('rejects negative or non-finite priorities, leaves out of range and sampling an empty tree', () => {
    const tree = new SumTree(3);
    expect(() => tree.set(0, -1)).toThrow(/priority/);
    expect(() => tree.set(0, Number.NaN)).toThrow(/priority/);
    expect(() => tree.set(3, 1)).toThrow(/outside/);
    expect(() => tree.find(0)).toThrow(/empty/);
  });
});
