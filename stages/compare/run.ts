/**
 * Runs `compare`: read the inputs, compare, build the report model, render it as HTML and
 * Markdown, and log the recommendation in plain words.
 */
import type { StageContext } from '../../src/engine/contract.js';
import { renderHtmlReport } from '../../src/quant/report/html-report.js';
import { renderMarkdownReport } from '../../src/quant/report/markdown-report.js';
import type { TickerSelection } from '../../src/quant/ensemble/select-tickers.js';
import { readCompareInputs } from './compare-inputs.js';
import { compareStrategies } from './comparison.js';
import { buildReport } from './report-builder.js';

interface CompareParams {
  title: string;
  alpha: number;
  bootstrap_resamples: number;
  block_length: number | null;
  seed: number;
  ic_horizon: number;
  tickers: TickerSelection;
}

export async function run(ctx: StageContext): Promise<void> {
  const p = ctx.params as unknown as CompareParams;
  ctx.progress({ done: 0, total: 3, message: 'reading backtests and predictions' });
  const inputs = await readCompareInputs(ctx, { icHorizon: p.ic_horizon, tickers: p.tickers });
  ctx.progress({ done: 1, total: 3, message: `comparing ${inputs.strategies.length} strategies` });
  const periodsPerYear = typeof inputs.conventions.periodsPerYear === 'number' ? inputs.conventions.periodsPerYear : 252;
  const comparison = compareStrategies(inputs, { alpha: p.alpha, seed: p.seed, resamples: p.bootstrap_resamples, periodsPerYear, ...(p.block_length ? { blockLength: p.block_length } : {}) });
  ctx.log(comparison.recommendation.text);
  for (const line of comparison.recommendation.details) ctx.log(`  ${line}`);
  ctx.progress({ done: 2, total: 3, message: 'rendering the report' });
  const model = buildReport({ title: p.title, // A stage never sees its pipeline's name (not part of its key): the report names the stage.
    pipeline: ctx.stageId, stage: ctx.stageId, inputs, comparison });
  const encode = (text: string) => new TextEncoder().encode(text);
  await ctx.output('report', { json: model });
  await ctx.output('html', { bytes: encode(renderHtmlReport(model)), format: 'bytes' });
  await ctx.output('markdown', { bytes: encode(renderMarkdownReport(model)), format: 'bytes' });
}

