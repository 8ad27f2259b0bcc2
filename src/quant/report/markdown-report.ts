/**
 * The report's Markdown twin, for a pull request, a terminal or a notebook:
 * 1. title, then the recommendation first, with its details;
 * 2. provenance and conventions;
 * 3. the summary and statistics tables, and the confusion matrices as tables;
 * 4. the notes; charts are left to report.html, which a closing line points to.
 */
import { escapeMarkdownCell as md, renderMarkdownTable } from './markdown-table.js';
import type { ConfusionMatrix, ReportModel } from './report-model.js';
import { VERDICT_HEADLINES } from './verdict-headline.js';

/** The report as GitHub-flavoured Markdown. */
export function renderMarkdownReport(model: ReportModel): string {
  const out: string[] = [`# ${md(model.title)}`, ''];
  const { recommendation } = model;
  out.push(`> **${VERDICT_HEADLINES[recommendation.verdict] ?? 'Recommendation'}:** ${md(recommendation.text)}`);
  for (const detail of recommendation.details ?? []) out.push(`> - ${md(detail)}`);
  out.push('', `Pipeline \`${model.pipeline.replace(/`/g, '')}\`, stage \`${model.generatedFrom.stage.replace(/`/g, '')}\`` +
    (model.generatedFrom.key ? `, key \`${model.generatedFrom.key.replace(/`/g, '')}\`.` : '.'), '');
  const facts = Object.entries({ ...model.conventions, ...(model.backend ?? {}) });
  if (facts.length > 0) out.push(...facts.map(([k, v]) => `- ${md(k)}: ${md(String(v))}`), '');
  if (model.summary.rows.length > 0) out.push('## Summary', '', renderMarkdownTable(model.summary), '');
  const tables = model.tables.filter((t) => t.rows.length > 0);
  if (tables.length > 0) out.push('## Statistics', '');
  for (const table of tables) {
    out.push(`### ${md(table.title)}`, '');
    if (table.note) out.push(md(table.note), '');
    out.push(renderMarkdownTable(table, { nameLabel: ' ' }), '');
  }
  const matrices = model.confusionMatrices.filter((m) => m.classes.length > 0);
  if (matrices.length > 0) out.push('## Confusion matrices', '', ...matrices.flatMap(confusionTable));
  if (model.notes.length > 0) out.push('## Notes', '', ...model.notes.map((n) => `- ${md(n)}`), '');
  out.push('_Charts (equity and drawdown curves, learning curves, confusion matrices, attention maps) are in report.html._', '');
  return out.join('\n');
}

/** Rows are true classes, columns predicted classes. */
function confusionTable(m: ConfusionMatrix): string[] {
  const header = `| true \\ predicted | ${m.classes.map(md).join(' | ')} |`;
  const align = `| :--- | ${m.classes.map(() => '---:').join(' | ')} |`;
  const rows = m.classes.map((label, r) => {
    const cells = m.classes.map((_, c) => {
      const v = m.matrix[r]?.[c];
      return typeof v === 'number' && Number.isFinite(v) ? String(v) : '—';
    });
    return `| ${md(label)} | ${cells.join(' | ')} |`;
  });
  return [`### ${md(m.model)}`, '', header, align, ...rows, ''];
}
