/**
 * The nine discrete actions of the trading environment: 0 hold; 1..4 buy 25/50/75/100% of
 * the available cash (costs included); 5..8 sell 25/50/75/100% of the shares held.
 */

/** Number of discrete actions. */
export const ACTION_COUNT = 9;

/** Action codes by name. */
export const ACTION = Object.freeze({
  hold: 0,
  buy25: 1,
  buy50: 2,
  buy75: 3,
  buy100: 4,
  sell25: 5,
  sell50: 6,
  sell75: 7,
  sell100: 8,
} as const);

/** Fraction of the available cash action a spends, costs included; 0 for hold and sells. Read-only by convention. */
export const BUY_FRACTION: Float64Array = Float64Array.of(0, 0.25, 0.5, 0.75, 1, 0, 0, 0, 0);

/** Fraction of the shares held action a sells; 0 for hold and buys. Read-only by convention. */
export const SELL_FRACTION: Float64Array = Float64Array.of(0, 0, 0, 0, 0, 0.25, 0.5, 0.75, 1);

/** Whether `action` is one of the nine codes (an integer 0..8). */
export function isAction(action: number): boolean {
  return action >>> 0 === action && action < ACTION_COUNT;
}
