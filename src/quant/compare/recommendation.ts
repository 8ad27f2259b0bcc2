/**
 * The recommendation, in plain words. A model is named only when the evidence holds after
 * paying for the number of models tried:
 * 1. candidates (every non-baseline strategy) are ranked by Sharpe on the validation
 *    segment (the test segment only when no validation backtest exists, and then the text
 *    says the choice was made on test);
 * 2. the top one must beat buy-and-hold: its one-sided Diebold–Mariano p-value, Holm-adjusted
 *    over all N candidates, at most alpha;
 * 3. and beat the runner-up: DM of top vs each other candidate, Holm-adjusted over those
 *    N - 1 tests, at most alpha for the runner-up;
 * otherwise it says plainly that no model is distinguishable from buy-and-hold, or that the
 * leaders cannot be told apart.
 */
import { dieboldMarianoReturns } from '../statistics/diebold-mariano.js';
import { holmAdjust } from '../statistics/multiple-comparison.js';

export type Verdict = 'best-model' | 'no-model-beats-buy-and-hold' | 'no-clear-winner' | 'insufficient-data';

export interface Contender {
  name: string;
  /** Sharpe on the selection segment. */
  selectionSharpe: number;
  /** Annualized Sharpe on test. */
  testSharpe: number;
  /** Test returns, aligned with every other contender's. */
  testReturns: Float64Array;
  /** DM p vs buy-and-hold, Holm-adjusted over the candidates. */
  pVsBuyAndHold: number;
  dsr: number;
}

export interface RecommendationResult {
  verdict: Verdict;
  best?: string;
  text: string;
  details: string[];
}

const MIN_PERIODS = 20;

export function recommend(o: { contenders: readonly Contender[]; alpha: number; selectedOn: 'val' | 'test'; buyAndHoldSharpe: number }): RecommendationResult {
  const { contenders, alpha } = o;
  const periods = contenders[0]?.testReturns.length ?? 0;
  if (contenders.length === 0) return { verdict: 'insufficient-data', text: 'There is no model to compare: the backtest holds only baselines.', details: [] };
  if (periods < MIN_PERIODS) return { verdict: 'insufficient-data', text: `The test segment has ${periods} periods; at least ${MIN_PERIODS} are needed to tell any model from buy-and-hold.`, details: [] };
  const ranked = [...contenders].sort((a, b) => rankValue(b.selectionSharpe) - rankValue(a.selectionSharpe));
  const top = ranked[0]!;
  const chosen = `${top.name} has the best ${o.selectedOn === 'val' ? 'validation' : 'TEST (no validation backtest: chosen and judged on the same data)'} Sharpe`;
  const details = [
    `${chosen}; test Sharpe ${fmt(top.testSharpe)} vs buy-and-hold ${fmt(o.buyAndHoldSharpe)}.`,
    `Diebold–Mariano vs buy-and-hold (one-sided, Holm-adjusted over ${contenders.length} model${contenders.length === 1 ? '' : 's'}): p = ${fmtP(top.pVsBuyAndHold)}; deflated Sharpe ratio ${fmt(top.dsr)}.`,
  ];
  if (!(top.pVsBuyAndHold <= alpha)) {
    return {
      verdict: 'no-model-beats-buy-and-hold',
      text: `No model is distinguishable from buy-and-hold on the test segment after costs: the best candidate, ${top.name}, does not earn significantly more (adjusted p = ${fmtP(top.pVsBuyAndHold)}, alpha ${alpha}). Holding the index is as good as anything tried here.`,
      details,
    };
  }
  const others = ranked.slice(1);
  if (others.length > 0) {
    const pRaw = others.map((c) => dieboldMarianoReturns({ model: top.testReturns, benchmark: c.testReturns }).pGreater);
    const adjusted = holmAdjust(pRaw.map((p) => (Number.isNaN(p) ? 1 : p)));
    const runnerUp = others[0]!;
    details.push(`Diebold–Mariano vs the runner-up ${runnerUp.name} (one-sided, Holm-adjusted over ${others.length} comparison${others.length === 1 ? '' : 's'}): p = ${fmtP(adjusted[0]!)}.`);
    if (!(adjusted[0]! <= alpha)) {
      return {
        verdict: 'no-clear-winner',
        best: top.name,
        text: `${top.name} beats buy-and-hold on the test segment (adjusted p = ${fmtP(top.pVsBuyAndHold)}), but it cannot be told apart from ${runnerUp.name} (adjusted p = ${fmtP(adjusted[0]!)}): no single model is recommended.`,
        details,
      };
    }
  }
  return {
    verdict: 'best-model',
    best: top.name,
    text: `${top.name} is recommended: it beats buy-and-hold${others.length > 0 ? ` and the runner-up ${others[0]!.name}` : ''} on the test segment after costs and after correcting for ${contenders.length} model${contenders.length === 1 ? '' : 's'} tried.`,
    details,
  };
}

function rankValue(x: number): number {
  return Number.isNaN(x) ? -Infinity : x;
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : 'undefined';
}

function fmtP(p: number): string {
  if (!Number.isFinite(p)) return 'undefined';
  return p < 1e-4 ? p.toExponential(1) : p.toFixed(4);
}
