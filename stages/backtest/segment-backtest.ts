/**
 * One segment's backtest:
 * 1. per ticker of the universe, the window of price bars from the first to the last date
 *    any source has a signal for in the segment (every strategy and baseline of a ticker
 *    replays the same bars, from flat, with fresh capital);
 * 2. each source's orders over its window, replayed for all tickers in one `runBacktest`;
 * 3. the baselines under the same fill mode and costs: buy-and-hold and the seeded random
 *    policy;
 * 4. per strategy the equal-weight portfolio on the union of the windows' dates, and the
 *    metrics per ticker and for the portfolio.
 */
import { buyAndHoldSignals, randomPolicySignals } from '../../src/quant/backtest/baseline-signals.js';
import type { Orders } from '../../src/quant/backtest/backtest-orders.js';
import type { FillAt } from '../../src/quant/backtest/backtest-options.js';
import { dateAxis, type DateAxis } from '../../src/quant/backtest/date-axis.js';
import { ordersFromSignals, type SignalFill } from '../../src/quant/backtest/orders-from-signals.js';
import { portfolioReturns } from '../../src/quant/backtest/portfolio-returns.js';
import { runBacktest, type BacktestResult } from '../../src/quant/backtest/run-backtest.js';
import { portfolioMetrics, tickerMetrics, type StrategyMetrics } from '../../src/quant/backtest/strategy-metrics.js';
import type { PriceTable } from '../../src/quant/data/price-table.js';
import type { PerformanceConventions } from '../../src/quant/metrics/performance-conventions.js';
import type { SignalSource, StrategyKind } from './signal-sources.js';

export interface BacktestSettings {
  fill: SignalFill;
  costBps: number;
  slippageBps: number;
  initialCash: number;
  allowShort: boolean;
  randomSeed: number;
  conventions: PerformanceConventions;
}

/** A ticker's window: rows [from, to) of the price table. */
export interface TickerWindow {
  ticker: string;
  from: number;
  to: number;
}

export interface StrategyRun {
  name: string;
  kind: StrategyKind;
  /** Where its orders filled: 'open' (next open) or 'close' (same close). */
  fillAt: FillAt;
  result: BacktestResult;
  portfolio: { value: Float64Array; returns: Float64Array; metrics: StrategyMetrics };
  tickers: StrategyMetrics[];
}

export interface SegmentRun {
  segment: 'val' | 'test';
  windows: TickerWindow[];
  /** Dates of every window's bars, end to end (ticker i's are [offsets[i], offsets[i + 1])). */
  barDates: Int32Array;
  axis: DateAxis;
  strategies: StrategyRun[];
}

const SEGMENT_CODE = { val: 1, test: 2 } as const;

export function backtestSegment(o: { segment: 'val' | 'test'; prices: PriceTable; universe: readonly string[]; sources: readonly SignalSource[]; settings: BacktestSettings }): SegmentRun | undefined {
  const code = SEGMENT_CODE[o.segment];
  const windows = tickerWindows(o.prices, o.universe, o.sources, code);
  if (windows.length === 0) return undefined;
  const offsets = new Int32Array(windows.length + 1);
  windows.forEach((w, i) => (offsets[i + 1] = offsets[i]! + w.to - w.from));
  const barDates = new Int32Array(offsets[windows.length]!);
  windows.forEach((w, i) => barDates.set(o.prices.date.subarray(w.from, w.to), offsets[i]!));
  const axis = dateAxis({ dates: barDates, offsets });
  const datesOf = (i: number): Int32Array => barDates.subarray(offsets[i]!, offsets[i + 1]!);
  const run = (name: string, kind: StrategyKind, ordersOf: (w: TickerWindow, i: number) => { orders: Orders; fillAt: FillAt }): StrategyRun => {
    const built = windows.map((w, i) => ordersOf(w, i));
    const fillAt = built[0]!.fillAt;
    const result = runBacktest({
      tickers: windows.map((w, i) => ({ open: o.prices.open.subarray(w.from, w.to), close: o.prices.close.subarray(w.from, w.to), orders: built[i]!.orders })),
      costBps: o.settings.costBps,
      slippageBps: o.settings.slippageBps,
      fillAt,
      allowShort: o.settings.allowShort && kind === 'classifier',
      initialCash: o.settings.initialCash,
    });
    const portfolio = portfolioReturns({ axis, equity: result.equity, offsets: result.offsets, initialCash: o.settings.initialCash });
    return {
      name,
      kind,
      fillAt,
      result,
      portfolio: { ...portfolio, metrics: portfolioMetrics(result, portfolio.returns, o.settings.conventions) },
      tickers: windows.map((_, i) => tickerMetrics(result, i, o.settings.conventions)),
    };
  };
  const fill = { fill: o.settings.fill };
  const strategies = [
    ...o.sources.map((s) => run(s.name, s.kind, (w, i) => s.orders(w.ticker, code, datesOf(i)))),
    run('buy-and-hold', 'baseline', (w) => ordersFromSignals(buyAndHoldSignals(w.to - w.from), fill)),
    run('random', 'baseline', (w) => ordersFromSignals(randomPolicySignals(w.to - w.from, { seed: o.settings.randomSeed, ticker: o.universe.indexOf(w.ticker) }), fill)),
  ];
  return { segment: o.segment, windows, barDates, axis, strategies };
}

/** Each universe ticker's bars from the first to the last signal date of the segment. */
function tickerWindows(prices: PriceTable, universe: readonly string[], sources: readonly SignalSource[], segment: number): TickerWindow[] {
  const windows: TickerWindow[] = [];
  for (const ticker of universe) {
    const t = prices.tickers.indexOf(ticker);
    if (t < 0) throw new Error(`ticker ${ticker} has signals but no prices; connect the \`prices\` output of the ingest stage the models were trained from`);
    let first = Infinity;
    let last = -Infinity;
    for (const s of sources) {
      for (const d of s.dates(ticker, segment)) {
        if (d < first) first = d;
        if (d > last) last = d;
      }
    }
    if (first > last) continue;
    const from = lowerBound(prices.date, prices.offsets[t]!, prices.offsets[t + 1]!, first);
    const to = lowerBound(prices.date, from, prices.offsets[t + 1]!, last + 1);
    if (to - from >= 2) windows.push({ ticker, from, to });
  }
  return windows;
}

function lowerBound(values: Int32Array, from: number, to: number, x: number): number {
  while (from < to) {
    const mid = (from + to) >> 1;
    if (values[mid]! < x) from = mid + 1;
    else to = mid;
  }
  return from;
}
