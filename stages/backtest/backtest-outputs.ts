/**
 * The backtest's four outputs from its segment runs:
 * 1. `results` (JSON): conventions, settings, notes, and per segment and strategy the
 *    portfolio metrics and per-date returns plus the per-ticker metrics: what `compare`
 *    and the report read;
 * 2. `equity` (Parquet): every bar of every strategy and ticker, and the portfolio;
 * 3. `trades` (Parquet): the journal;
 * 4. `metrics_csv`: the metrics as one CSV table, conventions in `#` lines on top.
 * Non-finite metrics are written as null (undefined ratios) or the string "Infinity"
 * (a profit factor with no losing trade).
 */
import type { StageContext } from '../../src/engine/contract.js';
import type { Column } from '../../src/io/column.js';
import type { StrategyMetrics } from '../../src/quant/backtest/strategy-metrics.js';
import { formatIsoDay } from '../../src/quant/data/price-table.js';
import type { SegmentRun, StrategyRun } from './segment-backtest.js';

export const PORTFOLIO = '(portfolio)';
const SEGMENT_CODE = { val: 1, test: 2 } as const;

/** A metric value as JSON can hold it. */
export function jsonNumber(x: number): number | string | null {
  if (Number.isFinite(x)) return x;
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return null;
}

function metricsJson(m: StrategyMetrics): Record<string, number | string | null> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, jsonNumber(v as number)]));
}

export function resultsJson(runs: readonly SegmentRun[], header: Record<string, unknown>): unknown {
  return {
    ...header,
    segments: Object.fromEntries(
      runs.map((run) => [
        run.segment,
        {
          tickers: run.windows.map((w) => w.ticker),
          dates: Array.from(run.axis.dates, formatIsoDay),
          strategies: run.strategies.map((s) => ({
            name: s.name,
            kind: s.kind,
            baseline: s.kind === 'baseline',
            fill: s.fillAt === 'open' ? 'next-open' : 'same-close',
            portfolio: { metrics: metricsJson(s.portfolio.metrics), returns: Array.from(s.portfolio.returns, jsonNumber) },
            tickers: run.windows.map((w, i) => ({
              ticker: w.ticker,
              metrics: metricsJson(s.tickers[i]!),
              infeasibleActions: s.result.infeasible[i],
              fallbackFills: s.result.fallbackFills[i],
              droppedSignals: s.result.droppedSignals[i],
            })),
          })),
        },
      ]),
    ),
  };
}

/** Rows of the equity table: per strategy, its tickers' bars then its portfolio's dates. */
export function equityColumns(runs: readonly SegmentRun[]): [string, Column][] {
  const strategies = [...new Set(runs.flatMap((r) => r.strategies.map((s) => s.name)))];
  const tickers = [PORTFOLIO, ...new Set(runs.flatMap((r) => r.windows.map((w) => w.ticker)))];
  const tickerIndex = new Map(tickers.map((t, i) => [t, i]));
  const rows = runs.reduce((n, r) => n + r.strategies.length * (r.barDates.length + r.axis.dates.length), 0);
  const c = { strategy: new Int32Array(rows), segment: new Int8Array(rows), ticker: new Int32Array(rows), date: new Int32Array(rows), equity: new Float64Array(rows), ret: new Float64Array(rows), position: new Float64Array(rows) };
  let at = 0;
  for (const run of runs) {
    for (const s of run.strategies) {
      const strategy = strategies.indexOf(s.name);
      const bars = run.barDates.length;
      c.strategy.fill(strategy, at, at + bars + run.axis.dates.length);
      c.segment.fill(SEGMENT_CODE[run.segment], at, at + bars + run.axis.dates.length);
      run.windows.forEach((w, i) => c.ticker.fill(tickerIndex.get(w.ticker)!, at + s.result.offsets[i]!, at + s.result.offsets[i + 1]!));
      c.date.set(run.barDates, at);
      c.equity.set(s.result.equity, at);
      c.ret.set(s.result.returns, at);
      c.position.set(s.result.position, at);
      at += bars;
      const n = run.axis.dates.length;
      c.ticker.fill(0, at, at + n);
      c.date.set(run.axis.dates, at);
      c.equity.set(s.portfolio.value, at);
      c.ret.set(s.portfolio.returns, at);
      c.position.fill(Number.NaN, at, at + n);
      at += n;
    }
  }
  return [
    ['strategy', { kind: 'strings', indices: c.strategy, dictionary: strategies }],
    ['segment', { kind: 'int8', values: c.segment }],
    ['ticker', { kind: 'strings', indices: c.ticker, dictionary: tickers }],
    ['date', { kind: 'date', days: c.date }],
    ['equity', { kind: 'float64', values: c.equity }],
    ['return', { kind: 'float64', values: c.ret }],
    ['position', { kind: 'float64', values: c.position }],
  ];
}

