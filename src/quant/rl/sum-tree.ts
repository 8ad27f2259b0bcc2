/**
 * The binary tree behind proportional prioritized replay (Schaul et al. 2016):
 * 1. one leaf per replay slot holding its priority p_i^α (0 for an empty slot);
 * 2. every inner node the sum of its two children, so the total is at the root and
 *    `find(mass)` walks down to the leaf where the running sum passes `mass` in
 *    O(log n): drawing mass uniformly in [0, total) picks slot i with probability
 *    p_i / total;
 * 3. a parallel tree of minima over the non-empty leaves, which the importance weights
 *    are normalized by.
 * Inner nodes are always recomputed from their children (never updated by a difference),
 * so the tree is a function of the leaves alone: no drift, and rebuilding from saved
 * leaves gives the same sums to the bit.
 */

export class SumTree {
  /** Number of leaves. */
  readonly capacity: number;
  // Heap layout: node k has children 2k and 2k + 1, leaves at base .. base + capacity - 1.
  private readonly base: number;
  private readonly sums: Float64Array;
  private readonly mins: Float64Array;

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`SumTree: capacity must be an integer >= 1, got ${capacity}`);
    this.capacity = capacity;
    let base = 1;
    while (base < capacity) base *= 2;
    this.base = base;
    this.sums = new Float64Array(2 * base);
    this.mins = new Float64Array(2 * base).fill(Infinity);
  }

  /** Sum of all leaves. */
  get total(): number {
    return this.sums[1]!;
  }

  /** Smallest non-zero leaf, Infinity when every leaf is empty. */
  get min(): number {
    return this.mins[1]!;
  }

  /** Leaf `index`'s value. */
  get(index: number): number {
    return this.sums[this.base + this.checkIndex(index)]!;
  }

  /** Sets leaf `index` to `value` (>= 0; 0 empties the slot) and updates its ancestors. */
  set(index: number, value: number): void {
    if (!(value >= 0) || value === Infinity) throw new RangeError(`SumTree: a priority must be finite and >= 0, got ${value}`);
    let node = this.base + this.checkIndex(index);
    this.sums[node] = value;
    this.mins[node] = value > 0 ? value : Infinity;
    for (node >>= 1; node >= 1; node >>= 1) {
      this.sums[node] = this.sums[2 * node]! + this.sums[2 * node + 1]!;
      this.mins[node] = Math.min(this.mins[2 * node]!, this.mins[2 * node + 1]!);
    }
  }

  /**
   * The leaf where the running sum of leaves passes `mass` (in [0, total)): the first i with
   * leaf_0 + ... + leaf_i > mass. Never an empty leaf while the total is positive: where
   * rounding leaves `mass` at or past a subtree's sum and its right sibling is empty, the
   * walk stays left.
   */
  find(mass: number): number {
    if (!(this.total > 0)) throw new RangeError('SumTree: cannot sample from an empty tree');
    let node = 1;
    let rest = mass;
    while (node < this.base) {
      const left = this.sums[2 * node]!;
      if (rest < left || this.sums[2 * node + 1] === 0) node = 2 * node;
      else {
        rest -= left;
        node = 2 * node + 1;
      }
    }
    return node - this.base;
  }

  /** A copy of the leaves (what `fromLeaves` rebuilds the tree from). */
  leaves(): Float64Array {
    return this.sums.slice(this.base, this.base + this.capacity);
  }

  /** Replaces every leaf by `values` and rebuilds the inner nodes bottom-up. */
  loadLeaves(values: Float64Array): void {
    if (values.length !== this.capacity) throw new RangeError(`SumTree: expected ${this.capacity} leaves, got ${values.length}`);
    for (let i = 0; i < this.capacity; i++) {
      const v = values[i]!;
      if (!(v >= 0) || v === Infinity) throw new RangeError(`SumTree: leaf ${i} is ${v}, not a finite priority >= 0`);
      this.sums[this.base + i] = v;
      this.mins[this.base + i] = v > 0 ? v : Infinity;
    }
    this.sums.fill(0, this.base + this.capacity);
    this.mins.fill(Infinity, this.base + this.capacity);
    for (let node = this.base - 1; node >= 1; node--) {
      this.sums[node] = this.sums[2 * node]! + this.sums[2 * node + 1]!;
      this.mins[node] = Math.min(this.mins[2 * node]!, this.mins[2 * node + 1]!);
    }
  }

  private checkIndex(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.capacity) throw new RangeError(`SumTree: leaf ${index} is outside 0 .. ${this.capacity - 1}`);
    return index;
  }
}
