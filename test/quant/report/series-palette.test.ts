import { describe, expect, it } from 'vitest';
import { seriesPalette } from '../../../src/quant/report/series-palette.js';

describe('seriesPalette', () => {
  it('gives models distinct solid colours and baselines dashed greys, in order of appearance', () => {
    const palette = seriesPalette([{ name: 'a' }, { name: 'bh', baseline: true }, { name: 'b' }, { name: 'a' }]);
    expect(palette.size).toBe(3);
    expect(palette.get('a')!.dash).toBeUndefined();
    expect(palette.get('a')!.color).not.toBe(palette.get('b')!.color);
    expect(palette.get('bh')!.dash).toBeDefined();
    expect(palette.get('bh')!.color).toMatch(/^#([0-9a-f]{2})\1\1$/);
  });

  it('keeps every model tellable apart past the end of the palette', () => {
    const names = Array.from({ length: 30 }, (_, i) => ({ name: `m${i}` }));
    const styles = [...seriesPalette(names).values()].map((s) => `${s.color}/${s.dash ?? ''}`);
    expect(new Set(styles.slice(0, 26)).size).toBe(26);
  });
});
