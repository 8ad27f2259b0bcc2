/**
 * A shaded grid as one inline SVG (confusion matrices, attention maps), and its colour bar:
 * 1. values map to a sequential blue ramp over [0, max]; a missing value is a grey cell;
 * 2. a grid larger than `maxCells` per side is averaged down to blocks, which keeps a
 *    90-step attention map small and readable;
 * 3. cells of one shade share one <path>, so a 48 x 48 map is a few dozen elements, not 2,304;
 * 4. optional row/column labels and titles, and an annotation per cell (counts) in a
 *    colour that stays readable on its shade.
 */
import { escapeHtml } from './escape-html.js';
import { px } from './svg-axis.js';

/** The grid to draw. */
export interface HeatmapData {
  rows: number;
  cols: number;
  /** rows x cols, row-major; null or non-finite is missing. */
  values: (number | null)[];
}

/** How the grid is drawn. */
export interface HeatmapOptions {
  /** Accessible name (the SVG's <title>). */
  title: string;
  /** Top of the colour scale (0 is its bottom). */
  max: number;
  /** Side of a cell in pixels (after downsampling). */
  cell: number;
  /** Largest number of blocks per side (default: no downsampling). */
  maxCells?: number;
  rowLabels?: string[];
  colLabels?: string[];
  /** Axis titles: along the left side and along the top. */
  rowTitle?: string;
  colTitle?: string;
  /** Text in cell (row, col), e.g. a count; not drawn when downsampled. */
  annotate?: (row: number, col: number) => string;
  /** A caption above the grid. */
  caption?: string;
}

const LEVELS = 32;
const BLUES = ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'];

/** The ramp's colour at t in [0, 1] (clamped). */
export function heatColor(t: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const position = clamped * (BLUES.length - 1);
  const i = Math.min(BLUES.length - 2, Math.floor(position));
  const [a, b] = [hexRgb(BLUES[i]!), hexRgb(BLUES[i + 1]!)];
  const f = position - i;
  return `#${a.map((v, k) => Math.round(v + (b[k]! - v) * f).toString(16).padStart(2, '0')).join('')}`;
}

function hexRgb(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

/** The grid as an `<svg>` element. */
export function renderHeatmap(data: HeatmapData, options: HeatmapOptions): string {
  const grid = downsample(data, options.maxCells ?? Math.max(data.rows, data.cols));
  const labelWidth = options.rowLabels ? 12 + 7 * Math.max(...options.rowLabels.map((l) => l.length)) : 0;
  const left = labelWidth + (options.rowTitle ? 18 : 0);
  const top = (options.caption ? 20 : 0) + (options.colTitle ? 18 : 0) + (options.colLabels ? 18 : 0);
  const [w, h] = [grid.cols * options.cell, grid.rows * options.cell];
  const [width, height] = [left + w + 2, top + h + 2];
  const parts = [
    `<svg class="heatmap" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.title)}">`,
    `<title>${escapeHtml(options.title)}</title>`,
    ...labels(options, left, top, { rows: grid.rows, exact: grid === data }),
    `<g transform="translate(${left},${top})">`,
    `<rect width="${w}" height="${h}" fill="${heatColor(0)}"/>`,
    ...shadePaths(grid, options),
    `<rect width="${w}" height="${h}" fill="none" stroke="#c8ccd2"/>`,
  ];
  if (options.annotate && grid === data) parts.push(...annotations(data, options));
  parts.push('</g></svg>');
  return parts.join('');
}

/** Caption, axis titles and row/column labels (labels only when not downsampled). */
function labels(options: HeatmapOptions, left: number, top: number, grid: { rows: number; exact: boolean }): string[] {
  const out: string[] = [];
  const cell = options.cell;
  const text = (attributes: string, content: string) => out.push(`<text ${attributes}>${escapeHtml(content)}</text>`);
  if (options.caption) text(`class="caption" x="${left}" y="14"`, options.caption);
  if (options.colTitle) text(`class="axis-label" x="${left}" y="${options.caption ? 33 : 13}"`, options.colTitle);
  if (options.colLabels && grid.exact) {
    options.colLabels.forEach((label, j) => text(`x="${px(left + (j + 0.5) * cell)}" y="${top - 5}" text-anchor="middle"`, label));
  }
  if (options.rowLabels && grid.exact) {
    options.rowLabels.forEach((label, i) => text(`x="${left - 6}" y="${px(top + (i + 0.5) * cell)}" dy="0.32em" text-anchor="end"`, label));
  }
  if (options.rowTitle) {
    text(`class="axis-label" transform="translate(12,${px(top + (grid.rows * cell) / 2)}) rotate(-90)" text-anchor="middle"`, options.rowTitle);
  }
  return out;
}

/** One path per shade level; missing cells as one grey path. */
function shadePaths(grid: HeatmapData, options: HeatmapOptions): string[] {
  const byLevel = new Map<number, string[]>();
  const missing: string[] = [];
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      const value = grid.values[r * grid.cols + c];
      const square = `M${c} ${r}h1v1h-1z`;
      if (value === null || value === undefined || !Number.isFinite(value)) {
        missing.push(square);
        continue;
      }
      const level = options.max > 0 ? Math.round(Math.min(1, Math.max(0, value / options.max)) * LEVELS) : 0;
      if (level === 0) continue;
      const squares = byLevel.get(level) ?? [];
      squares.push(square);
      byLevel.set(level, squares);
    }
  }
  const scale = `transform="scale(${options.cell})" shape-rendering="crispEdges"`;
  const out = [...byLevel.keys()].sort((a, b) => a - b).map((level) => `<path ${scale} fill="${heatColor(level / LEVELS)}" d="${byLevel.get(level)!.join('')}"/>`);
  if (missing.length > 0) out.push(`<path ${scale} fill="#e4e4e4" d="${missing.join('')}"><title>missing</title></path>`);
  return out;
}

