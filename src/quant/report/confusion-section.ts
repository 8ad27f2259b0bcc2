/**
 * Confusion matrices as shaded grids: shade by the share of each true class (row), so a
 * rare class reads as clearly as a common one; each cell shows its count and row share.
 */
import { escapeHtml } from './escape-html.js';
import type { ConfusionMatrix } from './report-model.js';
import { renderHeatmap } from './svg-heatmap.js';

/** The section's HTML, or '' when there are no matrices. */
export function renderConfusionSection(matrices: ConfusionMatrix[]): string {
  const figures = matrices.filter((m) => m.classes.length > 0).map(renderMatrix);
  if (figures.length === 0) return '';
  return `<section id="confusion"><h2>Confusion matrices</h2><div class="multiples narrow">${figures.join('')}</div></section>`;
}

function renderMatrix(m: ConfusionMatrix): string {
  const n = m.classes.length;
  const count = (r: number, c: number) => {
    const v = m.matrix[r]?.[c];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const rowTotals = m.classes.map((_, r) => m.classes.reduce((sum, __, c) => sum + (count(r, c) ?? 0), 0));
  const shares: (number | null)[] = [];
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
    const v = count(r, c);
    shares.push(v === null ? null : rowTotals[r]! > 0 ? v / rowTotals[r]! : 0);
  }
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const correct = m.classes.reduce((sum, _, i) => sum + (count(i, i) ?? 0), 0);
  const accuracy = total > 0 ? `accuracy ${((100 * correct) / total).toFixed(1)}% of ${total}` : 'no predictions';
  const svg = renderHeatmap({ rows: n, cols: n, values: shares }, {
    title: `${m.model}: confusion matrix`,
    max: 1,
    cell: n <= 4 ? 72 : 48,
    rowLabels: m.classes,
    colLabels: m.classes,
    rowTitle: 'true',
    colTitle: 'predicted',
    annotate: (r, c) => {
      const v = count(r, c);
      const share = shares[r * n + c];
      return v === null ? '—' : `${v}\n${((share ?? 0) * 100).toFixed(0)}%`;
    },
  });
  return `<figure class="panel"><figcaption class="panel-title">${escapeHtml(m.model)} <span class="muted">${escapeHtml(accuracy)}</span></figcaption>${svg}</figure>`;
}
