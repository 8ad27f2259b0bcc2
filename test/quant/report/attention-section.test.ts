import { describe, expect, it } from 'vitest';
import { colorScaleTop, renderAttentionSection } from '../../../src/quant/report/attention-section.js';
import type { AttentionMap } from '../../../src/quant/report/report-model.js';

const map = (layer: number, head: number, values: number[]): AttentionMap =>
  ({ model: 'tf', epoch: 3, layer, head, size: Math.sqrt(values.length), values });

describe('colorScaleTop', () => {
  it('is the largest weight when no outlier stands out', () => {
    expect(colorScaleTop([map(0, 0, [0.1, 0.2, 0.3, 0.4])])).toEqual({ top: 0.4, clipped: false });
  });

  it('clips a lone weight of 1 at the 99th percentile, zeros counted', () => {
    const values = Array.from({ length: 400 }, (_, i) => (i === 0 ? 1 : i < 200 ? 0.01 * (1 + (i % 5)) : 0));
    const { top, clipped } = colorScaleTop([map(0, 0, values)]);
    expect(clipped).toBe(true);
    expect(top).toBeCloseTo(0.05, 12);
  });

  it('falls back to 1 for maps with no positive weight', () => {
    expect(colorScaleTop([map(0, 0, [0, 0, 0, Number.NaN])])).toEqual({ top: 1, clipped: false });
  });
});

describe('renderAttentionSection', () => {
  it('puts each layer on its own row of heads and skips malformed maps', () => {
    const ok = [0.5, 0.5, 0.2, 0.8];
    const html = renderAttentionSection([map(1, 0, ok), map(0, 1, ok), map(0, 0, ok), { ...map(0, 2, ok), size: 3 }]);
    const rows = html.split('<div class="heat-grid">').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.match(/layer 0 · head \d/g)).toEqual(['layer 0 · head 0', 'layer 0 · head 1']);
    expect(rows[1]!.match(/layer 1 · head \d/g)).toEqual(['layer 1 · head 0']);
  });

  it('is empty without maps', () => {
    expect(renderAttentionSection([])).toBe('');
  });
});
