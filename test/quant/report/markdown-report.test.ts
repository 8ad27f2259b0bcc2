import { describe, expect, it } from 'vitest';
import { renderMarkdownReport } from '../../../src/quant/report/markdown-report.js';
import { escapeMarkdownCell } from '../../../src/quant/report/markdown-table.js';
import { reportFixture } from './report-fixture.js';

describe('renderMarkdownReport', () => {
  it('states the recommendation before any table', () => {
    const markdown = renderMarkdownReport(reportFixture());
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# Dow Jones 30: models against buy-and-hold');
    const recommendation = lines.findIndex((l) => l.startsWith('> **Recommendation:** lstm beats buy-and-hold'));
    expect(recommendation).toBeGreaterThan(0);
    expect(recommendation).toBeLessThan(lines.findIndex((l) => l.startsWith('|')));
    expect(markdown).toContain('> - Diebold–Mariano p = 0.018 against buy-and-hold.');
  });

  it('names the verdict when nothing beats buy-and-hold', () => {
    const model = reportFixture();
    model.recommendation = { verdict: 'no-model-beats-buy-and-hold', text: 'Hold the index.' };
    expect(renderMarkdownReport(model)).toContain('> **No model beats buy-and-hold:** Hold the index.');
  });

  it('writes the summary as a table with aligned numeric columns', () => {
    const markdown = renderMarkdownReport(reportFixture());
    expect(markdown).toContain('| Strategy | Total return | CAGR | Sharpe \\[95% CI\\] | Max drawdown | Trades | DM p vs B&H |');
    expect(markdown).toContain('| :--- | ---: | ---: | ---: | ---: | ---: | ---: |');
    expect(markdown).toContain('| lstm | **25.13%** | **22.41%** | 1.42 \\[0.31, 2.50\\] | −9.12% | 1,234 | 0.018 |');
    expect(markdown).toContain('| ensemble | 18.11% | 16.20% | **1.10** | **−7.55%** | 402 | 0.061 |');
    expect(markdown).toContain('| ppo | −2.13% | — | — | −20.11% | 77 | <0.001 |');
    expect(markdown).toContain('| *buy-and-hold* (baseline) |');
  });

  it('writes every non-empty statistics table with its note, and the confusion matrix', () => {
    const markdown = renderMarkdownReport(reportFixture());
    expect(markdown).toContain('### McNemar test between classifiers\n\nExact binomial test on discordant test-segment predictions.\n\n|');
    expect(markdown).toContain('| IBM | −0.30 | ∞ |');
    expect(markdown).not.toContain('An empty table is omitted');
    expect(markdown).toContain('| true \\ predicted | down | flat | up |\n| :--- | ---: | ---: | ---: |\n| down | 52 | 10 | 38 |');
  });

  it('lists the notes and points to the HTML report for charts', () => {
    const markdown = renderMarkdownReport(reportFixture());
    expect(markdown).toContain('## Notes\n\n- Fills at the next open after a signal.\n- Skipped: dqn (no test predictions).');
    expect(markdown.trimEnd().split('\n').at(-1)).toMatch(/report\.html/);
    expect(markdown).not.toContain('<svg');
  });

  it('keeps a name with a pipe or a tag from breaking a table row', () => {
    const model = reportFixture();
    model.summary.rows[0]!.name = 'a|b <script>x</script>\nnext';
    const row = renderMarkdownReport(model).split('\n').find((l) => l.startsWith('| a'))!;
    expect(row).toMatch(/^\| a\\\|b &lt;script>x&lt;\/script> next \| \*\*25\.13%\*\* \|/);
  });

  it('gives the same text for the same model', () => {
    expect(renderMarkdownReport(reportFixture())).toBe(renderMarkdownReport(reportFixture()));
  });
});

describe('escapeMarkdownCell', () => {
  it('leaves a p-value bound readable', () => {
    expect(escapeMarkdownCell('<0.001')).toBe('<0.001');
  });
});
