/**
 * A report table as a GitHub Markdown table: numeric columns right-aligned, cells escaped
 * so a `|` or a newline in a name cannot break the row, and `<` cannot open an HTML tag.
 */
import { bestValues, isBest } from './best-values.js';
import { formatValue } from './format-value.js';
import type { ReportTable } from './report-model.js';

/** The table's lines (header, alignment row, one line per row); baselines in italics, the best model per ranked column in bold. */
export function renderMarkdownTable(table: ReportTable, options: { nameLabel?: string } = {}): string {
  const header = [options.nameLabel ?? 'Strategy', ...table.columns.map((c) => c.label)].map(escapeMarkdownCell);
  const align = [':---', ...table.columns.map((c) => (c.format === 'text' ? ':---' : '---:'))];
  const best = bestValues(table);
  const rows = table.rows.map((row) => {
    const name = escapeMarkdownCell(row.name);
    const cells = [row.baseline ? `*${name}* (baseline)` : name];
    for (const column of table.columns) {
      const text = escapeMarkdownCell(formatValue(row.values[column.key], column.format));
      cells.push(isBest(best, row, column.key) ? `**${text}**` : text);
    }
    return cells;
  });
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Text safe in a Markdown table cell or line. */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[*_`[\]]/g, (c) => `\\${c}`)
    // Only what could start an entity or a tag, so "<0.001" stays readable as plain text.
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/<(?=[A-Za-z/!?])/g, '&lt;')
    .replace(/\r?\n/g, ' ');
}
