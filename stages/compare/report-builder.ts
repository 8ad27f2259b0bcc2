/**
 * Builds the `ReportModel` (src/quant/report/report-model.ts) from the inputs and the
 * comparison: the summary table, equity curves per segment, learning curves, confusion
 * matrices, attention maps and the statistics tables. Pure: the same inputs give the same
 * model, byte for byte, so the report artifact is cached honestly.
 */
import { alignOnCommonDates } from '../../src/quant/compare/strategy-returns.js';
import type { LearningCurves, ReportModel, ReportRow, StatisticsTable } from '../../src/quant/report/report-model.js';
import { lastAttentionMaps } from '../attention-artifact.js';
import type { CompareInputs } from './compare-inputs.js';
import type { Comparison } from './comparison.js';

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

export function buildReport(o: { title: string; pipeline: string; stage: string; inputs: CompareInputs; comparison: Comparison }): ReportModel {
  const { inputs, comparison } = o;
  const c = inputs.conventions;
  return {
    title: o.title,
    pipeline: o.pipeline,
    generatedFrom: { stage: o.stage },
    conventions: {
      'periods per year': num(c.periodsPerYear) ?? 252,
      'risk-free rate (annual)': num(c.riskFreeAnnual) ?? 0,
      'commission (bps)': num(c.costBps) ?? 0,
      'slippage (bps)': num(c.slippageBps) ?? 0,
      'test days compared': comparison.dates.length,
      returns: 'simple daily returns of the equal-weight portfolio of per-ticker accounts',
    },
    recommendation: { verdict: comparison.recommendation.verdict, text: comparison.recommendation.text, details: comparison.recommendation.details },
    summary: summaryTable(inputs, comparison),
    equityCurves: (['test', 'val'] as const).flatMap((segment) => equityCurves(inputs, segment)),
    learningCurves: inputs.histories.flatMap(({ name, history }) => learningCurves(name, history)),
    confusionMatrices: comparison.classifiers.scores.map((s) => ({ model: s.name, classes: classNames(s.metrics.classes), matrix: s.metrics.confusion })),
    attentionMaps: inputs.attention.flatMap(({ name, artifact }) => lastAttentionMaps(artifact, 30).map((m) => ({ model: name, ...m }))),
    tables: [significanceTable(inputs, comparison), ...classifierTables(comparison), ...seedTable(comparison)],
    notes: [...inputs.notes, ...undefinedNotes(comparison)],
  };
}

function summaryTable(inputs: CompareInputs, comparison: Comparison): ReportModel['summary'] {
  const rows: ReportRow[] = inputs.strategies.map((s) => {
    const m = inputs.metrics.get(s.name)?.test ?? {};
    const st = comparison.statistics.get(s.name)!;
    return {
      name: s.name,
      kind: s.kind,
      baseline: s.baseline,
      values: {
        totalReturn: num(m.totalReturn), cagr: num(m.cagr), annualVolatility: num(m.annualVolatility), sharpe: num(st.sharpe),
        sharpeCi: Number.isFinite(st.sharpeLower) ? `[${st.sharpeLower.toFixed(2)}, ${st.sharpeUpper.toFixed(2)}]` : null,
        sortino: num(m.sortino), calmar: num(m.calmar), maxDrawdown: num(m.maxDrawdown), maxDrawdownDuration: num(m.maxDrawdownDuration),
        winRate: num(m.winRate), profitFactor: m.profitFactor === 'Infinity' ? '∞' : num(m.profitFactor), exposure: num(m.exposure), turnover: num(m.turnover), trades: num(m.trades),
        psr: num(st.psr), dmP: s.baseline ? null : num(st.dmPAdjusted),
      },
    };
  });
  return {
    columns: [
      { key: 'totalReturn', label: 'Total return', format: 'percent' },
      { key: 'cagr', label: 'CAGR', format: 'percent' },
      { key: 'annualVolatility', label: 'Ann. vol', format: 'percent' },
      { key: 'sharpe', label: 'Sharpe', format: 'ratio' },
      { key: 'sharpeCi', label: 'Sharpe 95% CI', format: 'text' },
      { key: 'sortino', label: 'Sortino', format: 'ratio' },
      { key: 'calmar', label: 'Calmar', format: 'ratio' },
      { key: 'maxDrawdown', label: 'Max DD', format: 'percent' },
      { key: 'maxDrawdownDuration', label: 'DD bars', format: 'integer' },
      { key: 'winRate', label: 'Win rate', format: 'percent' },
      { key: 'profitFactor', label: 'Profit factor', format: 'ratio' },
      { key: 'exposure', label: 'Exposure', format: 'percent' },
      { key: 'turnover', label: 'Turnover/yr', format: 'ratio' },
      { key: 'trades', label: 'Trades', format: 'integer' },
      { key: 'psr', label: 'PSR', format: 'ratio' },
      { key: 'dmP', label: 'p vs B&H (adj.)', format: 'pvalue' },
    ],
    rows,
  };
}

