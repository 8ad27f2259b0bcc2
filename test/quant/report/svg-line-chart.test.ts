import { describe, expect, it } from 'vitest';
import { renderLineChart, type LineChartOptions } from '../../../src/quant/report/svg-line-chart.js';

const options: LineChartOptions = { title: 'chart', xAxis: 'linear', yFormat: 'number', width: 400, height: 200 };
const paths = (svg: string) => [...svg.matchAll(/<path d="([^"]*)"/g)].map((m) => m[1]!);

describe('renderLineChart', () => {
  it('lifts the pen at null, NaN and infinite points', () => {
    const svg = renderLineChart([{ name: 'a', color: '#000', x: [1, 2, 3, 4, 5, 6, 7], y: [1, 2, null, 3, 4, Number.NaN, 5] }], options);
    const [d] = paths(svg);
    expect(d!.match(/M/g)).toHaveLength(2);
    expect(svg).not.toMatch(/NaN|Infinity/);
    // the isolated last point is a dot, since a path of one point draws nothing
    expect(svg.match(/<circle/g)).toHaveLength(1);
  });

  it('draws a single point as a dot with one x tick', () => {
    const svg = renderLineChart([{ name: 'a', color: '#000', x: [3], y: [0.5] }], options);
    expect(paths(svg)).toEqual([]);
    expect(svg).toMatch(/<circle cx="[\d.]+" cy="[\d.]+"/);
    expect(svg).toContain('text-anchor="middle">3</text>');
  });

  it('draws a constant series as a flat line inside the plot', () => {
    const svg = renderLineChart([{ name: 'a', color: '#000', x: [1, 2, 3], y: [2, 2, 2] }], options);
    const ys = paths(svg)[0]!.split(/[ML]/).filter(Boolean).map((p) => Number(p.split(',')[1]));
    expect(new Set(ys).size).toBe(1);
    expect(ys[0]).toBeGreaterThan(10);
    expect(ys[0]).toBeLessThan(170);
  });

  it('draws nothing but the frame when every value is missing', () => {
    const svg = renderLineChart([{ name: 'a', color: '#000', x: [1, 2], y: [null, Number.NaN] }], options);
    expect(paths(svg)).toEqual([]);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('dashes a series with a dash pattern and lists every series in the legend', () => {
    const svg = renderLineChart([
      { name: 'model', color: '#111', x: [1, 2], y: [1, 2] },
      { name: 'buy & hold', color: '#222', dash: '6 4', x: [1, 2], y: [1, 1.5] },
    ], options);
    expect(svg).toContain('stroke="#222" stroke-width="1.8" stroke-linejoin="round" stroke-dasharray="6 4"');
    expect(svg).toContain('<g class="legend">');
    expect(svg).toContain('>buy &amp; hold</text>');
  });

  it('labels percent axes in percent and keeps 0 in the domain when asked', () => {
    const svg = renderLineChart([{ name: 'dd', color: '#000', x: [1, 2, 3], y: [-0.05, -0.12, -0.08] }], { ...options, yFormat: 'percent', yInclude: [0] });
    expect(svg).toContain('>0%</text>');
    expect(svg).toContain('>−10%</text>');
  });

  it('puts calendar labels on a time axis', () => {
    const x = ['1999-07-01', '1999-12-31'].map((d) => Date.parse(d));
    const svg = renderLineChart([{ name: 'a', color: '#000', x, y: [1, 2] }], { ...options, xAxis: 'time' });
    expect(svg).toContain('>Jul 1999</text>');
  });
});