export function tradeColumns(runs: readonly SegmentRun[]): [string, Column][] {
  const strategies = [...new Set(runs.flatMap((r) => r.strategies.map((s) => s.name)))];
  const tickers = [...new Set(runs.flatMap((r) => r.windows.map((w) => w.ticker)))];
  const tickerIndex = new Map(tickers.map((t, i) => [t, i]));
  const parts = runs.flatMap((run) => run.strategies.map((s) => ({ run, s })));
  const rows = parts.reduce((n, p) => n + p.s.result.trades.count, 0);
  const ints = () => new Int32Array(rows);
  const floats = () => new Float64Array(rows);
  const c = { strategy: ints(), segment: new Int8Array(rows), ticker: ints(), side: new Int8Array(rows), entry: ints(), exit: ints(), open: new Int8Array(rows), entryPrice: floats(), exitPrice: floats(), shares: floats(), gross: floats(), fees: floats(), slippage: floats(), net: floats(), holding: ints() };
  let at = 0;
  for (const { run, s } of parts) {
    appendTrades(c, at, run, s, strategies.indexOf(s.name), tickerIndex);
    at += s.result.trades.count;
  }
  return [
    ['strategy', { kind: 'strings', indices: c.strategy, dictionary: strategies }],
    ['segment', { kind: 'int8', values: c.segment }],
    ['ticker', { kind: 'strings', indices: c.ticker, dictionary: tickers }],
    ['side', { kind: 'int8', values: c.side }],
    ['entry_date', { kind: 'date', days: c.entry }],
    ['exit_date', { kind: 'date', days: c.exit }],
    ['open', { kind: 'int8', values: c.open }],
    ['entry_price', { kind: 'float64', values: c.entryPrice }],
    ['exit_price', { kind: 'float64', values: c.exitPrice }],
    ['max_shares', { kind: 'float64', values: c.shares }],
    ['gross_pnl', { kind: 'float64', values: c.gross }],
    ['fees', { kind: 'float64', values: c.fees }],
    ['slippage', { kind: 'float64', values: c.slippage }],
    ['net_pnl', { kind: 'float64', values: c.net }],
    ['holding_bars', { kind: 'int32', values: c.holding }],
  ];
}

type TradeColumns = Record<'strategy' | 'ticker' | 'entry' | 'exit' | 'holding', Int32Array> & Record<'segment' | 'side' | 'open', Int8Array> & Record<'entryPrice' | 'exitPrice' | 'shares' | 'gross' | 'fees' | 'slippage' | 'net', Float64Array>;

/** Copies one strategy's journal in; an open trade's exit date is the window's last date. */
function appendTrades(c: TradeColumns, at: number, run: SegmentRun, s: StrategyRun, strategy: number, tickerIndex: Map<string, number>): void {
  const t = s.result.trades;
  for (let k = 0; k < t.count; k++) {
    const i = t.ticker[k]!;
    const bars = run.barDates.subarray(s.result.offsets[i]!, s.result.offsets[i + 1]!);
    const row = at + k;
    c.strategy[row] = strategy;
    c.segment[row] = SEGMENT_CODE[run.segment];
    c.ticker[row] = tickerIndex.get(run.windows[i]!.ticker)!;
    c.side[row] = t.side[k]!;
    c.entry[row] = bars[t.entryBar[k]!]!;
    c.open[row] = t.exitBar[k]! < 0 ? 1 : 0;
    c.exit[row] = bars[t.exitBar[k]! < 0 ? bars.length - 1 : t.exitBar[k]!]!;
    c.entryPrice[row] = t.entryPrice[k]!;
    c.exitPrice[row] = t.exitPrice[k]!;
    c.shares[row] = t.maxShares[k]!;
    c.gross[row] = t.grossPnl[k]!;
    c.fees[row] = t.fees[k]!;
    c.slippage[row] = t.slippage[k]!;
    c.net[row] = t.netPnl[k]!;
    c.holding[row] = t.holdingBars[k]!;
  }
}

/** The metrics as CSV: one row per segment, strategy and ticker (portfolio first). */
export function metricsCsv(runs: readonly SegmentRun[], conventions: Record<string, unknown>): string {
  const first = runs[0]?.strategies[0]?.portfolio.metrics;
  const keys = first ? Object.keys(first) : [];
  const lines = Object.entries(conventions).map(([k, v]) => `# ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  lines.push(['segment', 'strategy', 'ticker', ...keys].join(','));
  const cell = (x: number): string => (Number.isNaN(x) ? '' : String(x));
  for (const run of runs) {
    for (const s of run.strategies) {
      lines.push([run.segment, csvText(s.name), PORTFOLIO, ...keys.map((k) => cell(s.portfolio.metrics[k as keyof StrategyMetrics]))].join(','));
      run.windows.forEach((w, i) => lines.push([run.segment, csvText(s.name), csvText(w.ticker), ...keys.map((k) => cell(s.tickers[i]![k as keyof StrategyMetrics]))].join(',')));
    }
  }
  return `${lines.join('\n')}\n`;
}

function csvText(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function writeBacktestOutputs(ctx: StageContext, runs: readonly SegmentRun[], header: { conventions: Record<string, unknown> } & Record<string, unknown>): Promise<void> {
  await ctx.output('results', { json: resultsJson(runs, header) });
  await ctx.output('equity', { columns: equityColumns(runs) });
  await ctx.output('trades', { columns: tradeColumns(runs) });
  await ctx.output('metrics_csv', { bytes: new TextEncoder().encode(metricsCsv(runs, header.conventions)), format: 'bytes' });
}
