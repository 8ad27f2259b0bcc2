/**
 * Orders of one ticker, indexed by the bar they fill at: `orders[t]` fills at bar t (see
 * `ordersFromSignals` for turning decision-bar signals into them).
 */

/**
 * Target weights: NaN = no order this bar (keep the position); w = trade the position to
 * w x equity at the fill price (0 flat, 1 all-in long, -1..0 short when `allowShort`).
 * A weight held constant over bars rebalances to it at every bar.
 */
export interface WeightOrders {
  kind: 'weight';
  weights: Float64Array;
  /** Signals that could not become an order (a next-open signal on the last bar); reported per ticker. */
  dropped?: number;
}

/** Trading-environment actions (0..8, see src/quant/rl/env-actions.ts); -1 = no order this bar. */
export interface ActionOrders {
  kind: 'action';
  actions: Int8Array;
  /** Signals that could not become an order (a next-open signal on the last bar); reported per ticker. */
  dropped?: number;
}

/** The orders of one ticker. */
export type Orders = WeightOrders | ActionOrders;

/** Bars the orders cover. */
export function orderBars(orders: Orders): number {
  return orders.kind === 'weight' ? orders.weights.length : orders.actions.length;
}
