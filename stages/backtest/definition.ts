/** `backtest`: replays classifier predictions and RL actions per ticker with costs, beside buy-and-hold and a random policy. */
import { compiledSibling, type StageDefinition } from '../../src/engine/contract.js';
import { codeFingerprint, paramsSchema } from '../stage-files.js';

export const backtestStage: StageDefinition = {
  kind: 'backtest',
  version: 1,
  description: 'Replays signals over the val and test segments with commission and slippage; equity, positions, trade journal and metrics per strategy, ticker and equal-weight portfolio, with buy-and-hold and random baselines.',
  inputs: {
    signals: { type: 'predictions|actions', multiple: true, named: true, description: 'classifier predictions (train-lstm, train-transformer, ensemble) and RL actions (train-ppo, train-dqn); each becomes a strategy named after its stage' },
    prices: { type: 'prices', description: 'the price table (from `ingest`) whose opens and closes fills and marks use' },
  },
  outputs: {
    results: { type: 'backtest', description: 'conventions, settings and metrics per segment, strategy and ticker, with each strategy\'s portfolio returns (JSON)' },
    equity: { type: 'equity', description: 'strategy, segment, ticker (`(portfolio)` for the equal-weight view), date, equity, return, position per bar (Parquet)' },
    trades: { type: 'trades', description: 'the trade journal: strategy, segment, ticker, side, entry and exit dates and prices, size, gross P&L, fees, slippage, net P&L, holding bars, open (Parquet)' },
    metrics_csv: { type: 'metrics-csv', description: 'the metrics table as CSV, the conventions in its leading `#` lines' },
  },
  params: paramsSchema('backtest'),
  resource: 'cpu',
  runModule: compiledSibling(import.meta.url, './run.js'),
  codeFingerprint: codeFingerprint('backtest'),
};
