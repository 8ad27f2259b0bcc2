/**
 * A report table as HTML: the row name first, numbers right-aligned in tabular figures,
 * baseline rows muted, every text escaped.
 */
import { escapeHtml } from './escape-html.js';
import { formatValue, isNumericCell } from './format-value.js';
import type { ReportTable } from './report-model.js';

/** Options for `renderHtmlTable`. */
export interface HtmlTableOptions {
  /** Header of the name column (default "Strategy"). */
  nameLabel?: string;
  /** Show each row's kind under its name. */
  showKind?: boolean;
  /** Size columns to their content instead of the page width (narrow statistics tables). */
  compact?: boolean;
}

/** The table wrapped in a horizontally scrollable box (wide tables never break the layout). */
export function renderHtmlTable(table: ReportTable, options: HtmlTableOptions = {}): string {
  const head = [`<th scope="col">${escapeHtml(options.nameLabel ?? 'Strategy')}</th>`];
  for (const column of table.columns) {
    const numeric = column.format !== 'text' ? ' class="num"' : '';
    head.push(`<th scope="col"${numeric}>${escapeHtml(column.label)}</th>`);
  }
  const body = table.rows.map((row) => {
    const kind = options.showKind && row.kind ? ` <span class="kind">${escapeHtml(row.kind)}</span>` : '';
    const cells = [`<th scope="row">${escapeHtml(row.name)}${kind}</th>`];
    for (const column of table.columns) {
      const value = row.values[column.key];
      const numeric = isNumericCell(value, column.format) ? ' class="num"' : '';
      cells.push(`<td${numeric}>${escapeHtml(formatValue(value, column.format))}</td>`);
    }
    return `<tr${row.baseline ? ' class="baseline"' : ''}>${cells.join('')}</tr>`;
  });
  const wrap = options.compact ? 'table-wrap compact' : 'table-wrap';
  return `<div class="${wrap}"><table><thead><tr>${head.join('')}</tr></thead><tbody>${body.join('')}</tbody></table></div>`;
}
