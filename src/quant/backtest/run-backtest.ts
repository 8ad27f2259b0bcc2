/**
 * The batch backtest: many tickers (or ticker x signal pairs), each its own account of
 * `initialCash`, replayed one after another into flat typed arrays, so thousands of
 * tickers x thousands of bars run without an object per bar or per trade.
 *
 * 1. check the options and every ticker's prices and order lengths (clear errors);
 * 2. lay the tickers end to end: ticker i's bars are [offsets[i], offsets[i + 1]) of
 *    `equity`, `returns` and `position`, its trades [tradeOffsets[i], tradeOffsets[i + 1])
 *    of `trades`;
 * 3. replay each ticker's orders (replay-ticker.ts) and mark a trade still open at the end;
 * 4. per ticker: exposure, turnover, trades, fees, slippage and the counters.
 */
import { BacktestAccount } from './backtest-account.js';
import { BacktestInputError } from './backtest-input-error.js';
import { resolveBacktestOptions, type BacktestOptions, type ResolvedBacktestOptions } from './backtest-options.js';
import { orderBars, type Orders } from './backtest-orders.js';
import { BacktestWorkspace } from './backtest-workspace.js';
import { replayActions, replayWeights, type ReplayRules } from './replay-ticker.js';
import type { TradeTable } from './trade-journal.js';

/** One account's market and orders; `orders` has one entry per bar (see backtest-orders.ts). */
export interface BacktestTicker {
  /** Open prices, NaN where missing (an order then fills at the close, counted). */
  open: Float64Array;
  /** Close prices, finite and > 0 on every bar. */
  close: Float64Array;
  orders: Orders;
}

/** Input of `runBacktest`. */
export interface BacktestInput extends BacktestOptions {
  tickers: readonly BacktestTicker[];
  /**
   * Memory to write into, shared by a series of calls (see backtest-workspace.ts): the
   * result's per-bar arrays and journal are then views of it, overwritten by the next call
   * with the same workspace. Default: fresh memory for this call.
   */
  workspace?: BacktestWorkspace;
}

/** Everything a backtest produced; arrays are indexed as the module notes say. */
export interface BacktestResult {
  options: ResolvedBacktestOptions;
  /** Ticker i's bars are [offsets[i], offsets[i + 1]) of the per-bar arrays. */
  offsets: Int32Array;
  /** cash + shares x close at each bar's close. */
  equity: Float64Array;
  /** equity_t / equity_{t-1} - 1; the first bar of a ticker against the initial cash. */
  returns: Float64Array;
  /** shares x close / equity at each close (negative when short). */
  position: Float64Array;
  /** The trade journal, ticker by ticker; a trade open at the end has exitBar -1 and is marked to market. */
  trades: TradeTable;
  /** Ticker i's trades are [tradeOffsets[i], tradeOffsets[i + 1]) of `trades`. */
  tradeOffsets: Int32Array;
  /** Fraction of the ticker's bars closed with a nonzero position. */
  exposure: Float64Array;
  /**
   * Sum over fills of traded value / equity at the fill (both at the quoted price): total
   * one-way turnover over the whole run; divide by bars / 252 for an annual figure.
   */
  turnover: Float64Array;
  /** Trades in the journal (closed and open). */
  tradeCount: Int32Array;
  /** Commission paid. */
  fees: Float64Array;
  /** Slippage paid. */
  slippage: Float64Array;
  /** Env actions that were no-ops (buy with no cash, sell with no shares). */
  infeasible: Int32Array;
  /** Fills at the close because the open was missing. */
  fallbackFills: Int32Array;
  /** Signals that could not become orders (`orders.dropped`). */
  droppedSignals: Int32Array;
}

