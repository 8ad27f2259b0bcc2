/**
 * A report table as HTML: the row name first (with its chart colour when given), numbers
 * right-aligned in tabular figures, the best model per column in bold, baseline rows muted,
 * every text escaped.
 */
import { escapeHtml } from './escape-html.js';
import { formatValue, isNumericCell } from './format-value.js';
import { bestValues, isBest } from './best-values.js';
import type { ReportTable } from './report-model.js';
import type { SeriesStyle } from './series-palette.js';

/** Options for `renderHtmlTable`. */
export interface HtmlTableOptions {
  /** Header of the name column (default "Strategy"). */
  nameLabel?: string;
  /** Show each row's kind under its name. */
  showKind?: boolean;
  /** Size columns to their content instead of the page width (narrow statistics tables). */
  compact?: boolean;
  /** Chart styles by row name: a line sample before the name ties the row to its curves. */
  swatches?: Map<string, SeriesStyle>;
}

/** The table wrapped in a horizontally scrollable box (wide tables never break the layout). */
export function renderHtmlTable(table: ReportTable, options: HtmlTableOptions = {}): string {
  const head = [`<th scope="col">${escapeHtml(options.nameLabel ?? 'Strategy')}</th>`];
  for (const column of table.columns) {
    const numeric = column.format !== 'text' ? ' class="num"' : '';
    head.push(`<th scope="col"${numeric}>${escapeHtml(column.label)}</th>`);
  }
  const best = bestValues(table);
  const body = table.rows.map((row) => {
    const kind = options.showKind && row.kind ? ` <span class="kind">${escapeHtml(row.kind)}</span>` : '';
    const cells = [`<th scope="row">${swatch(options.swatches?.get(row.name))}${escapeHtml(row.name)}${kind}</th>`];
    for (const column of table.columns) {
      const value = row.values[column.key];
      const classes = [isNumericCell(value, column.format) ? 'num' : '', isBest(best, row, column.key) ? 'best' : ''];
      const attribute = classes.some(Boolean) ? ` class="${classes.filter(Boolean).join(' ')}"` : '';
      cells.push(`<td${attribute}>${escapeHtml(formatValue(value, column.format))}</td>`);
    }
    return `<tr${row.baseline ? ' class="baseline"' : ''}>${cells.join('')}</tr>`;
  });
  const wrap = options.compact ? 'table-wrap compact' : 'table-wrap';
  return `<div class="${wrap}"><table><thead><tr>${head.join('')}</tr></thead><tbody>${body.join('')}</tbody></table></div>`;
}

/** A short line in the row's chart colour and dash; CSS borders, so no extra SVG. */
function swatch(style: SeriesStyle | undefined): string {
  if (!style) return '';
  const line = !style.dash ? 'solid' : style.dash.startsWith('2 ') ? 'dotted' : 'dashed';
  return `<span class="swatch" style="border-top: 3px ${line} ${style.color}"></span>`;
}
