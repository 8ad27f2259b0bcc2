/**
 * Decision-bar signals of the two baselines a strategy is compared with. They are signals,
 * not orders, so they go through `ordersFromSignals` with the strategy's own fill mode and
 * through `runBacktest` with its costs: a baseline trades under exactly the same rules.
 * 1. buy-and-hold: all-in long decided at the first bar (filled at the first fillable bar:
 *    bar 1's open with next-open fills, bar 0's close with same-close), then held;
 * 2. a seeded random policy: at every bar, all-in long or flat with probability 1/2 each,
 *    from `RandomStream(seed, ticker)`, so each ticker's draws depend only on (seed, ticker).
 */
import { RandomStream } from '../data/random-stream.js';

/** Target-weight signals of buy-and-hold over `bars` bars: 1 at bar 0, NaN (no order) after. */
export function buyAndHoldSignals(bars: number): Float64Array {
  checkBars(bars);
  const signals = new Float64Array(bars).fill(NaN);
  if (bars > 0) signals[0] = 1;
  return signals;
}

/** Options of `randomPolicySignals`. */
export interface RandomPolicyOptions {
  /** Seed of the policy (a safe integer). */
  seed: number;
  /** Ticker index: the sub-stream the ticker draws from. */
  ticker: number;
}

/** Target-weight signals of the random policy over `bars` bars: 1 or 0, each with probability 1/2. */
export function randomPolicySignals(bars: number, options: RandomPolicyOptions): Float64Array {
  checkBars(bars);
  const random = new RandomStream(options.seed, options.ticker);
  const signals = new Float64Array(bars);
  for (let t = 0; t < bars; t++) signals[t] = random.nextUint32() < 0x8000_0000 ? 1 : 0;
  return signals;
}

function checkBars(bars: number): void {
  if (!Number.isInteger(bars) || bars < 0) throw new RangeError(`baseline signals: expected a bar count (an integer >= 0), found ${bars}; pass close.length`);
}
