/**
 * What each env did in the last `step()`, in typed arrays the step overwrites: enough for an
 * evaluation run to write its `actions` table (ticker, date, action, position, equity) by
 * reading them after every step, with no allocation. Every value refers to the bar the step
 * ended at: the action filled at that bar's open (decided at the previous close), position
 * and equity are at its close.
 */

/** Per-env record of the last step; index i is env i. */
export class EnvStepTrace {
  /** 1 when env i took the step; 0 when it had already finished (evaluation). */
  readonly stepped: Uint8Array;
  /** Ticker index. */
  readonly ticker: Int32Array;
  /** Market row of the bar the step ended at. */
  readonly row: Int32Array;
  /** Its date, days since 1970-01-01. */
  readonly date: Int32Array;
  /** The action requested. */
  readonly action: Uint8Array;
  /** FILL code: 1 filled, 0 hold, -1 infeasible (a no-op). */
  readonly outcome: Int8Array;
  /** 1 when the fill used the close because the bar's open was missing. */
  readonly fallback: Uint8Array;
  /** shares x close / equity at the bar's close. */
  readonly positionFraction: Float64Array;
  /** Equity at the bar's close (after the liquidation, on a liquidated last bar). */
  readonly equity: Float64Array;

  constructor(envs: number) {
    this.stepped = new Uint8Array(envs);
    this.ticker = new Int32Array(envs);
    this.row = new Int32Array(envs);
    this.date = new Int32Array(envs);
    this.action = new Uint8Array(envs);
    this.outcome = new Int8Array(envs);
    this.fallback = new Uint8Array(envs);
    this.positionFraction = new Float64Array(envs);
    this.equity = new Float64Array(envs);
  }
}
