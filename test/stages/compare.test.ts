import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { harness } from '../helpers/engine-harness.js';
import { findChromium, renderInChromium } from '../helpers/headless-chromium.js';
import { oraclePipeline } from '../helpers/oracle-predictions.js';
import { runCli } from '../helpers/run-cli.js';

const STAGES = `  bt:
    uses: backtest
    in: { signals: [a.predictions, b.predictions], prices: prices.prices }
  cmp:
    uses: compare
    in: { backtests: [bt.results], predictions: [a.predictions, b.predictions], prices: prices.prices }
    with: { bootstrap_resamples: 200 }
`;

async function compare(accuracy: [number, number]) {
  const h = harness();
  const yaml = oraclePipeline(STAGES, { tickers: 6, accuracy });
  writeFileSync(path.join(h.root, 'oracle.yaml'), yaml);
  const result = await h.run(yaml);
  expect(result.status, JSON.stringify(result.stages.map((s) => [s.id, s.status, s.error]))).toBe('succeeded');
  const outputs = result.stages.find((s) => s.id === 'cmp')!.outputs!;
  const read = (port: string) => readFileSync(h.store.objectPath(outputs[port]!.id), 'utf8');
  return { h, report: JSON.parse(read('report')), html: read('html'), markdown: read('markdown') };
}

const chromium = findChromium();
if (!chromium) console.warn('chromium not found: skipping the browser render of the compare report');

describe('the compare stage', () => {
  it('recommends a model that is right 90% of the time, and reports its statistics', async () => {
    const { h, report, html, markdown } = await compare([0.9, 0.55]);
    expect(report.recommendation.verdict).toBe('best-model');
    expect(report.recommendation.text).toMatch(/^a is recommended/);
    expect(report.summary.rows.map((r: { name: string }) => r.name)).toEqual(['a', 'b', 'buy-and-hold', 'random']);
    const classifiers = report.tables.find((t: { id: string }) => t.id === 'classifiers');
    expect(classifiers.rows[0].values.accuracy).toBeGreaterThan(0.85);
    expect(classifiers.rows[0].values.rankIc).toBeGreaterThan(0.3);
    expect(report.tables.find((t: { id: string }) => t.id === 'mcnemar').rows[0].values.p).toBeLessThan(1e-6);
    expect(report.confusionMatrices).toHaveLength(2);
    expect(html).toContain('a is recommended');
    expect(markdown).toContain('| a |');

    const cli = await runCli(['report', '--store', path.join(h.root, 'artifacts')]);
    expect(cli.code, cli.stderr).toBe(0);
    const htmlPath = cli.stdout.trim();
    expect(htmlPath).toMatch(/reports\/[0-9a-f]{16}\/cmp\/report\.html$/);
    expect(readFileSync(htmlPath, 'utf8')).toBe(html);
    expect(existsSync(path.join(path.dirname(htmlPath), 'report.md'))).toBe(true);
    // `run` itself says where the report is (here a fully cached re-run).
    const rerun = await runCli(['run', 'oracle.yaml'], { cwd: h.root });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain(`report (cmp): ${htmlPath}`);

    if (!chromium) return;
    // Opened in a browser, as a user would: no console message, every chart drawn, and a
    // screenshot kept beside the report under the run's artifacts.
    const render = renderInChromium(htmlPath, path.dirname(htmlPath), { chromium, screenshotName: 'screenshot.png' });
    expect(render.exitCodes, render.stderr).toEqual([0, 0]);
    expect(render.consoleMessages).toEqual([]);
    const charts = (render.dom.match(/<svg/g) ?? []).length;
    expect(charts).toBeGreaterThanOrEqual(5);
    expect(render.screenshotBytes).toBeGreaterThan(50_000);
    expect(render.screenshot.startsWith(path.join(h.root, 'artifacts', 'reports'))).toBe(true);
  }, 180_000);

  it('says plainly that no model beats buy-and-hold when the models are coin flips', async () => {
    const { report } = await compare([0.5, 0.5]);
    expect(report.recommendation.verdict).toBe('no-model-beats-buy-and-hold');
    expect(report.recommendation.text).toMatch(/No model is distinguishable from buy-and-hold/);
  }, 180_000);
});
