/**
 * The equity and drawdown charts, one pair per evaluation segment. Drawdowns are derived
 * from the equity values here; every strategy keeps its palette colour and baselines are dashed.
 */
import { drawdownSeries } from './drawdown.js';
import { escapeHtml } from './escape-html.js';
import type { EquityCurves } from './report-model.js';
import type { SeriesStyle } from './series-palette.js';
import { renderLineChart, type LineSeries } from './svg-line-chart.js';

const SEGMENT_NAMES: Record<string, string> = { test: 'Test segment', val: 'Validation segment' };

/** The section's HTML, or '' when there are no curves. */
export function renderEquitySection(curves: EquityCurves[], palette: Map<string, SeriesStyle>): string {
  const figures = curves.filter((c) => c.series.length > 0 && c.dates.length > 0).map((c) => renderSegment(c, palette));
  if (figures.length === 0) return '';
  return `<section id="equity"><h2>Equity and drawdown</h2>${figures.join('')}</section>`;
}

function renderSegment(curves: EquityCurves, palette: Map<string, SeriesStyle>): string {
  const segment = SEGMENT_NAMES[curves.segment] ?? curves.segment;
  const x = curves.dates.map((d) => Date.parse(d));
  const style = (name: string) => palette.get(name) ?? { color: '#4e79a7' };
  const equity: LineSeries[] = curves.series.map((s) => ({ name: s.name, ...style(s.name), x, y: s.values }));
  const drawdown: LineSeries[] = curves.series.map((s) => ({ name: s.name, ...style(s.name), x, y: drawdownSeries(s.values) }));
  const span = `${curves.dates[0]} to ${curves.dates[curves.dates.length - 1]}`;
  return [
    `<h3>${escapeHtml(segment)} <span class="muted">${escapeHtml(span)}</span></h3>`,
    '<figure>',
    renderLineChart(equity, { title: `${segment}: equity (growth of 1)`, xAxis: 'time', yFormat: 'number', width: 1000, height: 380 }),
    '<figcaption>Equity, growth of 1 after costs. Dashed lines are baselines.</figcaption></figure>',
    '<figure>',
    renderLineChart(drawdown, { title: `${segment}: drawdown`, xAxis: 'time', yFormat: 'percent', width: 1000, height: 240, yInclude: [0], legend: false }),
    '<figcaption>Drawdown: equity over its running peak, minus 1.</figcaption></figure>',
  ].join('');
}
