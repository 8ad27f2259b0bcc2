/**
 * A legend at the top of an SVG chart: a line sample and a name per series, wrapped onto
 * as many rows as the width needs. SVG cannot measure text, so widths are estimated from
 * the character count at the chart's 12px font; names past 40 characters are shortened.
 */
import { escapeHtml } from './escape-html.js';

/** One legend entry. */
export interface LegendItem {
  name: string;
  color: string;
  dash?: string;
}

/** The legend's markup and the height it takes. */
export interface Legend {
  svg: string;
  height: number;
}

const ROW = 18;
const SAMPLE = 22;
const CHAR = 6.8;
const GAP = 18;
const MAX_CHARS = 40;

/** Lays out `items` from (x, y) within `width` pixels. */
export function renderLegend(items: LegendItem[], options: { x: number; y: number; width: number }): Legend {
  if (items.length === 0) return { svg: '', height: 0 };
  const parts: string[] = ['<g class="legend">'];
  let [cx, row] = [options.x, 0];
  for (const item of items) {
    const name = item.name.length > MAX_CHARS ? `${item.name.slice(0, MAX_CHARS - 1)}…` : item.name;
    const width = SAMPLE + 6 + name.length * CHAR;
    if (cx > options.x && cx + width > options.x + options.width) [cx, row] = [options.x, row + 1];
    const y = options.y + row * ROW + ROW / 2;
    const dash = item.dash ? ` stroke-dasharray="${item.dash}"` : '';
    parts.push(
      `<line x1="${cx}" x2="${cx + SAMPLE}" y1="${y}" y2="${y}" stroke="${item.color}" stroke-width="2.5"${dash}/>`,
      `<text x="${cx + SAMPLE + 6}" y="${y}" dy="0.32em">${escapeHtml(name)}</text>`,
    );
    cx += width + GAP;
  }
  parts.push('</g>');
  return { svg: parts.join(''), height: (row + 1) * ROW };
}
