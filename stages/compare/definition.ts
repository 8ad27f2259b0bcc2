/** `compare`: statistics across models and baselines, a recommendation, and the report (HTML, Markdown, JSON). */
import { compiledSibling, type StageDefinition } from '../../src/engine/contract.js';
import { codeFingerprint, paramsSchema } from '../stage-files.js';

export const compareStage: StageDefinition = {
  kind: 'compare',
  version: 1,
  description: 'Compares models with buy-and-hold and each other (bootstrap Sharpe intervals, Diebold–Mariano, PSR and deflated Sharpe, McNemar, IC) and writes a self-contained HTML report with its recommendation.',
  inputs: {
    backtests: { type: 'backtest', multiple: true, named: true, description: 'backtest results (every variant of a sweep, so the deflated Sharpe ratio counts every trial)' },
    predictions: { type: 'predictions', multiple: true, named: true, optional: true, description: 'classifier predictions, for accuracy, F1, confusion matrices, McNemar and IC' },
    histories: { type: 'history', multiple: true, named: true, optional: true, description: 'training histories, drawn as learning curves' },
    attention: { type: 'attention', multiple: true, named: true, optional: true, description: 'transformer attention maps, drawn as heatmaps' },
    prices: { type: 'prices', optional: true, description: 'prices for the forward returns of the information coefficient' },
  },
  outputs: {
    report: { type: 'report', description: 'the report model: recommendation, tables, curves (report.json)' },
    html: { type: 'report-html', description: 'the self-contained HTML report (`tradelab report` prints where it is)' },
    markdown: { type: 'report-markdown', description: 'the report as Markdown tables' },
  },
  params: paramsSchema('compare'),
  resource: 'cpu',
  runModule: compiledSibling(import.meta.url, './run.js'),
  codeFingerprint: codeFingerprint('compare'),
};
