/**
 * A line chart as one inline SVG, no script:
 * 1. the legend goes on top and sets where the plot starts;
 * 2. the y domain covers every finite value (plus `yInclude`), widened to round ticks;
 * 3. the x axis is a time axis (ms since the epoch, calendar ticks) or a linear one;
 * 4. each series is one path; a missing or non-finite point lifts the pen, so gaps show as
 *    gaps and no coordinate is ever NaN; a point with no neighbour is drawn as a dot.
 */
import { escapeHtml } from './escape-html.js';
import { dateTicks, formatTick, linearScale, niceTicks, px, renderXAxis, renderYAxis, type PlotArea, type Scale, type Tick } from './svg-axis.js';
import { renderLegend } from './svg-legend.js';

/** One line. */
export interface LineSeries {
  name: string;
  color: string;
  /** SVG stroke-dasharray; absent for a solid line. */
  dash?: string;
  /** x values (ms since the epoch on a time axis). */
  x: number[];
  /** y values, one per x; null or non-finite is a gap. */
  y: (number | null)[];
}

/** How the chart is drawn. */
export interface LineChartOptions {
  /** Accessible name (the SVG's <title>). */
  title: string;
  /** `time`: x is ms since the epoch; `linear`: plain numbers. */
  xAxis: 'time' | 'linear';
  /** How y tick labels read. */
  yFormat: 'number' | 'percent';
  /** viewBox size; the SVG scales to its container's width. */
  width: number;
  height: number;
  /** Label under the x axis. */
  xLabel?: string;
  /** Values forced into the y domain (0 for drawdowns). */
  yInclude?: number[];
  /** Draw the legend (default true). */
  legend?: boolean;
}

const MARGIN = { left: 58, right: 14, top: 10, bottom: 30 };

/** The chart as an `<svg>` element. */
export function renderLineChart(series: LineSeries[], options: LineChartOptions): string {
  const legend = options.legend === false
    ? { svg: '', height: 0 }
    : renderLegend(series, { x: MARGIN.left, y: 4, width: options.width - MARGIN.left - MARGIN.right });
  const area: PlotArea = {
    left: MARGIN.left,
    right: options.width - MARGIN.right,
    top: MARGIN.top + legend.height + (legend.height > 0 ? 6 : 0),
    bottom: options.height - MARGIN.bottom - (options.xLabel ? 14 : 0),
  };
  const y = yAxis(series, options, area);
  const x = xAxis(series, options, area);
  const parts = [
    `<svg class="chart" viewBox="0 0 ${options.width} ${options.height}" role="img" aria-label="${escapeHtml(options.title)}">`,
    `<title>${escapeHtml(options.title)}</title>`,
    legend.svg,
    `<g class="grid">${renderYAxis(y.ticks, y.scale, area)}</g>`,
    `<g class="ticks">${renderXAxis(x.ticks, x.scale, area, options.width)}</g>`,
  ];
  if (options.xLabel) {
    parts.push(`<text class="axis-label" x="${px((area.left + area.right) / 2)}" y="${options.height - 6}" text-anchor="middle">${escapeHtml(options.xLabel)}</text>`);
  }
  for (const line of series) parts.push(renderSeries(line, x.scale, y.scale));
  parts.push('</svg>');
  return parts.join('');
}

/** y ticks and scale from every finite value. */
function yAxis(series: LineSeries[], options: LineChartOptions, area: PlotArea): { ticks: Tick[]; scale: Scale } {
  let [min, max] = [Infinity, -Infinity];
  for (const value of [...series.flatMap((s) => s.y), ...(options.yInclude ?? [])]) {
    if (value === null || !Number.isFinite(value)) continue;
    [min, max] = [Math.min(min, value), Math.max(max, value)];
  }
  const count = Math.max(2, Math.round((area.bottom - area.top) / 45));
  const nice = niceTicks(min, max, count);
  const label = (v: number) => (options.yFormat === 'percent' ? `${formatTick(v * 100, nice.step * 100)}%` : formatTick(v, nice.step));
  return {
    ticks: nice.values.map((value) => ({ value, label: label(value) })),
    scale: linearScale(nice.domain, [area.bottom, area.top]),
  };
}

/** x ticks and scale: calendar ticks on a time axis, round numbers otherwise. */
function xAxis(series: LineSeries[], options: LineChartOptions, area: PlotArea): { ticks: Tick[]; scale: Scale } {
  let [min, max] = [Infinity, -Infinity];
  for (const value of series.flatMap((s) => s.x)) {
    if (!Number.isFinite(value)) continue;
    [min, max] = [Math.min(min, value), Math.max(max, value)];
  }
  const room = Math.max(2, Math.floor((area.right - area.left) / (options.xAxis === 'time' ? 90 : 60)));
  if (!Number.isFinite(min)) return { ticks: [], scale: linearScale([0, 1], [area.left, area.right]) };
  if (options.xAxis === 'time') {
    return { ticks: dateTicks(min, max, room), scale: linearScale([min, max], [area.left, area.right]) };
  }
  // A single x value gets one tick, labelled as given, in the middle of the plot.
  if (min === max) return { ticks: [{ value: min, label: String(Number(min.toPrecision(6))) }], scale: linearScale([min, max], [area.left, area.right]) };
  const nice = niceTicks(min, max, room);
  // Keep the data edge-to-edge: ticks outside the data range are dropped, not the domain widened.
  const ticks = nice.values.filter((v) => v >= min && v <= max).map((value) => ({ value, label: formatTick(value, nice.step) }));
  return { ticks, scale: linearScale([min, max], [area.left, area.right]) };
}

/** A series as one path of pen-down runs, plus a dot for each run of a single point. */
function renderSeries(line: LineSeries, x: Scale, y: Scale): string {
  const runs: string[][] = [[]];
  const n = Math.min(line.x.length, line.y.length);
  for (let i = 0; i < n; i++) {
    const [xv, yv] = [line.x[i]!, line.y[i]];
    if (yv === null || yv === undefined || !Number.isFinite(yv) || !Number.isFinite(xv)) {
      if (runs[runs.length - 1]!.length > 0) runs.push([]);
      continue;
    }
    runs[runs.length - 1]!.push(`${px(x(xv))},${px(y(yv))}`);
  }
  const paths = runs.filter((run) => run.length > 1).map((run) => `M${run.join('L')}`);
  const dots = runs.filter((run) => run.length === 1).map(([point]) => {
    const [cx, cy] = point!.split(',');
    return `<circle cx="${cx}" cy="${cy}" r="2.5" fill="${line.color}"/>`;
  });
  const dash = line.dash ? ` stroke-dasharray="${line.dash}"` : '';
  const path = paths.length > 0
    ? `<path d="${paths.join('')}" fill="none" stroke="${line.color}" stroke-width="1.8" stroke-linejoin="round"${dash}/>`
    : '';
  return `<g class="series"><title>${escapeHtml(line.name)}</title>${path}${dots.join('')}</g>`;
}
