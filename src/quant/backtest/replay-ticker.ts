/**
 * The per-bar loops that replay one ticker's orders into its account and its slices of
 * the result arrays, allocating nothing:
 * 1. at bar t, an order fills at the fill price (open[t], close[t] when the open is NaN,
 *    counted as a fallback when a fill happens; close[t] with fillAt 'close');
 * 2. weight orders trade to w x equity at that price, buys capped by the cash (costs
 *    included) so cash never goes negative; env actions replay the trading env exactly;
 * 3. with `liquidateAtEnd`, a position left at the last bar is closed at its close;
 * 4. the bar is marked at its close: equity, return against the previous bar's equity (the
 *    initial cash for bar 0), and position fraction shares x close / equity (0 when flat,
 *    even at zero equity: a bust short, closed).
 * The marking is written out in both loops rather than called: it is the hottest code.
 */
import { BUY_FRACTION, SELL_FRACTION } from '../rl/env-actions.js';
import type { BacktestAccount } from './backtest-account.js';
import { BacktestInputError } from './backtest-input-error.js';

/** One ticker's prices and where its bars go in the result arrays. */
export interface ReplaySlot {
  /** Ticker index (for messages and the journal). */
  index: number;
  open: Float64Array;
  close: Float64Array;
  /** First element of this ticker in `equity`, `returns` and `position`. */
  offset: number;
}

/** The result arrays the loops write into. */
export interface ReplayOutputs {
  equity: Float64Array;
  returns: Float64Array;
  position: Float64Array;
}

/** How the loops fill; resolved once per backtest. */
export interface ReplayRules {
  fillAtClose: boolean;
  allowShort: boolean;
  initialCash: number;
  liquidateAtEnd: boolean;
}

/** What one ticker's replay counted. */
export interface ReplayCounts {
  /** Bars closed with a nonzero position. */
  exposedBars: number;
  /** Fills made at the close because the open was missing. */
  fallbackFills: number;
  /** Env actions that were no-ops: a buy with no cash, a sell with no shares. */
  infeasible: number;
}

/** Weights below this fraction of the position are not traded: float noise, not an order. */
const NO_TRADE = 1e-12;

/** Replays target-weight orders; returns the counts. */
export function replayWeights(account: BacktestAccount, slot: ReplaySlot, weights: Float64Array, out: ReplayOutputs, rules: ReplayRules): ReplayCounts {
  const { open, close, offset } = slot;
  const { equity, returns, position } = out;
  const { fillAtClose, liquidateAtEnd } = rules;
  const lower = rules.allowShort ? -1 : 0;
  const last = close.length - 1;
  let prev = rules.initialCash;
  let exposedBars = 0;
  let fallbackFills = 0;
  for (let t = 0; t <= last; t++) {
    const w = weights[t]!;
    const c = close[t]!;
    if (w === w) {
      if (!(w >= lower && w <= 1)) badWeight(slot.index, t, w, rules.allowShort);
      const o = fillAtClose ? c : open[t]!;
      if (tradeToWeight(account, t, w, o === o ? o : c) && o !== o) fallbackFills++;
    }
    if (t === last && liquidateAtEnd) liquidate(account, t, c);
    // Marking, inline: equity, return against the previous bar, position fraction (0 when flat).
    const shares = account.shares;
    const held = shares * c;
    const e = account.cash + held;
    equity[offset + t] = e;
    returns[offset + t] = e / prev - 1;
    position[offset + t] = shares === 0 ? 0 : held / e;
    if (shares !== 0) exposedBars++;
    prev = e;
  }
  return { exposedBars, fallbackFills, infeasible: 0 };
}

