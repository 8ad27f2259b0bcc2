import { scratchFloat64 } from './scratch-arena.js';

/**
 * An array of `length` NaNs, the starting state of every indicator output (warm-up rows stay NaN):
 * a new array, or inside `withScratchArena` a reused one.
 */
export function nanArray(length: number): Float64Array {
  return scratchFloat64(length).fill(Number.NaN);
}
