/**
 * ε-greedy action selection with every random draw on the CPU from a seeded RandomStream,
 * so a seed explores the same way on every backend:
 * 1. per row, two draws in row order, always both: u (explore when u < ε) and v (the
 *    random action, the floor(v · k)-th of the k allowed ones); the stream's use never
 *    depends on ε or on the Q-values;
 * 2. the other rows take the argmax of their Q-values over the allowed actions (lowest
 *    index on ties); the Q-values are computed only when some row needs them.
 */
import type { RandomStream } from '../data/random-stream.js';
import { greedyActions } from './categorical.js';

/** What `epsilonGreedy` reads and writes; layouts row-major [rows, actionCount]. */
export interface EpsilonGreedyOptions {
  rows: number;
  actionCount: number;
  /** Probability of a uniformly random (allowed) action. */
  epsilon: number;
  random: RandomStream;
  /** Q-values [rows, actionCount] of the rows' observations, called at most once. */
  qValues: () => Float32Array;
  /** [rows, actionCount] optional: 1 where an action is allowed. */
  mask?: Uint8Array;
  /** [rows] out. */
  actions: Int32Array;
}

export function epsilonGreedy(o: EpsilonGreedyOptions): void {
  const A = o.actionCount;
  let greedyRows = 0;
  for (let r = 0; r < o.rows; r++) {
    const explore = o.random.nextFloat() < o.epsilon;
    const v = o.random.nextFloat();
    if (!explore) {
      o.actions[r] = -1;
      greedyRows++;
      continue;
    }
    o.actions[r] = allowedAction(o.mask, r, A, v);
  }
  if (greedyRows === 0) return;
  const best = new Int32Array(o.rows);
  greedyActions(o.qValues(), A, best, o.mask);
  for (let r = 0; r < o.rows; r++) if (o.actions[r] === -1) o.actions[r] = best[r]!;
}

// The floor(v · k)-th allowed action of row r, k the number allowed.
function allowedAction(mask: Uint8Array | undefined, r: number, A: number, v: number): number {
  if (!mask) return Math.floor(v * A);
  let allowed = 0;
  for (let a = 0; a < A; a++) allowed += mask[r * A + a] ? 1 : 0;
  if (allowed === 0) throw new RangeError(`row ${r} allows no action`);
  let k = Math.floor(v * allowed);
  for (let a = 0; a < A; a++) {
    if (!mask[r * A + a]) continue;
    if (k-- === 0) return a;
  }
  throw new Error('unreachable: k < allowed');
}
