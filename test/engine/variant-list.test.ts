import { describe, expect, it } from 'vitest';
import { countVariants, listVariants, overrideLabel, valueLabel, variantId } from '../../src/engine/variant-list.js';

describe('listing variants', () => {
  it('crosses the base and each named variant with the axes, base first, a later axis winning a shared key', () => {
    const variants = listVariants({ variants: { wide: { 'lstm.with.units': 128 } }, axes: { 'lstm.with.lr': [0.001, 0.0003] } });
    expect(variants.map((v) => v.name)).toEqual(['[lr=0.001]', '[lr=0.0003]', 'wide[units=128,lr=0.001]', 'wide[units=128,lr=0.0003]']);
    expect(countVariants({ variants: { wide: {} }, axes: { a: [1, 2], b: [1, 2, 3] } })).toBe(12);
    const clash = listVariants({ variants: { one: { 'a.with.x': 1 } }, axes: { 'a.with.x': [1, 2] } });
    expect(clash.map((v) => v.overrides)).toEqual([{ 'a.with.x': 1 }, { 'a.with.x': 2 }]);
  });

  it('gives a variant the same id whatever the order of its overrides, and the base the id of no overrides', () => {
    expect(variantId({ 'a.with.x': 1, 'b.with.y': 'z' })).toBe(variantId({ 'b.with.y': 'z', 'a.with.x': 1 }));
    expect(variantId({ 'a.with.x': 1 })).not.toBe(variantId({ 'a.with.x': 2 }));
    expect(listVariants({ variants: {}, axes: {} })).toEqual([{ id: variantId({}), name: 'base', overrides: {} }]);
  });

  it('names params by their last segment, whole where two share it, and escapes values that would break a name or a path', () => {
    expect(overrideLabel({ 'lstm.with.units': 128, 'lstm.with.lr': 0.0003 })).toBe('[units=128,lr=0.0003]');
    expect(overrideLabel({ 'lstm.with.seed': 1, 'ppo.with.seed': 2 })).toBe('[lstm.with.seed=1,ppo.with.seed=2]');
    expect(overrideLabel({ 'split.with.label.horizon': 5 })).toBe('[horizon=5]');
    expect(valueLabel('data/a,b.csv')).toBe('data%2Fa%2Cb.csv');
    expect(valueLabel([64, 64])).toBe('%5B64%2C64%5D');
    expect(valueLabel(true)).toBe('true');
  });
});
