/**
 * The trained policy run greedily over the val and the test segments, once each:
 * 1. `TradingEnv.evaluation` per segment, stepped until done, every step's trace kept;
 * 2. per segment, the log line of its episodes (mean return, Sharpe, max drawdown, trades)
 *    next to buy-and-hold over the same bars, and the fills made at a close for want of an open;
 * 3. the `actions` table: ticker, date, segment (0 train, 1 val, 2 test, as in `predictions`),
 *    action, position (fraction of equity), equity, fill_fallback.
 */
import type { StageContext } from '../src/engine/contract.js';
import type { EnvConfig } from '../src/quant/rl/env-config.js';
import type { EnvMarket } from '../src/quant/rl/env-market.js';
import type { EpisodeResult } from '../src/quant/rl/env-episode-log.js';
import { TradingEnv } from '../src/quant/rl/trading-env.js';

/** The greedy policy: one allowed action per observation row. */
export type GreedyPolicy = (observations: Float32Array, mask: Uint8Array) => Int32Array;

/** Per-segment summary, also written into the history output. */
export interface SegmentEvaluation {
  segment: 'val' | 'test';
  episodes: number;
  steps: number;
  meanReturn: number;
  meanSharpe: number;
  maxDrawdown: number;
  trades: number;
  buyAndHoldReturn: number;
  fallbackFills: number;
}

interface Trace {
  ticker: number[];
  date: number[];
  segment: number[];
  action: number[];
  position: number[];
  equity: number[];
  fallback: number[];
}

export async function evaluatePolicy(ctx: StageContext, o: { market: EnvMarket; tickers: string[]; config: EnvConfig; policy: GreedyPolicy }): Promise<SegmentEvaluation[]> {
  const trace: Trace = { ticker: [], date: [], segment: [], action: [], position: [], equity: [], fallback: [] };
  const summaries: SegmentEvaluation[] = [];
  for (const segment of ['val', 'test'] as const) {
    const code = segment === 'val' ? 1 : 2;
    if (!o.market.segment.includes(code)) continue;
    const env = TradingEnv.evaluation({ market: o.market, segment, config: o.config });
    const obs = new Float32Array(env.count * env.observationSize);
    const mask = new Uint8Array(env.count * env.actionCount);
    const episodes: EpisodeResult[] = [];
    while (!env.done) {
      env.observe(obs);
      env.actionMask(mask);
      env.step(o.policy(obs, mask));
      const t = env.trace;
      for (let i = 0; i < env.count; i++) {
        if (!t.stepped[i]) continue;
        trace.ticker.push(t.ticker[i]!);
        trace.date.push(t.date[i]!);
        trace.segment.push(code);
        trace.action.push(t.action[i]!);
        trace.position.push(t.positionFraction[i]!);
        trace.equity.push(t.equity[i]!);
        trace.fallback.push(t.fallback[i]!);
      }
      episodes.push(...env.drainEpisodes());
    }
    const summary = summarize(segment, episodes, o.market);
    summaries.push(summary);
    ctx.log(`${segment}: ${summary.episodes} episodes, ${summary.steps} steps, mean return ${pct(summary.meanReturn)} (buy and hold ${pct(summary.buyAndHoldReturn)}), mean Sharpe ${summary.meanSharpe.toFixed(2)}, worst drawdown ${pct(summary.maxDrawdown)}, ${summary.trades} trades${summary.fallbackFills ? `, ${summary.fallbackFills} fills at the close (no open)` : ''}${env.skippedTickers.length ? `; skipped (too few rows): ${env.skippedTickers.map((k) => o.tickers[k]).join(', ')}` : ''}`);
  }
  await ctx.output('actions', {
    columns: [
      ['ticker', { kind: 'strings', indices: Int32Array.from(trace.ticker), dictionary: o.tickers }],
      ['date', { kind: 'date', days: Int32Array.from(trace.date) }],
      ['segment', { kind: 'int8', values: Int8Array.from(trace.segment) }],
      ['action', { kind: 'int8', values: Int8Array.from(trace.action) }],
      ['position', { kind: 'float64', values: Float64Array.from(trace.position) }],
      ['equity', { kind: 'float64', values: Float64Array.from(trace.equity) }],
      ['fill_fallback', { kind: 'int8', values: Int8Array.from(trace.fallback) }],
    ],
  });
  return summaries;
}

function summarize(segment: 'val' | 'test', episodes: EpisodeResult[], market: EnvMarket): SegmentEvaluation {
  const mean = (f: (e: EpisodeResult) => number) => (episodes.length ? episodes.reduce((s, e) => s + f(e), 0) / episodes.length : 0);
  return {
    segment,
    episodes: episodes.length,
    steps: episodes.reduce((s, e) => s + e.steps, 0),
    meanReturn: mean((e) => e.stats.totalReturn),
    meanSharpe: mean((e) => (Number.isFinite(e.stats.sharpe) ? e.stats.sharpe : 0)),
    maxDrawdown: Math.max(0, ...episodes.map((e) => e.stats.maxDrawdown)),
    trades: episodes.reduce((s, e) => s + e.stats.trades, 0),
    // Close to close over the episode's bars, no costs: what holding the ticker would have made.
    buyAndHoldReturn: mean((e) => market.close[e.endRow]! / market.close[e.startRow]! - 1),
    fallbackFills: episodes.reduce((s, e) => s + e.fallbackFills, 0),
  };
}

function pct(x: number): string {
  return `${(100 * x).toFixed(2)} %`;
}
