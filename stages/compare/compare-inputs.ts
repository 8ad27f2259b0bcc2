/**
 * What `compare` reads, named after the upstream stages:
 * 1. backtest results: each strategy's portfolio returns per segment (baselines taken from
 *    the first backtest only, models from all: a sweep's backtests each add their models);
 * 2. classifier predictions;
 * 3. training histories (supervised epochs or RL learning curves) and attention maps;
 * 4. optionally the prices, for the forward returns the information coefficient needs.
 */
import { readFileSync } from 'node:fs';
import type { InputArtifact, StageContext } from '../../src/engine/contract.js';
import type { StrategyReturns } from '../../src/quant/compare/strategy-returns.js';
import type { ForwardReturn } from '../../src/quant/compare/classifier-statistics.js';
import type { PredictionSource } from '../../src/quant/ensemble/prediction-source.js';
import { selectTickers, type TickerSelection } from '../../src/quant/ensemble/select-tickers.js';
import { pricesFromColumns } from '../price-arrow.js';
import { readPredictions, sourceName } from '../prediction-table.js';
import type { AttentionArtifact } from '../attention-artifact.js';

interface BacktestStrategyJson {
  name: string;
  kind: string;
  baseline: boolean;
  portfolio: { metrics: Record<string, number | string | null>; returns: (number | null)[] };
}

interface BacktestResultsJson {
  conventions: Record<string, unknown>;
  notes: string[];
  segments: Record<string, { dates: string[]; strategies: BacktestStrategyJson[] }>;
}

export interface CompareInputs {
  strategies: StrategyReturns[];
  /** Portfolio metrics per strategy name and segment, as the backtest computed them. */
  metrics: Map<string, Record<string, Record<string, number | string | null>>>;
  conventions: Record<string, unknown>;
  notes: string[];
  predictions: PredictionSource[];
  histories: { name: string; history: unknown }[];
  attention: { name: string; artifact: AttentionArtifact }[];
  forwardReturn?: ForwardReturn;
}

const json = (a: InputArtifact): unknown => JSON.parse(readFileSync(a.path, 'utf8'));

export async function readCompareInputs(ctx: StageContext, options: { icHorizon: number; tickers: TickerSelection }): Promise<CompareInputs> {
  const backtests = (ctx.inputs.backtests ?? []).map((a, i) => ({ name: sourceName(a, i), results: json(a) as BacktestResultsJson }));
  if (backtests.length === 0) throw new Error('compare needs at least one backtest: `in: { backtests: [backtest.results] }`');
  const strategies: StrategyReturns[] = [];
  const metrics: CompareInputs['metrics'] = new Map();
  backtests.forEach(({ name: stage, results }, b) => {
    const test = results.segments.test;
    if (!test) throw new Error(`${stage}: the backtest has no test segment; add test to its \`segments\``);
    for (const s of test.strategies) {
      if (s.baseline && b > 0) continue;
      const name = backtests.length > 1 && !s.baseline && strategies.some((x) => x.name === s.name) ? `${s.name}@${stage}` : s.name;
      const val = results.segments.val?.strategies.find((v) => v.name === s.name);
      strategies.push({
        name,
        kind: s.kind,
        baseline: s.baseline,
        test: { dates: test.dates, returns: Float64Array.from(s.portfolio.returns, (x) => x ?? NaN) },
        ...(val ? { val: { dates: results.segments.val!.dates, returns: Float64Array.from(val.portfolio.returns, (x) => x ?? NaN) } } : {}),
      });
      metrics.set(name, { test: s.portfolio.metrics, ...(val ? { val: val.portfolio.metrics } : {}) });
    }
  });
  const first = backtests[0]!.results;
  return {
    strategies,
    metrics,
    conventions: first.conventions,
    notes: first.notes,
    predictions: await Promise.all((ctx.inputs.predictions ?? []).map(async (a, i) => selectTickers(await readPredictions(a, sourceName(a, i)), options.tickers))),
    histories: (ctx.inputs.histories ?? []).map((a, i) => ({ name: sourceName(a, i), history: json(a) })),
    attention: (ctx.inputs.attention ?? []).map((a, i) => ({ name: sourceName(a, i), artifact: json(a) as AttentionArtifact })),
    ...(ctx.inputs.prices?.length ? { forwardReturn: await forwardReturns(ctx, options.icHorizon) } : {}),
  };
}

/** close[t + h] / close[t] - 1 per (ticker, date), from the price table. */
async function forwardReturns(ctx: StageContext, horizon: number): Promise<ForwardReturn> {
  const table = await ctx.readTable('prices', ['ticker', 'date', 'close']);
  const prices = pricesFromColumns(table.columns, table.metadata);
  const byTicker = new Map<string, Map<number, number>>();
  prices.tickers.forEach((ticker, i) => {
    const rows = new Map<number, number>();
    const end = prices.offsets[i + 1]!;
    for (let r = prices.offsets[i]!; r + horizon < end; r++) rows.set(prices.date[r]!, prices.close[r + horizon]! / prices.close[r]! - 1);
    byTicker.set(ticker, rows);
  });
  return (ticker, date) => byTicker.get(ticker)?.get(date) ?? NaN;
}
