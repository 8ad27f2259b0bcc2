/**
 * Runs `backtest`:
 * 1. read the prices and every signal source (predictions or actions, named after their stage);
 * 2. choose the universe: tickers every source has, narrowed by `tickers:`;
 * 3. backtest each segment (segment-backtest.ts): the sources and the baselines under the
 *    same fills and costs, per ticker and as an equal-weight portfolio;
 * 4. write results, equity, trades and the metrics CSV.
 */
import type { StageContext } from '../../src/engine/contract.js';
import { formatIsoDay } from '../../src/quant/data/price-table.js';
import { describeConventions, type PerformanceConventions } from '../../src/quant/metrics/performance-conventions.js';
import type { ClassifierRule } from '../../src/quant/backtest/classifier-positions.js';
import type { SignalFill } from '../../src/quant/backtest/orders-from-signals.js';
import { pricesFromColumns } from '../price-arrow.js';
import { writeBacktestOutputs } from './backtest-outputs.js';
import { backtestSegment, type BacktestSettings, type SegmentRun } from './segment-backtest.js';
import { readSignalSources, type SignalSource } from './signal-sources.js';

interface BacktestParams {
  segments: ('val' | 'test')[];
  tickers: string[] | number | null;
  threshold: number;
  long_short: boolean;
  sizing: ClassifierRule['sizing'];
  fill: SignalFill;
  cost_bps: number;
  slippage_bps: number;
  initial_cash: number;
  random_seed: number;
  periods_per_year: number;
  risk_free: number;
}

export async function run(ctx: StageContext): Promise<void> {
  const p = ctx.params as unknown as BacktestParams;
  const table = await ctx.readTable('prices');
  const prices = pricesFromColumns(table.columns, table.metadata);
  const rule: ClassifierRule = { threshold: p.threshold, longShort: p.long_short, sizing: p.sizing };
  const sources = await readSignalSources(ctx.inputs.signals ?? [], { rule, fill: p.fill });
  if (sources.length === 0) throw new Error('backtest needs at least one signal: `in: { signals: [model.predictions, agent.actions] }`');
  const universe = chooseUniverse(sources, p.tickers);
  const conventions: PerformanceConventions = { periodsPerYear: p.periods_per_year, riskFreeAnnual: p.risk_free };
  const settings: BacktestSettings = { fill: p.fill, costBps: p.cost_bps, slippageBps: p.slippage_bps, initialCash: p.initial_cash, allowShort: p.long_short, randomSeed: p.random_seed, conventions };
  const runs: SegmentRun[] = [];
  p.segments.forEach((segment, k) => {
    ctx.progress({ done: k, total: p.segments.length, message: `backtesting ${segment}: ${sources.length} strategies + 2 baselines over ${universe.length} tickers` });
    const run = backtestSegment({ segment, prices, universe, sources, settings });
    if (!run) return ctx.log(`${segment}: no signals in this segment; skipped`);
    runs.push(run);
    for (const s of run.strategies) {
      const m = s.portfolio.metrics;
      ctx.log(`${segment} ${s.name}: total return ${(m.totalReturn * 100).toFixed(2)}%, Sharpe ${m.sharpe.toFixed(3)}, max drawdown ${(m.maxDrawdown * 100).toFixed(2)}%, ${m.trades} trades`);
    }
  });
  if (runs.length === 0) throw new Error(`no signal falls in the segments ${p.segments.join(', ')}; the sources' rows are all in other segments (hint: predictions come for val and test rows)`);
  await writeBacktestOutputs(ctx, runs, {
    conventions: { ...describeConventions(conventions), initialCash: p.initial_cash, currency: 'account currency per ticker (initial_cash each)', costBps: p.cost_bps, slippageBps: p.slippage_bps },
    settings: { fill: p.fill, threshold: p.threshold, longShort: p.long_short, sizing: p.sizing, randomSeed: p.random_seed, universe },
    notes: notes(p, runs),
  });
}

/** Tickers every source has, in name order, narrowed by the `tickers` param. */
function chooseUniverse(sources: readonly SignalSource[], wanted: BacktestParams['tickers']): string[] {
  const common = [...sources[0]!.tickers].filter((t) => sources.every((s) => s.tickers.has(t))).sort();
  if (common.length === 0) throw new Error(`the signal sources share no ticker (${sources.map((s) => `${s.name}: ${[...s.tickers].slice(0, 3).join(', ')}`).join('; ')})`);
  if (wanted === null) return common;
  if (typeof wanted === 'number') return common.slice(0, wanted);
  const missing = wanted.filter((t) => !common.includes(t));
  if (missing.length > 0) throw new Error(`tickers: ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no signals from every source; available: ${common.slice(0, 12).join(', ')}${common.length > 12 ? ', ...' : ''}`);
  return [...wanted].sort();
}

function notes(p: BacktestParams, runs: readonly SegmentRun[]): string[] {
  const out = [
    p.fill === 'next-open'
      ? 'Classifier signals decided at a close trade at the next bar\'s open (the close when the open is missing).'
      : 'SAME-CLOSE FILLS: classifier signals trade at the close they were computed from, which needs that close before it is known; results are optimistic.',
    `Costs: ${p.cost_bps} bps commission and ${p.slippage_bps} bps slippage on every fill, baselines included.`,
    'Portfolio: equal-weight sleeves per ticker, never rebalanced.',
  ];
  for (const run of runs) {
    const fallback = run.strategies.reduce((n, s) => n + s.result.fallbackFills.reduce((a, b) => a + b, 0), 0);
    if (fallback > 0) out.push(`${run.segment}: ${fallback} fills used the close because the open was missing.`);
    out.push(`${run.segment}: ${run.windows.length} tickers, ${formatIsoDay(run.axis.dates[0]!)} to ${formatIsoDay(run.axis.dates[run.axis.dates.length - 1]!)}.`);
  }
  return out;
}
