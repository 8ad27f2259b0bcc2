/**
 * The cash and shares of a batch of long-only accounts, one per env, in flat typed arrays,
 * and the fills that change them. Costs follow one convention:
 *
 * - slippage moves the fill price against the trader: a buy fills at P (1 + s), a sell at
 *   P (1 - s), with s = slippageBps / 1e4 and P the raw price (next open, else next close);
 * - commission is c = commissionBps / 1e4 of the traded value at that fill price;
 * - a buy of fraction f spends exactly f x cash, costs included:
 *     shares = f cash / (P (1 + s) (1 + c)),  cash' = cash - f cash   (0 exactly when f = 1);
 * - a sell of fraction f of q shares sells f q (all q when f = 1, leaving exactly 0) for
 *     proceeds = f q P (1 - s) (1 - c);
 * - the cost of a fill is what it pays beyond the raw price: outlay - shares P for a buy,
 *   shares P - proceeds for a sell.
 * Nothing here can make cash or shares negative, borrow or short.
 */
import { BUY_FRACTION, SELL_FRACTION } from './env-actions.js';

/** Outcome of `execute`: a fill happened, the action was hold, or it was infeasible (a no-op). */
export const FILL = Object.freeze({ traded: 1, hold: 0, infeasible: -1 } as const);

/** The accounts of `envs` environments; index i everywhere is env i. */
export class EnvPortfolio {
  readonly cash: Float64Array;
  readonly shares: Float64Array;
  /** Outlay (costs included) for the shares held, reduced pro rata by sells. */
  readonly costBasis: Float64Array;
  /** Sum over sells of net proceeds - cost basis sold, this episode. */
  readonly realizedPnl: Float64Array;
  /** Commission and slippage paid this episode. */
  readonly costPaid: Float64Array;
  /** cash + shares x close at the last mark. */
  readonly equity: Float64Array;
  /** Shares of the last fill: > 0 bought, < 0 sold. */
  readonly lastShares: Float64Array;
  /** Cash change of the last fill: -outlay for a buy, +proceeds for a sell. */
  readonly lastCashFlow: Float64Array;
  /** Consecutive bars ending with shares held. */
  readonly barsInPosition: Int32Array;
  /** Bars since the last fill (0 on the bar of a fill and at an episode's start). */
  readonly barsSinceTrade: Int32Array;
  /** Action requested at the last step (0 at an episode's start). */
  readonly lastAction: Uint8Array;
  /** Fills this episode. */
  readonly fills: Int32Array;
  /** Infeasible actions this episode: a buy with no cash, a sell with no shares. */
  readonly infeasible: Int32Array;
  private readonly buyFactor: number;
  private readonly sellFactor: number;

  constructor(envs: number, commissionBps: number, slippageBps: number) {
    const f64 = (): Float64Array => new Float64Array(envs);
    this.cash = f64();
    this.shares = f64();
    this.costBasis = f64();
    this.realizedPnl = f64();
    this.costPaid = f64();
    this.equity = f64();
    this.lastShares = f64();
    this.lastCashFlow = f64();
    this.barsInPosition = new Int32Array(envs);
    this.barsSinceTrade = new Int32Array(envs);
    this.lastAction = new Uint8Array(envs);
    this.fills = new Int32Array(envs);
    this.infeasible = new Int32Array(envs);
    const c = commissionBps / 1e4;
    const s = slippageBps / 1e4;
    this.buyFactor = (1 + s) * (1 + c);
    this.sellFactor = (1 - s) * (1 - c);
  }

  /** Env i holds `cash` and nothing else. */
  reset(i: number, cash: number): void {
    this.cash[i] = cash;
    this.equity[i] = cash;
    this.shares[i] = this.costBasis[i] = this.realizedPnl[i] = this.costPaid[i] = 0;
    this.lastShares[i] = this.lastCashFlow[i] = 0;
    this.barsInPosition[i] = this.barsSinceTrade[i] = this.lastAction[i] = 0;
    this.fills[i] = this.infeasible[i] = 0;
  }

  /** Fills action (0..8) for env i at raw price `price`; returns a FILL code. */
  execute(i: number, action: number, price: number): number {
    const buy = BUY_FRACTION[action]!;
    if (buy > 0) {
      if (!(this.cash[i]! > 0)) return this.noOp(i);
      this.buy(i, buy, price);
      return FILL.traded;
    }
    const sell = SELL_FRACTION[action]!;
    if (sell > 0) {
      if (!(this.shares[i]! > 0)) return this.noOp(i);
      this.sell(i, sell, price);
      return FILL.traded;
    }
    return FILL.hold;
  }

  /** Marks env i at `close`: equity = cash + shares x close. */
  mark(i: number, close: number): number {
    const equity = this.cash[i]! + this.shares[i]! * close;
    this.equity[i] = equity;
    return equity;
  }

  /** Sells every share of env i at `price` (with costs) and marks equity to the cash left. */
  liquidate(i: number, price: number): void {
    this.sell(i, 1, price);
    this.equity[i] = this.cash[i]!;
  }

  /** Closes a bar's bookkeeping: the bar counters and the last action. */
  endBar(i: number, action: number, outcome: number): void {
    this.barsSinceTrade[i] = outcome === FILL.traded ? 0 : this.barsSinceTrade[i]! + 1;
    this.barsInPosition[i] = this.shares[i]! > 0 ? this.barsInPosition[i]! + 1 : 0;
    this.lastAction[i] = action;
  }

  private buy(i: number, fraction: number, price: number): void {
    const cash = this.cash[i]!;
    const outlay = fraction === 1 ? cash : fraction * cash;
    const bought = outlay / (price * this.buyFactor);
    this.cash[i] = cash - outlay;
    this.shares[i] = this.shares[i]! + bought;
    this.costBasis[i] = this.costBasis[i]! + outlay;
    this.costPaid[i] = this.costPaid[i]! + (outlay - bought * price);
    this.recordFill(i, bought, -outlay);
  }

  private sell(i: number, fraction: number, price: number): void {
    const held = this.shares[i]!;
    const sold = fraction === 1 ? held : fraction * held;
    const value = sold * price;
    const proceeds = value * this.sellFactor;
    const basis = fraction === 1 ? this.costBasis[i]! : fraction * this.costBasis[i]!;
    this.shares[i] = held - sold;
    this.costBasis[i] = this.costBasis[i]! - basis;
    this.realizedPnl[i] = this.realizedPnl[i]! + (proceeds - basis);
    this.costPaid[i] = this.costPaid[i]! + (value - proceeds);
    this.cash[i] = this.cash[i]! + proceeds;
    this.recordFill(i, -sold, proceeds);
  }

  private recordFill(i: number, shares: number, cashFlow: number): void {
    this.lastShares[i] = shares;
    this.lastCashFlow[i] = cashFlow;
    this.fills[i] = this.fills[i]! + 1;
  }

  private noOp(i: number): number {
    this.infeasible[i] = this.infeasible[i]! + 1;
    return FILL.infeasible;
  }
}
