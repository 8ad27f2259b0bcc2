/**
 * The trade journal: one row per trade, struct-of-arrays, grown by doubling so the replay
 * loop appends without allocating per trade. A trade runs from flat to flat: it opens when
 * the shares go from 0 to nonzero and closes when they are back at 0; adds and reductions
 * in between belong to it; a sign flip (long-short) closes one trade and opens another at
 * the same fill.
 */

/** The journal's rows as read-only typed arrays of `count` values each (row k everywhere is trade k). */
export interface TradeTable {
  count: number;
  /** Ticker index (position in the backtest's ticker list). */
  ticker: Int32Array;
  /** 1 long, -1 short. */
  side: Int8Array;
  /** Bar of the fill that opened the trade. */
  entryBar: Int32Array;
  /** Bar of the fill that closed it; -1 while open at the end (marked to market). */
  exitBar: Int32Array;
  /** Volume-weighted quoted price of the opening-side fills (the ones that grew |shares|). */
  entryPrice: Float64Array;
  /** Volume-weighted quoted price of the closing-side fills; NaN for an open trade that never reduced. */
  exitPrice: Float64Array;
  /** Largest |shares| held during the trade. */
  maxShares: Float64Array;
  /** P&L at quoted prices, before costs (an open trade's includes its mark at the last close). */
  grossPnl: Float64Array;
  /** Commission paid. */
  fees: Float64Array;
  /** Slippage paid: the traded shares times the quoted price times s. */
  slippage: Float64Array;
  /** grossPnl - fees - slippage: the trade's contribution to equity. */
  netPnl: Float64Array;
  /** Bars closed with the trade's position held: exitBar - entryBar, or bars - entryBar while open. */
  holdingBars: Int32Array;
}

/** A growable `TradeTable`; `append()` returns the row to fill in. */
export class TradeJournal implements TradeTable {
  count = 0;
  ticker: Int32Array;
  side: Int8Array;
  entryBar: Int32Array;
  exitBar: Int32Array;
  entryPrice: Float64Array;
  exitPrice: Float64Array;
  maxShares: Float64Array;
  grossPnl: Float64Array;
  fees: Float64Array;
  slippage: Float64Array;
  netPnl: Float64Array;
  holdingBars: Int32Array;

  /** A journal with room for `capacity` trades before it first grows. */
  constructor(capacity = 1024) {
    const n = Math.max(16, capacity);
    this.ticker = new Int32Array(n);
    this.side = new Int8Array(n);
    this.entryBar = new Int32Array(n);
    this.exitBar = new Int32Array(n);
    this.entryPrice = new Float64Array(n);
    this.exitPrice = new Float64Array(n);
    this.maxShares = new Float64Array(n);
    this.grossPnl = new Float64Array(n);
    this.fees = new Float64Array(n);
    this.slippage = new Float64Array(n);
    this.netPnl = new Float64Array(n);
    this.holdingBars = new Int32Array(n);
  }

  /** Adds a row and returns its index; the arrays may be replaced, so read them after this. */
  append(): number {
    if (this.count === this.ticker.length) this.grow();
    return this.count++;
  }

  /** Forgets every row, keeping the memory. */
  clear(): void {
    this.count = 0;
  }

  /** The rows so far as views of exactly `count` values (they share memory with the journal). */
  table(): TradeTable {
    const k = this.count;
    return {
      count: k,
      ticker: this.ticker.subarray(0, k),
      side: this.side.subarray(0, k),
      entryBar: this.entryBar.subarray(0, k),
      exitBar: this.exitBar.subarray(0, k),
      entryPrice: this.entryPrice.subarray(0, k),
      exitPrice: this.exitPrice.subarray(0, k),
      maxShares: this.maxShares.subarray(0, k),
      grossPnl: this.grossPnl.subarray(0, k),
      fees: this.fees.subarray(0, k),
      slippage: this.slippage.subarray(0, k),
      netPnl: this.netPnl.subarray(0, k),
      holdingBars: this.holdingBars.subarray(0, k),
    };
  }

  private grow(): void {
    const n = this.ticker.length * 2;
    const more = <A extends Int32Array | Int8Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(n);
      b.set(a);
      return b;
    };
    const i32 = (n: number): Int32Array => new Int32Array(n);
    const f64 = (n: number): Float64Array => new Float64Array(n);
    this.ticker = more(this.ticker, i32);
    this.side = more(this.side, (n) => new Int8Array(n));
    this.entryBar = more(this.entryBar, i32);
    this.exitBar = more(this.exitBar, i32);
    this.entryPrice = more(this.entryPrice, f64);
    this.exitPrice = more(this.exitPrice, f64);
    this.maxShares = more(this.maxShares, f64);
    this.grossPnl = more(this.grossPnl, f64);
    this.fees = more(this.fees, f64);
    this.slippage = more(this.slippage, f64);
    this.netPnl = more(this.netPnl, f64);
    this.holdingBars = more(this.holdingBars, i32);
  }
}