/** Centred cell text; class `on-dark` (white, in the report's CSS) on dark shades. */
function annotations(data: HeatmapData, options: HeatmapOptions): string[] {
  const out: string[] = [];
  for (let r = 0; r < data.rows; r++) {
    for (let c = 0; c < data.cols; c++) {
      const value = data.values[r * data.cols + c];
      const dark = typeof value === 'number' && options.max > 0 && value / options.max > 0.55;
      const text = options.annotate!(r, c);
      const lines = text.split('\n');
      lines.forEach((line, k) => {
        const dy = (k - (lines.length - 1) / 2) * 1.2 + 0.32;
        const classes = `${k === 0 ? 'cell' : 'cell-sub'}${dark ? ' on-dark' : ''}`;
        out.push(`<text class="${classes}" x="${px((c + 0.5) * options.cell)}" y="${px((r + 0.5) * options.cell)}" dy="${dy.toFixed(2)}em" text-anchor="middle">${escapeHtml(line)}</text>`);
      });
    }
  }
  return out;
}

/** Block means of the grid when a side exceeds `maxCells`; missing values are left out of a mean. */
function downsample(data: HeatmapData, maxCells: number): HeatmapData {
  if (data.rows <= maxCells && data.cols <= maxCells) return data;
  const [rows, cols] = [Math.min(data.rows, maxCells), Math.min(data.cols, maxCells)];
  const values: (number | null)[] = [];
  const edge = (i: number, n: number, cells: number) => Math.floor((i * n) / cells);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let [sum, count] = [0, 0];
      for (let i = edge(r, data.rows, rows); i < edge(r + 1, data.rows, rows); i++) {
        for (let j = edge(c, data.cols, cols); j < edge(c + 1, data.cols, cols); j++) {
          const v = data.values[i * data.cols + j];
          if (typeof v === 'number' && Number.isFinite(v)) [sum, count] = [sum + v, count + 1];
        }
      }
      values.push(count > 0 ? sum / count : null);
    }
  }
  return { rows, cols, values };
}

/** A horizontal colour bar from 0 to `max`, labelled at both ends and the middle. */
export function renderColorBar(options: { max: number; width: number; label: string; format: (v: number) => string }): string {
  const [barLeft, barWidth, steps] = [8, options.width - 16, 48];
  const rects: string[] = [];
  for (let i = 0; i < steps; i++) {
    rects.push(`<rect x="${px(barLeft + (i * barWidth) / steps)}" y="18" width="${px(barWidth / steps + 0.5)}" height="10" fill="${heatColor(i / (steps - 1))}"/>`);
  }
  const ticks = [0, 0.5, 1].map((t) => {
    const anchor = t === 0 ? 'start' : t === 1 ? 'end' : 'middle';
    return `<text x="${px(barLeft + t * barWidth)}" y="42" text-anchor="${anchor}">${escapeHtml(options.format(t * options.max))}</text>`;
  });
  return [
    `<svg class="colorbar" viewBox="0 0 ${options.width} 48" width="${options.width}" height="48" role="img" aria-label="${escapeHtml(options.label)}">`,
    `<title>${escapeHtml(options.label)}</title>`,
    `<text class="axis-label" x="${barLeft}" y="12">${escapeHtml(options.label)}</text>`,
    ...rects,
    `<rect x="${barLeft}" y="18" width="${barWidth}" height="10" fill="none" stroke="#c8ccd2"/>`,
    ...ticks,
    '</svg>',
  ].join('');
}
