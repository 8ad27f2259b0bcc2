/**
 * Medians without a full sort, deterministic (no random pivots: the same input always takes
 * the same path):
 *
 * 1. large inputs: sort an evenly strided sample, take the values 256 sample ranks either
 *    side of the median's rank as a window, copy the values inside it to `spare` in one
 *    read-only pass and select there — a few percent of the data;
 * 2. otherwise, or when the window misses the median or overflows `spare`: quickselect in
 *    place with a median-of-three pivot, sorting the remaining slice when partitions stay
 *    lopsided, which bounds the worst case at n log n.
 */

const SAMPLE = 16_384;
const WINDOW = 256;

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
 * The median of a[0..n) — the mean of the two middle values when n is even. Pass `spare`
 * (n / 8 long is plenty) to take the sampled path; a is reordered only on the quickselect path.
 */
export function medianInPlace(a: Float64Array, n: number, spare?: Float64Array): number {
  const k = (n - 1) >> 1;
  if (spare && n >= 4 * SAMPLE) {
    const m = windowedMedian(a, n, k, spare);
    if (m !== undefined) return m;
  }
  const lower = selectInPlace(a, 0, n - 1, k);
  return n % 2 === 1 ? lower : (lower + minimum(a, k + 1, n)) / 2;
}

function windowedMedian(a: Float64Array, n: number, k: number, spare: Float64Array): number | undefined {
  const sample = new Float64Array(SAMPLE);
  const stride = n / SAMPLE;
  for (let i = 0; i < SAMPLE; i++) sample[i] = a[Math.floor(i * stride)]!;
  sample.sort();
  const rank = Math.floor((k / n) * SAMPLE);
  const lo = sample[Math.max(0, rank - WINDOW)]!;
  const hi = sample[Math.min(SAMPLE - 1, rank + WINDOW)]!;
  let below = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i]!;
    if (v < lo) below++;
    else if (v <= hi) {
      if (m === spare.length) return undefined;
      spare[m++] = v;
    }
  }
  const last = n % 2 === 1 ? k : k + 1;
  if (k < below || last >= below + m) return undefined;
  const lower = selectInPlace(spare, 0, m - 1, k - below);
  return n % 2 === 1 ? lower : (lower + minimum(spare, k - below + 1, m)) / 2;
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
