/**
 * Learning curves as small multiples: one panel per model and metric, with the validation
 * twin (`val_loss` beside `loss`) drawn in the same panel so the gap between them shows.
 */
import { escapeHtml } from './escape-html.js';
import type { LearningCurves, LearningSeries } from './report-model.js';
import { renderLineChart } from './svg-line-chart.js';

const TRAIN = { color: '#4e79a7' };
const VALIDATION = { color: '#e15759', dash: '5 3' };
const OTHERS = ['#59a14f', '#f28e2b', '#b07aa1'];

/** The section's HTML, or '' when there are no curves. */
export function renderLearningSection(curves: LearningCurves[]): string {
  const panels = curves.flatMap((model) => metricGroups(model.series).map(([metric, series]) => renderPanel(model, metric, series)));
  if (panels.length === 0) return '';
  return `<section id="learning"><h2>Learning curves</h2><div class="multiples">${panels.join('')}</div></section>`;
}

/** Series grouped by metric name without its `val_` prefix, in order of first appearance. */
export function metricGroups(series: LearningSeries[]): [string, LearningSeries[]][] {
  const groups = new Map<string, LearningSeries[]>();
  for (const s of series) {
    if (s.x.length === 0) continue;
    const metric = s.name.replace(/^val_/, '');
    groups.set(metric, [...(groups.get(metric) ?? []), s]);
  }
  return [...groups];
}

function renderPanel(model: LearningCurves, metric: string, series: LearningSeries[]): string {
  let other = 0;
  const lines = series.map((s) => {
    const style = s.name.startsWith('val_') ? VALIDATION : s.name === metric ? TRAIN : { color: OTHERS[other++ % OTHERS.length]! };
    return { name: s.name, ...style, x: s.x, y: s.y };
  });
  const title = `${model.model} · ${metric}`;
  const chart = renderLineChart(lines, { title, xAxis: 'linear', yFormat: 'number', width: 360, height: 230, xLabel: model.xLabel });
  return `<figure class="panel"><figcaption class="panel-title">${escapeHtml(title)}</figcaption>${chart}</figure>`;
}
