/**
 * The comparison itself, from the inputs:
 * 1. align every strategy's test returns on the common dates; statistics per stream;
 * 2. rank the candidates on validation Sharpe (test when no backtest replayed val) and
 *    decide the recommendation;
 * 3. classifier scores, McNemar pairs and IC;
 * 4. seed groups: mean ± std across seeds of test Sharpe, total return and accuracy.
 */
import { classifierStatistics, type ClassifierScore, type McNemarPair } from '../../src/quant/compare/classifier-statistics.js';
import { recommend, type RecommendationResult } from '../../src/quant/compare/recommendation.js';
import { returnStatistics, type StreamStatistics } from '../../src/quant/compare/return-statistics.js';
import { seedGroups } from '../../src/quant/compare/seed-groups.js';
import { alignOnCommonDates } from '../../src/quant/compare/strategy-returns.js';
import { perPeriodSharpe } from '../../src/quant/statistics/sample-moments.js';
import { summarizeSeeds, type SeedSummary } from '../../src/quant/statistics/seed-summary.js';
import type { CompareInputs } from './compare-inputs.js';

export interface CompareSettings {
  alpha: number;
  seed: number;
  resamples: number;
  blockLength?: number;
  periodsPerYear: number;
}

export interface Comparison {
  dates: string[];
  statistics: Map<string, StreamStatistics>;
  recommendation: RecommendationResult;
  classifiers: { scores: ClassifierScore[]; pairs: McNemarPair[] };
  seeds: { model: string; summaries: Record<string, SeedSummary> }[];
}

export function compareStrategies(inputs: CompareInputs, settings: CompareSettings): Comparison {
  const { strategies } = inputs;
  const benchmark = strategies.findIndex((s) => s.name === 'buy-and-hold');
  if (benchmark < 0) throw new Error('the backtest results have no buy-and-hold baseline; re-run the backtest stage (it always adds one)');
  const aligned = alignOnCommonDates(strategies.map((s) => s.test));
  const stats = returnStatistics({
    returns: aligned.returns,
    candidate: strategies.map((s) => !s.baseline),
    benchmark,
    options: { periodsPerYear: settings.periodsPerYear, seed: settings.seed, resamples: settings.resamples, ...(settings.blockLength ? { meanBlockLength: settings.blockLength } : {}) },
  });
  const hasVal = strategies.every((s) => s.val);
  const contenders = strategies.flatMap((s, i) =>
    s.baseline ? [] : [{ name: s.name, selectionSharpe: hasVal ? selectionSharpe(s.val!.returns) : stats[i]!.sharpe, testSharpe: stats[i]!.sharpe, testReturns: aligned.returns[i]!, pVsBuyAndHold: stats[i]!.dmPAdjusted, dsr: stats[i]!.dsr }],
  );
  const recommendation = recommend({ contenders, alpha: settings.alpha, selectedOn: hasVal ? 'val' : 'test', buyAndHoldSharpe: stats[benchmark]!.sharpe });
  const classifiers = inputs.predictions.length > 0 ? classifierStatistics(inputs.predictions, inputs.forwardReturn) : { scores: [], pairs: [] };
  return {
    dates: aligned.dates,
    statistics: new Map(strategies.map((s, i) => [s.name, stats[i]!])),
    recommendation,
    classifiers,
    seeds: seedSummaries(inputs, stats, classifiers.scores),
  };
}

function selectionSharpe(returns: Float64Array): number {
  const s = returns.length >= 2 ? perPeriodSharpe(returns) : NaN;
  return Number.isFinite(s) ? s : NaN;
}

function seedSummaries(inputs: CompareInputs, stats: StreamStatistics[], scores: ClassifierScore[]): Comparison['seeds'] {
  const names = inputs.strategies.map((s) => s.name);
  return seedGroups(names).map(({ model, members }) => {
    const summaries: Record<string, SeedSummary> = {};
    const sharpes = members.map((i) => stats[i]!.sharpe).filter(Number.isFinite);
    if (sharpes.length === members.length) summaries.sharpe = summarizeSeeds(sharpes);
    const totals = members.map((i) => Number(inputs.metrics.get(names[i]!)?.test?.totalReturn));
    if (totals.every(Number.isFinite)) summaries.totalReturn = summarizeSeeds(totals, { digits: 4 });
    const accuracy = members.map((i) => scores.find((s) => s.name === names[i])?.metrics.accuracy ?? NaN);
    if (accuracy.every(Number.isFinite)) summaries.accuracy = summarizeSeeds(accuracy);
    return { model, summaries };
  });
}