/** Replays every ticker's orders with costs; see `BacktestResult`. */
export function runBacktest(input: BacktestInput): BacktestResult {
  const options = resolveBacktestOptions(input);
  if (input.workspace !== undefined && !(input.workspace instanceof BacktestWorkspace)) {
    throw new BacktestInputError(`runBacktest: expected workspace to be a BacktestWorkspace, found ${describe(input.workspace)}`, 'create one with new BacktestWorkspace() and pass it to every call');
  }
  const { tickers } = input;
  const n = tickers.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + checkTicker(tickers[i], i);
  const bars = offsets[n]!;
  // Room for a trade every 3 bars up front (a random 0/1 signal opens one every 4): growing a large journal copies every column.
  const workspace = input.workspace ?? new BacktestWorkspace(Math.ceil(bars / 3));
  const out = workspace.begin(bars);
  const journal = workspace.journal;
  const account = new BacktestAccount(journal, options);
  const rules: ReplayRules = { fillAtClose: options.fillAt === 'close', allowShort: options.allowShort, initialCash: options.initialCash, liquidateAtEnd: options.liquidateAtEnd };
  const stats = perTickerStats(n);
  const tradeOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const { open, close, orders } = tickers[i]!;
    const slot = { index: i, open, close, offset: offsets[i]! };
    account.reset(i, options.initialCash);
    const counts = orders.kind === 'weight' ? replayWeights(account, slot, orders.weights, out, rules) : replayActions(account, slot, orders.actions, out, rules);
    if (close.length > 0) account.finish(close.length, close[close.length - 1]!);
    tradeOffsets[i + 1] = journal.count;
    stats.exposure[i] = close.length > 0 ? counts.exposedBars / close.length : 0;
    stats.turnover[i] = account.turnover;
    stats.tradeCount[i] = account.trades;
    stats.fees[i] = account.feesPaid;
    stats.slippage[i] = account.slippagePaid;
    stats.infeasible[i] = counts.infeasible;
    stats.fallbackFills[i] = counts.fallbackFills;
    stats.droppedSignals[i] = orders.dropped ?? 0;
  }
  return { options, offsets, ...out, trades: journal.table(), tradeOffsets, ...stats };
}

type TickerStats = Pick<BacktestResult, 'exposure' | 'turnover' | 'tradeCount' | 'fees' | 'slippage' | 'infeasible' | 'fallbackFills' | 'droppedSignals'>;

function perTickerStats(n: number): TickerStats {
  return {
    exposure: new Float64Array(n),
    turnover: new Float64Array(n),
    tradeCount: new Int32Array(n),
    fees: new Float64Array(n),
    slippage: new Float64Array(n),
    infeasible: new Int32Array(n),
    fallbackFills: new Int32Array(n),
    droppedSignals: new Int32Array(n),
  };
}

/** Checks ticker i's arrays and prices; returns its bar count. */
function checkTicker(ticker: BacktestTicker | undefined, i: number): number {
  if (!ticker || !(ticker.close instanceof Float64Array) || !(ticker.open instanceof Float64Array)) {
    throw new BacktestInputError(`ticker ${i}: expected { open: Float64Array, close: Float64Array, orders }, found ${describe(ticker)}`, 'convert prices with Float64Array.from(...)');
  }
  const { open, close, orders } = ticker;
  const n = close.length;
  if (open.length !== n) throw new BacktestInputError(`ticker ${i}: expected open to have one value per bar (${n}), found ${open.length}`, 'use NaN for a missing open');
  const kind = orders?.kind;
  const array = kind === 'weight' ? orders.weights : kind === 'action' ? orders.actions : undefined;
  const typed = kind === 'weight' ? array instanceof Float64Array : array instanceof Int8Array;
  if (!typed) throw new BacktestInputError(`ticker ${i}: expected orders { kind: 'weight', weights: Float64Array } or { kind: 'action', actions: Int8Array }, found ${describe(orders)}`, 'build them with ordersFromSignals');
  if (orderBars(orders) !== n) throw new BacktestInputError(`ticker ${i}: expected one order per bar (${n}), found ${orderBars(orders)}`, 'orders[t] is the order that fills at bar t; NaN or -1 for none');
  for (let t = 0; t < n; t++) {
    const c = close[t]!;
    const o = open[t]!;
    if (!(c > 0 && c < Infinity)) throw new BacktestInputError(`ticker ${i} bar ${t}: expected a finite close > 0, found ${c}`, 'drop bars without a close before the backtest');
    if (!(o !== o || (o > 0 && o < Infinity))) throw new BacktestInputError(`ticker ${i} bar ${t}: expected a finite open > 0 or NaN, found ${o}`, 'NaN marks a missing open');
  }
  return n;
}

function describe(x: unknown): string {
  if (x === undefined || x === null) return String(x);
  if (typeof x !== 'object') return typeof x;
  const part = (v: unknown): string => (typeof v === 'object' && v !== null ? v.constructor.name : JSON.stringify(v) ?? typeof v);
  return `{ ${Object.entries(x).map(([k, v]) => `${k}: ${part(v)}`).join(', ')} }`;
}
