/**
 * Attention maps as one self-contained SVG for the report (no dependencies, no script):
 * 1. the maps [layers, heads, L, L] are laid out as a grid, a row per layer, a column per
 *    head; in each panel rows are query steps and columns key steps, oldest first;
 * 2. a long window is averaged down to at most `maxCells` x `maxCells` blocks (90 steps ->
 *    45 x 45), which keeps the file small and the pattern readable;
 * 3. each panel is scaled to its own largest block (shown in its label), since an attention
 *    row sums to 1 and a uniform map would otherwise be all but white at L 90;
 * 4. shades are quantized to a few opacity levels and each level is one <path>, not one
 *    <rect> per cell (about 14 bytes per cell instead of 60).
 */

export interface HeatmapOptions {
  /** Panels per row (the heads of one layer); default: all maps in one row. */
  heads?: number;
  /** Shown at the top and as the SVG's <title>. */
  title?: string;
  /** Largest number of blocks per side (default 45). */
  maxCells?: number;
}

const PANEL = 180;
const LEVELS = 8;
const LABEL = 16;
const GAP = 14;

/** An SVG heatmap grid of `map` = count maps of L x L, row-major; count = map.length / (L * L). */
export function renderAttentionHeatmap(map: Float32Array, L: number, options: HeatmapOptions = {}): string {
  if (!Number.isSafeInteger(L) || L < 1) throw new RangeError(`heatmap steps must be an integer >= 1, got ${L}`);
  const count = map.length / (L * L);
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`a heatmap of ${L} x ${L} maps needs a multiple of ${L * L} values, got ${map.length}`);
  const heads = options.heads ?? count;
  if (!Number.isSafeInteger(heads) || heads < 1 || count % heads !== 0) throw new RangeError(`${count} maps do not split into rows of ${heads} heads`);
  const cells = Math.min(L, options.maxCells ?? 45);
  const unit = Math.max(1, Math.floor(PANEL / cells));
  const side = unit * cells;
  const top = options.title ? 24 : 4;
  const width = heads * (side + GAP) + GAP;
  const height = top + (count / heads) * (side + LABEL + GAP);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
  ];
  if (options.title) out.push(`<title>${escapeXml(options.title)}</title>`, `<text x="${GAP}" y="16" font-size="13">${escapeXml(options.title)}</text>`);
  for (let m = 0; m < count; m++) {
    const [row, column] = [Math.floor(m / heads), m % heads];
    const blocks = downsample(map.subarray(m * L * L, (m + 1) * L * L), L, cells);
    const max = blocks.reduce((a, b) => Math.max(a, b), 0);
    const x = GAP + column * (side + GAP);
    const y = top + row * (side + LABEL + GAP);
    out.push(`<g transform="translate(${x},${y})">`);
    out.push(`<text y="11">layer ${row} head ${column} (max ${max.toPrecision(2)})</text>`);
    out.push(`<rect y="${LABEL}" width="${side}" height="${side}" fill="#fff" stroke="#bbb"/>`);
    out.push(`<g transform="translate(0,${LABEL}) scale(${unit})" fill="#08519c" shape-rendering="crispEdges">`);
    out.push(...levelPaths(blocks, cells, max));
    out.push('</g></g>');
  }
  out.push('</svg>');
  return out.join('\n');
}

/** Block means of an L x L map over a cells x cells grid (blocks of floor-divided step ranges). */
function downsample(map: Float32Array, L: number, cells: number): Float32Array {
  const out = new Float32Array(cells * cells);
  const edge = (i: number) => Math.floor((i * L) / cells);
  for (let r = 0; r < cells; r++) {
    for (let c = 0; c < cells; c++) {
      let sum = 0;
      for (let i = edge(r); i < edge(r + 1); i++) for (let j = edge(c); j < edge(c + 1); j++) sum += map[i * L + j]!;
      out[r * cells + c] = sum / ((edge(r + 1) - edge(r)) * (edge(c + 1) - edge(c)));
    }
  }
  return out;
}

/** One path per opacity level 1..LEVELS; blocks that round to level 0 stay white. */
function levelPaths(blocks: Float32Array, cells: number, max: number): string[] {
  if (!(max > 0)) return [];
  const paths = Array.from({ length: LEVELS + 1 }, () => '');
  for (let i = 0; i < blocks.length; i++) {
    const level = Math.round((blocks[i]! / max) * LEVELS);
    if (level > 0) paths[level] += `M${i % cells} ${Math.floor(i / cells)}h1v1h-1z`;
  }
  return paths.flatMap((d, level) => (d ? [`<path fill-opacity="${(level / LEVELS).toFixed(3)}" d="${d}"/>`] : []));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
