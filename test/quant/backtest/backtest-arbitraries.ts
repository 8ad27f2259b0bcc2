import fc from 'fast-check';
import type { Orders } from '../../../src/quant/backtest/backtest-orders.js';
import type { BacktestTicker } from '../../../src/quant/backtest/run-backtest.js';

/** A price path: closes by a random walk of log returns in [-0.1, 0.1], opens gapped from the last close, some missing. */
export interface PricePath {
  open: Float64Array;
  close: Float64Array;
}

const step = fc.double({ min: -0.1, max: 0.1, noNaN: true });
const gap = fc.oneof(fc.double({ min: -0.05, max: 0.05, noNaN: true }), fc.double({ min: -0.05, max: 0.05, noNaN: true }), fc.constant(NaN));

/** A price path of exactly `n` bars starting near 100. */
export function pricePath(n: number): fc.Arbitrary<PricePath> {
  return fc.record({ start: fc.double({ min: 1, max: 1000, noNaN: true }), steps: fc.array(step, { minLength: n, maxLength: n }), gaps: fc.array(gap, { minLength: n, maxLength: n }) }).map(({ start, steps, gaps }) => {
    const close = new Float64Array(n);
    const open = new Float64Array(n);
    let last = start;
    for (let t = 0; t < n; t++) {
      open[t] = Number.isNaN(gaps[t]!) ? NaN : last * Math.exp(gaps[t]!);
      last *= Math.exp(steps[t]!);
      close[t] = last;
    }
    return { open, close };
  });
}

/** Weight orders of `n` bars: NaN (no order), exactly 0 or 1 (or -1 when short), or any weight in range. */
export function weightOrders(n: number, allowShort: boolean): fc.Arbitrary<Orders> {
  const lower = allowShort ? -1 : 0;
  const weight = fc.oneof(fc.constant(NaN), fc.constant(0), fc.constant(1), fc.constant(lower), fc.double({ min: lower, max: 1, noNaN: true }));
  return fc.array(weight, { minLength: n, maxLength: n }).map((w) => ({ kind: 'weight', weights: Float64Array.from(w) }) as const);
}

/** Env-action orders of `n` bars: -1 (none) or 0..8. */
export function actionOrders(n: number): fc.Arbitrary<Orders> {
  return fc.array(fc.integer({ min: -1, max: 8 }), { minLength: n, maxLength: n }).map((a) => ({ kind: 'action', actions: Int8Array.from(a) }) as const);
}

/** One ticker of 1..40 bars with weight or action orders. */
export function ticker(allowShort: boolean): fc.Arbitrary<BacktestTicker> {
  return fc.integer({ min: 1, max: 40 }).chain((n) =>
    fc.record({ path: pricePath(n), orders: fc.oneof(weightOrders(n, allowShort), actionOrders(n)) }).map(({ path, orders }) => ({ ...path, orders })),
  );
}

/** Commission or slippage in bps: often 0, else up to 200. */
export const bps = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 200, noNaN: true }));
