/**
 * Attention maps: for each model and probe epoch, a grid of small heatmaps (one per layer
 * and head, rows are query steps, columns key steps, oldest first) on one shared colour
 * scale, so heads can be compared, with the scale drawn once below them; a row per layer.
 */
import { escapeHtml } from './escape-html.js';
import type { AttentionMap } from './report-model.js';
import { renderColorBar, renderHeatmap } from './svg-heatmap.js';

const PANEL = 200;
const MAX_CELLS = 48;

/** The section's HTML, or '' when there are no maps. */
export function renderAttentionSection(maps: AttentionMap[]): string {
  const groups = new Map<string, AttentionMap[]>();
  for (const map of maps) {
    if (!(map.size >= 1) || map.values.length !== map.size * map.size) continue;
    const key = `${map.model}\u0000${map.epoch}`;
    groups.set(key, [...(groups.get(key) ?? []), map]);
  }
  if (groups.size === 0) return '';
  const blocks = [...groups.values()].map(renderGroup);
  return `<section id="attention"><h2>Attention maps</h2><p class="muted">Rows are query steps, columns key steps, oldest first; darker is more weight.</p>${blocks.join('')}</section>`;
}

function renderGroup(maps: AttentionMap[]): string {
  const first = maps[0]!;
  const sorted = [...maps].sort((a, b) => a.layer - b.layer || a.head - b.head);
  const { top, clipped } = colorScaleTop(sorted);
  const layers = new Map<number, string[]>();
  for (const map of sorted) {
    const cells = Math.min(map.size, MAX_CELLS);
    const svg = renderHeatmap({ rows: map.size, cols: map.size, values: map.values }, {
      title: `${map.model}, epoch ${map.epoch}: layer ${map.layer} head ${map.head}`,
      caption: `layer ${map.layer} · head ${map.head}`,
      max: top,
      cell: Math.max(1, Math.floor(PANEL / cells)),
      maxCells: MAX_CELLS,
    });
    layers.set(map.layer, [...(layers.get(map.layer) ?? []), `<div class="heat">${svg}</div>`]);
  }
  const format = (v: number) => (clipped && v === top ? `≥${v.toFixed(2)}` : v.toFixed(2));
  const bar = renderColorBar({ max: top, width: 220, label: 'attention weight', format });
  const heading = `${escapeHtml(first.model)} <span class="muted">epoch ${first.epoch}</span>`;
  const rows = [...layers.values()].map((panels) => `<div class="heat-grid">${panels.join('')}</div>`);
  return `<h3>${heading}</h3>${rows.join('')}${bar}`;
}

/**
 * The top of the shared colour scale: the 99th percentile of all weights, not the maximum,
 * because a causal map's first query attends only to itself (weight 1) and would otherwise
 * wash every other cell out to white. `clipped` says whether larger weights exist.
 */
export function colorScaleTop(maps: AttentionMap[]): { top: number; clipped: boolean } {
  const values = maps.flatMap((m) => m.values.filter((v) => Number.isFinite(v) && v > 0)).sort((a, b) => a - b);
  if (values.length === 0) return { top: 1, clipped: false };
  const max = values[values.length - 1]!;
  const all = maps.reduce((n, m) => n + m.values.length, 0);
  // the percentile counts zeros too (the masked upper triangle), which sit below every positive value
  const index = Math.ceil(0.99 * all) - 1 - (all - values.length);
  const top = index >= 0 ? values[Math.min(index, values.length - 1)]! : max;
  return { top, clipped: top < max };
}
