/**
 * Attention maps: for each model and probe epoch, a grid of small heatmaps (one per layer
 * and head, rows are query steps, columns key steps, oldest first) on one shared colour
 * scale, so heads can be compared, with the scale drawn once beside them.
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
  let max = 0;
  for (const map of sorted) for (const v of map.values) if (Number.isFinite(v)) max = Math.max(max, v);
  const panels = sorted.map((map) => {
    const cells = Math.min(map.size, MAX_CELLS);
    const svg = renderHeatmap({ rows: map.size, cols: map.size, values: map.values }, {
      title: `${map.model}, epoch ${map.epoch}: layer ${map.layer} head ${map.head}`,
      caption: `layer ${map.layer} · head ${map.head}`,
      max,
      cell: Math.max(1, Math.floor(PANEL / cells)),
      maxCells: MAX_CELLS,
    });
    return `<div class="heat">${svg}</div>`;
  });
  const bar = renderColorBar({ max, width: 220, label: 'attention weight', format: (v) => v.toFixed(2) });
  const heading = `${escapeHtml(first.model)} <span class="muted">epoch ${first.epoch}</span>`;
  return `<h3>${heading}</h3><div class="heat-grid">${panels.join('')}</div>${bar}`;
}
