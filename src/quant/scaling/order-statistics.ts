/**
 * Medians without a full sort, deterministic (no random pivots: the same input always takes
 * the same path), and with few unpredictable branches, which dominate selection cost:
 *
 * 1. histogram descent: bucket the values by (v - min) / (max - min) into 2048 equal-width
 *    buckets (a monotone map, so bucket order is value order), find the bucket that holds the
 *    median's rank, copy its values to `spare` and repeat on them; stop when few are left or
 *    the two middle values of an even count fall in different buckets (then they are the
 *    largest of one bucket and the smallest of the next non-empty one);
 * 2. quickselect with a median-of-three pivot for what is left (or for everything when no
 *    spare is given), sorting the remaining slice when partitions stay lopsided, which bounds
 *    the worst case at n log n.
 */

const BUCKETS = 2048;
const SMALL = 64;
const MAX_LEVELS = 6;
// Reused by every call (selection is synchronous) so per-ticker fits make no garbage.
const counts = new Int32Array(BUCKETS);

/** The k-th smallest of a[lo..hi] (inclusive); reorders that slice around it. No NaN allowed. */
export function selectInPlace(a: Float64Array, lo: number, hi: number, k: number): number {
  let budget = 2 * (32 - Math.clz32(hi - lo + 1)) + 8;
  while (hi > lo) {
    if (budget-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return a[k]!;
    }
    const pivot = medianOfThree(a[lo]!, a[lo + ((hi - lo) >> 1)]!, a[hi]!);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/**
 * The median of a[0..n) — the mean of the two middle values when n is even. With a `spare`
 * at least n long it takes the histogram descent and leaves a untouched; otherwise it
 * reorders a.
 */
export function median(a: Float64Array, n: number, spare?: Float64Array): number {
  const k = (n - 1) >> 1;
  if (spare && spare.length >= n) return histogramMedian(a, n, k, spare);
  const lower = selectInPlace(a, 0, n - 1, k);
  return n % 2 === 1 ? lower : (lower + minimum(a, k + 1, n)) / 2;
}

function histogramMedian(a: Float64Array, n: number, k: number, spare: Float64Array): number {
  const even = n % 2 === 0;
  let src = a;
  let len = n;
  let rank = k;
  for (let level = 0; level < MAX_LEVELS && len > SMALL; level++) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < len; i++) {
      const v = src[i]!;
      min = v < min ? v : min;
      max = v > max ? v : max;
    }
    if (min === max) return min;
    const scale = BUCKETS / (max - min);
    if (!(scale > 0 && scale < Infinity)) break;
    counts.fill(0);
    for (let i = 0; i < len; i++) counts[Math.min(BUCKETS - 1, ((src[i]! - min) * scale) | 0)]!++;
    let b = 0;
    let before = 0;
    while (before + counts[b]! <= rank) before += counts[b++]!;
    if (even && rank + 1 >= before + counts[b]!) return splitMiddle(src, len, min, scale, b);
    let m = 0;
    for (let i = 0; i < len; i++) {
      const v = src[i]!;
      if (Math.min(BUCKETS - 1, ((v - min) * scale) | 0) === b) spare[m++] = v;
    }
    src = spare;
    len = m;
    rank -= before;
  }
  if (src === a) {
    spare.set(a.subarray(0, len));
    src = spare;
  }
  const lower = selectInPlace(src, 0, len - 1, rank);
  return even ? (lower + minimum(src, rank + 1, len)) / 2 : lower;
}

/** Mean of the largest value in bucket b and the smallest in the next non-empty bucket. */
function splitMiddle(src: Float64Array, len: number, min: number, scale: number, b: number): number {
  let next = b + 1;
  while (counts[next] === 0) next++;
  let lower = -Infinity;
  let upper = Infinity;
  for (let i = 0; i < len; i++) {
    const v = src[i]!;
    const c = Math.min(BUCKETS - 1, ((v - min) * scale) | 0);
    if (c === b) lower = v > lower ? v : lower;
    else if (c === next) upper = v < upper ? v : upper;
  }
  return (lower + upper) / 2;
}

function minimum(a: Float64Array, from: number, to: number): number {
  let min = Infinity;
  for (let i = from; i < to; i++) min = a[i]! < min ? a[i]! : min;
  return min;
}

function medianOfThree(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : x < z ? z : x;
  return x < z ? x : y < z ? z : y;
}
