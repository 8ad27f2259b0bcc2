import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderHtmlReport } from '../../../src/quant/report/html-report.js';
import type { ReportModel } from '../../../src/quant/report/report-model.js';
import { FIXTURE_SVG_COUNT, reportFixture } from './report-fixture.js';

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe('renderHtmlReport', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the same bytes for the same model', () => {
    expect(renderHtmlReport(reportFixture())).toBe(renderHtmlReport(reportFixture()));
  });

  it('depends on no clock: the same model renders the same at different times', () => {
    vi.useFakeTimers({ now: Date.UTC(2001, 0, 1) });
    const early = renderHtmlReport(reportFixture());
    vi.setSystemTime(Date.UTC(2031, 5, 15, 13, 45));
    expect(renderHtmlReport(reportFixture())).toBe(early);
  });

  it('names its provenance in full in the footer', () => {
    const html = renderHtmlReport(reportFixture());
    const footer = html.slice(html.indexOf('<footer>'));
    expect(footer).toContain('stage <code>report</code> (key <code>a3f1c9e07b2d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f</code>)');
    expect(footer).toContain('Inputs: backtests <code>b7e2</code>.');
  });

  it('references no network resource and runs no script', () => {
    const html = renderHtmlReport(reportFixture());
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<script|<link|<iframe|<img/i);
  });

  it('escapes a malicious strategy name everywhere it appears', () => {
    const evil = '<script>alert(1)</script>';
    const model = reportFixture();
    model.summary.rows[0]!.name = evil;
    model.equityCurves[0]!.series[0]!.name = evil;
    model.learningCurves[0]!.model = evil;
    model.confusionMatrices[0]!.model = evil;
    model.tables[0]!.title = evil;
    model.notes.push(evil);
    const html = renderHtmlReport(model);
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('draws one svg per chart', () => {
    const html = renderHtmlReport(reportFixture());
    expect(count(html, /<svg/g)).toBe(FIXTURE_SVG_COUNT);
    expect(count(html, /<svg class="chart"/g)).toBe(4 + 5);
    expect(count(html, /<svg class="heatmap"/g)).toBe(3);
  });

  it('writes no NaN or Infinity into any SVG attribute', () => {
    const html = renderHtmlReport(reportFixture());
    const attributes = [...html.matchAll(/\s(d|x|y|x1|x2|y1|y2|cx|cy|width|height|viewBox|transform)="([^"]*)"/g)];
    expect(attributes.length).toBeGreaterThan(100);
    for (const [, , value] of attributes) expect(value).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('splits a line at a missing point instead of drawing through it', () => {
    const model = reportFixture();
    const html = renderHtmlReport(model);
    // the lstm test curve has one null in the middle: its path has two pen-down runs
    const lstmPath = html.match(/<g class="series"><title>lstm<\/title><path d="([^"]+)"/)![1]!;
    expect(count(lstmPath, /M/g)).toBe(2);
  });

  it('puts the recommendation first, coloured by verdict', () => {
    const model = reportFixture();
    const html = renderHtmlReport(model);
    expect(html.indexOf('class="callout best-model"')).toBeLessThan(html.indexOf('id="summary"'));
    model.recommendation = { verdict: 'no-model-beats-buy-and-hold', text: 'Nothing beats buy-and-hold.' };
    expect(renderHtmlReport(model)).toContain('class="callout no-model-beats-buy-and-hold"');
  });

  it('formats the summary: percents, missing values, baselines muted', () => {
    const html = renderHtmlReport(reportFixture());
    expect(html).toContain('<td class="num best">25.13%</td>');
    expect(html).toContain('<td class="num">14.02%</td>');
    expect(html).toContain('<td class="num">1,234</td>');
    expect(html).toContain('<td class="num">&lt;0.001</td>');
    expect(html).toContain('<td class="num">1.42 [0.31, 2.50]</td>');
    expect(html).toMatch(/<td[^>]*>—<\/td>/);
    expect(count(html, /<tr class="baseline">/g)).toBe(2);
  });

  it('omits empty sections and keeps working on a bare model', () => {
    const bare: ReportModel = {
      ...reportFixture(),
      equityCurves: [],
      learningCurves: [],
      confusionMatrices: [],
      attentionMaps: [],
      tables: [],
      notes: [],
    };
    const html = renderHtmlReport(bare);
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('class="swatch"');
    for (const id of ['equity', 'learning', 'confusion', 'attention', 'statistics', 'notes']) expect(html).not.toContain(`id="${id}"`);
    expect(html).toContain('id="summary"');
  });

  it('marks the best model per ranked column, never a baseline or a string', () => {
    const html = renderHtmlReport(reportFixture());
    // total and CAGR: lstm; Sharpe: ensemble (lstm's is a string); drawdown: ensemble, closest to zero
    expect(html.match(/<td class="num best">[^<]*<\/td>/g)).toEqual([
      '<td class="num best">25.13%</td>', '<td class="num best">22.41%</td>',
      '<td class="num best">1.10</td>', '<td class="num best">−7.55%</td>',
    ]);
  });

  it('ties each summary row to its curves with a line sample in the same colour', () => {
    const html = renderHtmlReport(reportFixture());
    const rowColor = html.match(/<th scope="row"><span class="swatch" style="border-top: 3px solid (#[0-9a-f]{6})"><\/span>ppo/)![1];
    expect(html).toContain(`<title>ppo</title><path d="`);
    expect(html.match(/<title>ppo<\/title><path d="[^"]*" fill="none" stroke="([^"]+)"/)![1]).toBe(rowColor);
    expect(html).toMatch(/<span class="swatch" style="border-top: 3px dashed #[0-9a-f]{6}"><\/span>buy-and-hold/);
  });

  it('leaves an empty statistics table out', () => {
    const html = renderHtmlReport(reportFixture());
    expect(html).toContain('McNemar test between classifiers');
    expect(html).not.toContain('An empty table is omitted');
  });

  it('gives a strategy the same colour in the equity and drawdown charts', () => {
    const html = renderHtmlReport(reportFixture());
    const strokes = [...html.matchAll(/<title>transformer<\/title><path d="[^"]*" fill="none" stroke="([^"]+)"/g)].map((m) => m[1]);
    expect(strokes.length).toBe(4);
    expect(new Set(strokes).size).toBe(1);
  });
});
