/**
 * The comparison report as one self-contained HTML file: inline CSS and inline SVG, no
 * script, no font, image or stylesheet from anywhere else, so it opens offline and can be
 * archived as a single artifact. In order:
 * 1. header: title, pipeline, provenance, conventions and backend, links to the sections;
 * 2. the recommendation in a coloured callout (green: a model; amber: nothing beats
 *    buy-and-hold; grey: not enough data);
 * 3. the summary table;
 * 4. equity and drawdown curves per segment, learning curves, confusion matrices,
 *    attention maps (each section omitted when it has nothing to show);
 * 5. the statistics tables, then the notes.
 * Every text from the model is escaped, and the output depends on the model alone (no
 * clock, no locale), so the same model gives the same bytes.
 */
import { renderAttentionSection } from './attention-section.js';
import { renderConfusionSection } from './confusion-section.js';
import { renderEquitySection } from './equity-section.js';
import { escapeHtml } from './escape-html.js';
import { renderHtmlTable } from './html-table.js';
import { renderLearningSection } from './learning-section.js';
import type { Recommendation, ReportModel, StatisticsTable } from './report-model.js';
import { REPORT_CSS } from './report-styles.js';
import { seriesPalette } from './series-palette.js';
import { VERDICT_HEADLINES } from './verdict-headline.js';

/** The report as a complete HTML document. */
export function renderHtmlReport(model: ReportModel): string {
  // Colours follow the summary's order, then any strategy only the curves name.
  const palette = seriesPalette([...model.summary.rows, ...model.equityCurves.flatMap((c) => c.series)]);
  // A colour swatch in the summary only means something when there are curves to match.
  const hasCurves = model.equityCurves.some((c) => c.series.length > 0);
  const sections: [id: string, label: string, html: string][] = [
    ['summary', 'Summary', model.summary.rows.length > 0 ? `<section id="summary"><h2>Summary</h2>${renderHtmlTable(model.summary, { showKind: true, swatches: hasCurves ? palette : undefined })}</section>` : ''],
    ['equity', 'Equity', renderEquitySection(model.equityCurves, palette)],
    ['learning', 'Learning curves', renderLearningSection(model.learningCurves)],
    ['confusion', 'Confusion matrices', renderConfusionSection(model.confusionMatrices)],
    ['attention', 'Attention', renderAttentionSection(model.attentionMaps)],
    ['statistics', 'Statistics', renderStatistics(model.tables)],
    ['notes', 'Notes', renderNotes(model.notes)],
  ];
  const shown = sections.filter(([, , html]) => html !== '');
  const nav = shown.length > 1 ? `<nav class="toc">${shown.map(([id, label]) => `<a href="#${id}">${label}</a>`).join('')}</nav>` : '';
  const body = [
    renderHeader(model),
    nav,
    renderRecommendation(model.recommendation),
    ...shown.map(([, , html]) => html),
    renderFooter(model),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(model.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body.filter((part) => part !== ''),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function renderHeader(model: ReportModel): string {
  const from = model.generatedFrom;
  const provenance = [`pipeline <code>${escapeHtml(model.pipeline)}</code>`, `stage <code>${escapeHtml(from.stage)}</code>`];
  if (from.key) provenance.push(`key <code>${escapeHtml(shortHash(from.key))}</code>`);
  const facts = { ...model.conventions, ...(model.backend ?? {}) };
  return [
    '<header>',
    `<h1>${escapeHtml(model.title)}</h1>`,
    `<p class="meta">${provenance.join(' · ')}</p>`,
    renderFacts(facts),
    '</header>',
  ].join('');
}

/** A key is a 64-hex hash; its first 12 characters identify it to a reader. */
function shortHash(key: string): string {
  return /^[0-9a-f]{64}$/i.test(key) ? key.slice(0, 12) : key;
}

function renderFacts(facts: Record<string, string | number>): string {
  const entries = Object.entries(facts);
  if (entries.length === 0) return '';
  const items = entries.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(String(v))}</dd></div>`);
  return `<dl class="facts">${items.join('')}</dl>`;
}

function renderRecommendation(recommendation: Recommendation): string {
  const details = recommendation.details?.length
    ? `<ul>${recommendation.details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>`
    : '';
  return [
    // report.json may come from elsewhere: an unknown verdict still renders, as a neutral callout
    `<section class="callout ${escapeHtml(recommendation.verdict)}" id="recommendation">`,
    `<h2>${escapeHtml(VERDICT_HEADLINES[recommendation.verdict] ?? 'Recommendation')}</h2>`,
    `<p>${escapeHtml(recommendation.text)}</p>`,
    details,
    '</section>',
  ].join('');
}

function renderStatistics(tables: StatisticsTable[]): string {
  const shown = tables.filter((t) => t.rows.length > 0);
  if (shown.length === 0) return '';
  const parts = shown.map((t) => {
    const note = t.note ? `<p class="table-note">${escapeHtml(t.note)}</p>` : '';
    return `<h3 id="${escapeHtml(anchor(t.id))}">${escapeHtml(t.title)}</h3>${note}${renderHtmlTable(t, { nameLabel: '', compact: true })}`;
  });
  return `<section id="statistics"><h2>Statistics</h2>${parts.join('')}</section>`;
}

/** An id safe as an HTML anchor. */
function anchor(id: string): string {
  return `table-${id.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

/** Provenance in full (the header shows it short): stage, key and every input. */
function renderFooter(model: ReportModel): string {
  const { stage, key, inputs } = model.generatedFrom;
  const parts = [`Generated by tradelab from stage <code>${escapeHtml(stage)}</code>${key ? ` (key <code>${escapeHtml(key)}</code>)` : ''}.`];
  const entries = Object.entries(inputs ?? {});
  if (entries.length > 0) parts.push(`Inputs: ${entries.map(([name, id]) => `${escapeHtml(name)} <code>${escapeHtml(id)}</code>`).join(', ')}.`);
  parts.push('Also written as report.md and report.json.');
  return `<footer>${parts.join(' ')}</footer>`;
}

function renderNotes(notes: string[]): string {
  if (notes.length === 0) return '';
  return `<section id="notes"><h2>Notes</h2><ul class="notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>`;
}