function equityCurves(inputs: CompareInputs, segment: 'test' | 'val'): ReportModel['equityCurves'] {
  const withSegment = inputs.strategies.filter((s) => (segment === 'test' ? s.test : s.val));
  if (withSegment.length === 0) return [];
  const aligned = alignOnCommonDates(withSegment.map((s) => (segment === 'test' ? s.test : s.val!)));
  const series = withSegment.map((s, i) => {
    let wealth = 1;
    return { name: s.name, baseline: s.baseline, values: Array.from(aligned.returns[i]!, (r) => (Number.isFinite(r) ? (wealth *= 1 + r) : null)) };
  });
  return [{ segment, dates: aligned.dates, series }];
}

/** Supervised histories ({ epochs }) by epoch; RL curves ({ curve }) by frames. */
function learningCurves(model: string, history: unknown): LearningCurves[] {
  const h = history as { epochs?: Record<string, number | null>[]; curve?: Record<string, unknown>[] };
  if (Array.isArray(h.epochs) && h.epochs.length > 0) {
    const x = h.epochs.map((e) => Number(e.epoch) + 1);
    const pick = (key: string) => h.epochs!.map((e) => num(e[key]));
    return [{ model, xLabel: 'epoch', series: [
      { name: 'loss', x, y: pick('trainLoss') }, { name: 'val_loss', x, y: pick('valLoss') },
      { name: 'accuracy', x, y: pick('trainAccuracy') }, { name: 'val_accuracy', x, y: pick('valAccuracy') },
    ] }];
  }
  if (Array.isArray(h.curve) && h.curve.length > 0) {
    return [{ model, xLabel: 'frames', series: [{ name: 'episode_return', x: h.curve.map((p) => Number(p.steps)), y: h.curve.map((p) => num(p.meanEpisodeReturn)) }] }];
  }
  return [];
}

function classNames(k: number): string[] {
  return k === 2 ? ['down', 'up'] : k === 3 ? ['down', 'flat', 'up'] : Array.from({ length: k }, (_, i) => `class ${i}`);
}

function significanceTable(inputs: CompareInputs, comparison: Comparison): StatisticsTable {
  return {
    id: 'significance',
    title: 'Returns against buy-and-hold',
    note: `Test segment, ${comparison.dates.length} common days. Sharpe CI: stationary bootstrap (seeded). DM: Diebold–Mariano with the Harvey–Leybourne–Newbold correction, loss = -return, H1: the strategy earns more than buy-and-hold; adjusted by Holm over every model. DSR: deflated Sharpe ratio over all models compared (raw kurtosis).`,
    columns: [
      { key: 'sharpe', label: 'Sharpe', format: 'ratio' }, { key: 'lower', label: 'CI low', format: 'ratio' }, { key: 'upper', label: 'CI high', format: 'ratio' },
      { key: 'psr', label: 'PSR', format: 'ratio' }, { key: 'dm', label: 'DM stat', format: 'ratio' }, { key: 'p', label: 'p', format: 'pvalue' },
      { key: 'pAdj', label: 'p (Holm)', format: 'pvalue' }, { key: 'dsr', label: 'DSR', format: 'ratio' },
    ],
    rows: inputs.strategies.map((s) => {
      const st = comparison.statistics.get(s.name)!;
      return { name: s.name, kind: s.kind, baseline: s.baseline, values: { sharpe: num(st.sharpe), lower: num(st.sharpeLower), upper: num(st.sharpeUpper), psr: num(st.psr), dm: num(st.dmStatistic), p: num(st.dmP), pAdj: num(st.dmPAdjusted), dsr: num(st.dsr) } };
    }),
  };
}

