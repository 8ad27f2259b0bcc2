import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/quant/data/random-stream.js';
import { epsilonGreedy } from '../../../src/quant/rl/dqn-exploration.js';

/** Q-values that make action (row mod 3) the greedy one, and a counter of how often they were asked for. */
function qSource(rows: number) {
  const source = { calls: 0, values: Float32Array.from({ length: rows * 3 }, (_, i) => (i % 3 === Math.floor(i / 3) % 3 ? 1 : 0)) };
  return { source, qValues: () => (source.calls++, source.values) };
}

describe('epsilonGreedy', () => {
  it('takes the argmax of every row at epsilon 0, asking for the Q-values once', () => {
    const { source, qValues } = qSource(6);
    const actions = new Int32Array(6);
    epsilonGreedy({ rows: 6, actionCount: 3, epsilon: 0, random: new RandomStream(1), qValues, actions });
    expect(Array.from(actions)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(source.calls).toBe(1);
  });

  it('never computes Q-values at epsilon 1 and spreads actions uniformly over the allowed ones', () => {
    const { source, qValues } = qSource(3000);
    const actions = new Int32Array(3000);
    const mask = Uint8Array.from({ length: 9000 }, (_, i) => (i % 3 === 1 ? 0 : 1));
    epsilonGreedy({ rows: 3000, actionCount: 3, epsilon: 1, random: new RandomStream(2), qValues, mask, actions });
    expect(source.calls).toBe(0);
    const counts = [0, 0, 0];
    for (const a of actions) counts[a]! += 1;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[0]! - 1500)).toBeLessThan(100);
  });

  it('draws the same numbers whatever epsilon, so later draws never depend on it', () => {
    const after = (epsilon: number) => {
      const random = new RandomStream(3);
      epsilonGreedy({ rows: 5, actionCount: 3, epsilon, random, qValues: qSource(5).qValues, actions: new Int32Array(5) });
      return random.nextUint32();
    };
    expect(after(0)).toBe(after(1));
    expect(after(0.3)).toBe(after(1));
  });

  it('explores a share epsilon of the rows and takes the masked argmax in the others', () => {
    const { qValues } = qSource(4000);
    const actions = new Int32Array(4000);
    const mask = Uint8Array.from({ length: 12_000 }, (_, i) => (i % 3 === 0 ? 0 : 1));
    epsilonGreedy({ rows: 4000, actionCount: 3, epsilon: 0.2, random: new RandomStream(4), qValues, mask, actions });
    // Greedy rows: argmax over actions 1 and 2 (row mod 3 == 0 ties at 0 and picks 1); explored rows
    // pick 1 or 2 at random, so a share of about epsilon / 2 differs from the greedy action.
    let differs = 0;
    actions.forEach((a, r) => {
      expect(a).not.toBe(0);
      if (a !== (r % 3 === 2 ? 2 : 1)) differs++;
    });
    expect(differs / 4000).toBeGreaterThan(0.08);
    expect(differs / 4000).toBeLessThan(0.12);
  });
});