/** Replays trading-env actions (0..8, -1 none) with the env's fill rules; returns the counts. */
export function replayActions(account: BacktestAccount, slot: ReplaySlot, actions: Int8Array, out: ReplayOutputs, rules: ReplayRules): ReplayCounts {
  const { open, close, offset } = slot;
  const { equity, returns, position } = out;
  const { fillAtClose, liquidateAtEnd } = rules;
  const last = close.length - 1;
  let prev = rules.initialCash;
  let exposedBars = 0;
  let fallbackFills = 0;
  let infeasible = 0;
  for (let t = 0; t <= last; t++) {
    const a = actions[t]!;
    const c = close[t]!;
    if (a > 0) {
      if (a > 8) badAction(slot.index, t, a);
      const o = fillAtClose ? c : open[t]!;
      const outcome = executeAction(account, t, a, o === o ? o : c);
      if (outcome < 0) infeasible++;
      else if (o !== o) fallbackFills++;
    } else if (a < -1) badAction(slot.index, t, a);
    if (t === last && liquidateAtEnd) liquidate(account, t, c);
    const shares = account.shares;
    const held = shares * c;
    const e = account.cash + held;
    equity[offset + t] = e;
    returns[offset + t] = e / prev - 1;
    position[offset + t] = shares === 0 ? 0 : held / e;
    if (shares !== 0) exposedBars++;
    prev = e;
  }
  return { exposedBars, fallbackFills, infeasible };
}

/** Trades to w x equity at `price`; returns whether a fill happened. */
function tradeToWeight(account: BacktestAccount, bar: number, w: number, price: number): boolean {
  const shares = account.shares;
  const equity = account.cash + shares * price;
  // A bust account (equity <= 0, possible only short) can only close.
  const target = equity > 0 ? (w * equity) / price : 0;
  let q = target - shares;
  if (Math.abs(q) <= NO_TRADE * Math.max(Math.abs(target), Math.abs(shares))) return false;
  if (q > 0) {
    const unit = price * account.buyFactor;
    let outlay = q * unit;
    if (outlay >= account.cash) {
      if (!(account.cash > 0)) return false;
      outlay = account.cash;
      q = outlay / unit;
    }
    account.fill(bar, q, price, -outlay);
  } else {
    account.fill(bar, q, price, -q * price * account.sellFactor);
  }
  return true;
}

/** The env's fill of action 1..8 (src/quant/rl/env-portfolio.ts): 1 traded, -1 infeasible. */
function executeAction(account: BacktestAccount, bar: number, action: number, price: number): number {
  const buy = BUY_FRACTION[action]!;
  if (buy > 0) {
    const cash = account.cash;
    if (!(cash > 0)) return -1;
    const outlay = buy === 1 ? cash : buy * cash;
    account.fill(bar, outlay / (price * account.buyFactor), price, -outlay);
    return 1;
  }
  const held = account.shares;
  if (!(held > 0)) return -1;
  const sell = SELL_FRACTION[action]!;
  const sold = sell === 1 ? held : sell * held;
  account.fill(bar, -sold, price, sold * price * account.sellFactor);
  return 1;
}

/** Closes any position at `price` with costs (a short is bought back even if that overdraws cash). */
function liquidate(account: BacktestAccount, bar: number, price: number): void {
  const q = -account.shares;
  if (q < 0) account.fill(bar, q, price, -q * price * account.sellFactor);
  else if (q > 0) account.fill(bar, q, price, -q * price * account.buyFactor);
}

function badWeight(ticker: number, bar: number, w: number, allowShort: boolean): never {
  const range = allowShort ? '[-1, 1]' : '[0, 1]';
  const hint = allowShort || w < -1 || w > 1 ? 'weights are fractions of equity: no leverage; NaN means no order' : 'pass allowShort: true to take short positions';
  throw new BacktestInputError(`ticker ${ticker} bar ${bar}: expected a target weight in ${range} or NaN, found ${w}`, hint);
}

function badAction(ticker: number, bar: number, a: number): never {
  throw new BacktestInputError(`ticker ${ticker} bar ${bar}: expected an env action 0..8 or -1 (none), found ${a}`, 'actions are the codes of src/quant/rl/env-actions.ts');
}
