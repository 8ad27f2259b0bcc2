import { describe, expect, it } from 'vitest';
import { heatColor, renderColorBar, renderHeatmap } from '../../../src/quant/report/svg-heatmap.js';

describe('renderHeatmap', () => {
  it('shades cells by value with one path per shade and annotates them', () => {
    const svg = renderHeatmap({ rows: 2, cols: 2, values: [0, 1, 0.5, 1] }, {
      title: 'm', max: 1, cell: 40, rowLabels: ['a', 'b'], colLabels: ['a', 'b'], annotate: (r, c) => `${r}${c}`,
    });
    const fills = [...svg.matchAll(/<path [^>]*fill="(#[0-9a-f]{6})" d="([^"]*)"/g)].map((m) => [m[1], m[2]]);
    expect(fills).toEqual([[heatColor(0.5), 'M0 1h1v1h-1z'], [heatColor(1), 'M1 0h1v1h-1zM1 1h1v1h-1z']]);
    expect(svg.match(/class="cell[^"]*"/g)).toHaveLength(4);
    expect(svg).toContain('class="cell on-dark"');
  });

  it('marks missing values as their own grey cells', () => {
    const svg = renderHeatmap({ rows: 1, cols: 3, values: [0.2, null, Number.NaN] }, { title: 'm', max: 1, cell: 10 });
    expect(svg).toContain('fill="#e4e4e4" d="M1 0h1v1h-1zM2 0h1v1h-1z"');
  });

  it('averages a large map down to blocks and drops per-cell labels', () => {
    const size = 90;
    const values = Array.from({ length: size * size }, (_, i) => (i % size === Math.floor(i / size) ? 1 : 0));
    const svg = renderHeatmap({ rows: size, cols: size, values }, {
      title: 'big', max: 1, cell: 4, maxCells: 45, rowLabels: Array(size).fill('x'), annotate: () => 'n',
    });
    expect(svg).toContain('viewBox="0 0 ');
    expect(svg).not.toContain('class="cell');
    // 45 diagonal blocks of mean 0.5 and 0 elsewhere: all one shade
    const shades = [...svg.matchAll(/<path [^>]*fill="(#[0-9a-f]{6})" d="([^"]*)"/g)];
    expect(shades).toHaveLength(1);
    expect(shades[0]![1]).toBe(heatColor(0.5));
    expect(shades[0]![2]!.match(/M/g)).toHaveLength(45);
  });
});

describe('heatColor', () => {
  it('runs from near white to dark blue and clamps outside [0, 1]', () => {
    expect(heatColor(0)).toBe('#f7fbff');
    expect(heatColor(1)).toBe('#08306b');
    expect(heatColor(-3)).toBe(heatColor(0));
    expect(heatColor(Number.NaN)).toBe(heatColor(0));
  });
});

describe('renderColorBar', () => {
  it('labels both ends and the middle of the scale', () => {
    const svg = renderColorBar({ max: 0.8, width: 200, label: 'weight', format: (v) => v.toFixed(1) });
    expect(svg).toContain('>0.0</text>');
    expect(svg).toContain('>0.4</text>');
    expect(svg).toContain('>0.8</text>');
  });
});
