/**
 * Memory a backtest writes into, kept between calls. Touching fresh memory is the largest
 * cost of a big backtest (page faults and zeroing: on the reference machine more than the
 * replay itself for 1,677 x 2,520 bars), so a caller that runs many signals one after
 * another passes one workspace to every `runBacktest` call: the per-bar arrays and the
 * journal grow to the largest run once and are overwritten after that.
 */
import type { ReplayOutputs } from './replay-ticker.js';
import { TradeJournal } from './trade-journal.js';

/** Reusable per-bar arrays and trade journal; a result's arrays are views of it until the next run. */
export class BacktestWorkspace {
  readonly journal: TradeJournal;
  private equity = new Float64Array(0);
  private returns = new Float64Array(0);
  private position = new Float64Array(0);

  /** A workspace whose journal starts with room for `tradeCapacity` trades. */
  constructor(tradeCapacity = 1024) {
    this.journal = new TradeJournal(tradeCapacity);
  }

  /** Empties the journal and returns per-bar arrays of exactly `bars` values (contents undefined: every value is written by the replay). */
  begin(bars: number): ReplayOutputs {
    this.journal.clear();
    if (this.equity.length < bars) {
      this.equity = new Float64Array(bars);
      this.returns = new Float64Array(bars);
      this.position = new Float64Array(bars);
    }
    return { equity: this.equity.subarray(0, bars), returns: this.returns.subarray(0, bars), position: this.position.subarray(0, bars) };
  }
}
