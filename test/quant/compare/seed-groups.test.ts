import { describe, expect, it } from 'vitest';
import { seedGroups, seedlessName } from '../../../src/quant/compare/seed-groups.js';

describe('seed groups', () => {
  it('drops only the seed override from a variant name', () => {
    expect(seedlessName('lstm[seed=3]')).toBe('lstm');
    expect(seedlessName('lstm[lr=0.001,seed=4]')).toBe('lstm[lr=0.001]');
    expect(seedlessName('lstm[lstm.with.seed=4,units=64]')).toBe('lstm[units=64]');
    expect(seedlessName('lstm[units=64]')).toBeUndefined();
    expect(seedlessName('lstm')).toBeUndefined();
  });

  it('groups runs that differ only by seed, two or more at a time', () => {
    const groups = seedGroups(['lstm[seed=1]', 'ppo', 'lstm[seed=2]', 'lstm[seed=3,units=8]', 'gru[seed=1]']);
    expect(groups).toEqual([{ model: 'lstm', members: [0, 2] }]);
  });
});
