/**
 * Turns decision-bar signals (signal[t] decided at the close of bar t) into orders indexed
 * by their fill bar:
 * - 'next-open': orders[t + 1] = signal[t], filled at open[t + 1] (run with fillAt 'open');
 *   a signal on the last bar cannot fill and is dropped (counted);
 * - 'same-close': orders[t] = signal[t], filled at close[t] (run with fillAt 'close'): an
 *   opt-in that assumes the decision and the fill happen at the same close.
 * A Float64Array of signals gives weight orders (NaN = none), an Int8Array env actions (-1 = none).
 */
import type { FillAt } from './backtest-options.js';
import type { ActionOrders, Orders, WeightOrders } from './backtest-orders.js';

/** How a decision-bar signal becomes an order. */
export type SignalFill = 'next-open' | 'same-close';

/** Options of `ordersFromSignals`. */
export interface OrdersFromSignalsOptions {
  fill: SignalFill;
}

/** Orders and the `fillAt` they must be run with. */
export interface SignalOrders<O extends Orders> {
  orders: O;
  fillAt: FillAt;
}

/** Weight orders from target-weight signals. */
export function ordersFromSignals(signals: Float64Array, options: OrdersFromSignalsOptions): SignalOrders<WeightOrders>;
/** Action orders from env-action signals. */
export function ordersFromSignals(signals: Int8Array, options: OrdersFromSignalsOptions): SignalOrders<ActionOrders>;
export function ordersFromSignals(signals: Float64Array | Int8Array, options: OrdersFromSignalsOptions): SignalOrders<Orders> {
  const { fill } = options;
  if (fill !== 'next-open' && fill !== 'same-close') {
    throw new Error(`ordersFromSignals: expected fill 'next-open' or 'same-close', found ${JSON.stringify(fill)}\n  hint: 'next-open' is the honest default; 'same-close' trades at the close the signal was computed from`);
  }
  const fillAt: FillAt = fill === 'next-open' ? 'open' : 'close';
  if (signals instanceof Float64Array) {
    const { values, dropped } = shifted(signals, new Float64Array(signals.length).fill(NaN), fill, (x) => x === x);
    return { orders: { kind: 'weight', weights: values, dropped }, fillAt };
  }
  const { values, dropped } = shifted(signals, new Int8Array(signals.length).fill(-1), fill, (x) => x !== -1);
  return { orders: { kind: 'action', actions: values, dropped }, fillAt };
}

function shifted<A extends Float64Array | Int8Array>(signals: A, empty: A, fill: SignalFill, present: (x: number) => boolean): { values: A; dropped: number } {
  const n = signals.length;
  if (fill === 'same-close') {
    empty.set(signals);
    return { values: empty, dropped: 0 };
  }
  if (n === 0) return { values: empty, dropped: 0 };
  empty.set(signals.subarray(0, n - 1), 1);
  return { values: empty, dropped: present(signals[n - 1]!) ? 1 : 0 };
}
