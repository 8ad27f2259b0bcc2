/**
 * One ticker's account during a replay: cash, shares, the ticker's running totals and the
 * open trade's accumulators, and the fills that change them.
 *
 * 1. `fill(bar, shares, price, cashFlow)` books a fill of `shares` (signed) at quoted price
 *    `price` whose exact cash change the caller computed (so an env action's "spend 25% of
 *    cash" stays exact); slippage = |q| P s, commission = what the cash flow holds beyond
 *    that and q P, so net = gross - fees - slippage = the cash flow, always;
 * 2. the fill moves the open trade: opens it from flat, adds to its opening or closing
 *    side, closes it back at 0 (a journal row), or splits at a sign flip, costs pro rata;
 * 3. `finish(bars, close)` writes a trade still open at the end, marked at the last close.
 * The sum of closed-trade net P&L and the open trade's marked net P&L is then
 * cash + shares x close - initial cash: every cash change goes through `fill`.
 */
import type { TradeJournal } from './trade-journal.js';

/** Cash, shares and bookkeeping of the ticker being replayed; fields are read by the replay loops. */
export class BacktestAccount {
  cash = 0;
  shares = 0;
  /** Sum over fills of traded value / equity at the fill (both at the quoted price). */
  turnover = 0;
  feesPaid = 0;
  slippagePaid = 0;
  /** Journal rows written for this ticker. */
  trades = 0;
  /** Slippage fraction s. */
  readonly s: number;
  /** Per-share buy cost factor (1 + s)(1 + c). */
  readonly buyFactor: number;
  /** Per-share sell proceeds factor (1 - s)(1 - c). */
  readonly sellFactor: number;
  private readonly journal: TradeJournal;
  private ticker = 0;
  // The open trade.
  private side = 0;
  private entryBar = 0;
  private entryShares = 0;
  private entryValue = 0;
  private exitShares = 0;
  private exitValue = 0;
  private maxShares = 0;
  private grossFlow = 0;
  private netFlow = 0;
  private fees = 0;
  private slip = 0;

  constructor(journal: TradeJournal, costs: { costBps: number; slippageBps: number }) {
    this.journal = journal;
    const c = costs.costBps / 1e4;
    this.s = costs.slippageBps / 1e4;
    this.buyFactor = (1 + this.s) * (1 + c);
    this.sellFactor = (1 - this.s) * (1 - c);
  }

  /** Starts ticker `ticker` with `cash` and nothing else. */
  reset(ticker: number, cash: number): void {
    this.ticker = ticker;
    this.cash = cash;
    this.shares = this.turnover = this.feesPaid = this.slippagePaid = 0;
    this.trades = 0;
    this.side = 0;
  }

  /** Books a fill of `q` shares (> 0 bought, < 0 sold) at quoted `price` changing cash by `cashFlow`. */
  fill(bar: number, q: number, price: number, cashFlow: number): void {
    const before = this.shares;
    const after = before + q;
    const value = Math.abs(q) * price;
    const slip = value * this.s;
    const fee = -cashFlow - q * price - slip;
    this.turnover += value / (this.cash + before * price);
    this.cash += cashFlow;
    this.shares = after;
    this.feesPaid += fee;
    this.slippagePaid += slip;
    if (before === 0) {
      this.open(bar, q);
      this.addOpening(q, price, cashFlow, fee, slip);
    } else if (after === 0 || (after > 0) === (before > 0)) {
      if (Math.abs(after) > Math.abs(before)) this.addOpening(q, price, cashFlow, fee, slip);
      else this.addClosing(q, price, cashFlow, fee, slip);
      if (after === 0) this.close(bar);
    } else {
      // A sign flip: the part up to flat closes this trade, the rest opens the next, costs pro rata.
      const part = -before / q;
      const closingFlow = cashFlow * part;
      this.addClosing(-before, price, closingFlow, fee * part, slip * part);
      this.close(bar);
      this.open(bar, after);
      this.addOpening(after, price, cashFlow - closingFlow, fee - fee * part, slip - slip * part);
    }
  }

  /** Writes the trade still open after the last bar (of `bars`), marked at `close`. */
  finish(bars: number, close: number): void {
    if (this.shares === 0) return;
    const mark = this.shares * close;
    const k = this.row(-1, bars - this.entryBar);
    this.journal.grossPnl[k] = this.grossFlow + mark;
    this.journal.netPnl[k] = this.netFlow + mark;
  }

  private open(bar: number, q: number): void {
    this.side = q > 0 ? 1 : -1;
    this.entryBar = bar;
    this.entryShares = this.entryValue = this.exitShares = this.exitValue = 0;
    this.maxShares = this.grossFlow = this.netFlow = this.fees = this.slip = 0;
  }

  /** A fill part that grows |shares| to `this.shares` (set before the call). */
  private addOpening(q: number, price: number, cashFlow: number, fee: number, slip: number): void {
    const size = Math.abs(q);
    this.entryShares += size;
    this.entryValue += size * price;
    const held = Math.abs(this.shares);
    if (held > this.maxShares) this.maxShares = held;
    this.addFlows(q, price, cashFlow, fee, slip);
  }

  /** A fill part that shrinks |shares|. */
  private addClosing(q: number, price: number, cashFlow: number, fee: number, slip: number): void {
    const size = Math.abs(q);
    this.exitShares += size;
    this.exitValue += size * price;
    this.addFlows(q, price, cashFlow, fee, slip);
  }

  private addFlows(q: number, price: number, cashFlow: number, fee: number, slip: number): void {
    this.grossFlow -= q * price;
    this.netFlow += cashFlow;
    this.fees += fee;
    this.slip += slip;
  }

  private close(bar: number): void {
    const k = this.row(bar, bar - this.entryBar);
    this.journal.grossPnl[k] = this.grossFlow;
    this.journal.netPnl[k] = this.netFlow;
    this.side = 0;
  }

  /** Appends the open trade's row with everything but the P&L. */
  private row(exitBar: number, holdingBars: number): number {
    const j = this.journal;
    const k = j.append();
    j.ticker[k] = this.ticker;
    j.side[k] = this.side;
    j.entryBar[k] = this.entryBar;
    j.exitBar[k] = exitBar;
    j.entryPrice[k] = this.entryValue / this.entryShares;
    j.exitPrice[k] = this.exitShares > 0 ? this.exitValue / this.exitShares : NaN;
    j.maxShares[k] = this.maxShares;
    j.fees[k] = this.fees;
    j.slippage[k] = this.slip;
    j.holdingBars[k] = holdingBars;
    this.trades++;
    return k;
  }
}