function classifierTables(comparison: Comparison): StatisticsTable[] {
  const { scores, pairs } = comparison.classifiers;
  if (scores.length === 0) return [];
  const tables: StatisticsTable[] = [{
    id: 'classifiers',
    title: 'Classifiers on the test segment',
    note: 'IC and rank IC: daily cross-sectional Pearson and Spearman correlation of P(up) with the realized forward return, then their mean and mean/std (ICIR), as Qlib reports them.',
    columns: [
      { key: 'rows', label: 'Rows', format: 'integer' }, { key: 'accuracy', label: 'Accuracy', format: 'percent' }, { key: 'macroF1', label: 'Macro F1', format: 'ratio' },
      { key: 'precisionUp', label: 'Precision (up)', format: 'ratio' }, { key: 'recallUp', label: 'Recall (up)', format: 'ratio' },
      { key: 'ic', label: 'IC', format: 'ratio' }, { key: 'icir', label: 'ICIR', format: 'ratio' }, { key: 'rankIc', label: 'Rank IC', format: 'ratio' }, { key: 'rankIcir', label: 'Rank ICIR', format: 'ratio' },
    ],
    rows: scores.map((s) => {
      const up = s.metrics.classes - 1;
      return { name: s.name, kind: 'classifier', values: { rows: s.metrics.rows, accuracy: s.metrics.accuracy, macroF1: s.metrics.macroF1, precisionUp: s.metrics.precision[up]!, recallUp: s.metrics.recall[up]!, ic: num(s.ic?.icMean), icir: num(s.ic?.icir), rankIc: num(s.ic?.rankIcMean), rankIcir: num(s.ic?.rankIcir) } };
    }),
  }];
  if (pairs.length > 0) {
    tables.push({
      id: 'mcnemar',
      title: 'McNemar tests between classifiers',
      note: 'b: rows only the first model gets right; c: only the second. Exact binomial p below 25 discordant rows, chi-square with continuity correction otherwise.',
      columns: [{ key: 'rows', label: 'Rows', format: 'integer' }, { key: 'b', label: 'b', format: 'integer' }, { key: 'c', label: 'c', format: 'integer' }, { key: 'method', label: 'Test', format: 'text' }, { key: 'p', label: 'p', format: 'pvalue' }],
      rows: pairs.map((p) => ({ name: `${p.a} vs ${p.b}`, values: { rows: p.rows, b: p.result.b, c: p.result.c, method: p.result.method, p: p.result.p } })),
    });
  }
  return tables;
}

function seedTable(comparison: Comparison): StatisticsTable[] {
  if (comparison.seeds.length === 0) return [];
  return [{
    id: 'seeds',
    title: 'Across seeds',
    note: 'Mean ± standard deviation (ddof 1) over the runs that differ only by seed.',
    columns: [{ key: 'sharpe', label: 'Sharpe', format: 'text' }, { key: 'totalReturn', label: 'Total return', format: 'text' }, { key: 'accuracy', label: 'Accuracy', format: 'text' }],
    rows: comparison.seeds.map((g) => ({ name: g.model, values: { sharpe: g.summaries.sharpe?.text ?? null, totalReturn: g.summaries.totalReturn?.text ?? null, accuracy: g.summaries.accuracy?.text ?? null } })),
  }];
}

function undefinedNotes(comparison: Comparison): string[] {
  return [...comparison.statistics].flatMap(([name, s]) => (s.undefinedReason ? [`${name}: Sharpe-based statistics undefined: ${s.undefinedReason}.`] : []));
}
