/**
 * Where indicator arrays come from:
 * 1. Outside `withScratchArena`, every array is a fresh allocation: the raw indicator functions are plain
 *    pure functions and their results belong to the caller.
 * 2. Inside it, arrays are carved from a few reusable blocks and are only valid until it returns.
 *    `computeIndicators` runs each group of columns there and copies just the outputs out: allocating
 *    and zeroing ~150 short-lived typed arrays per ticker cost more than computing them, and a small
 *    reused block stays in cache.
 * Arrays from the arena hold stale values; callers initialize them (see `nanArray`).
 */
const CHUNK_BYTES = 1 << 22;
// Blocks beyond this are given back on exit, so one very long series does not pin memory for good.
const RETAINED_BYTES = 1 << 26;

const chunks: ArrayBuffer[] = [];
let active = false;
let chunkIndex = 0;
let offset = 0;

/** Runs `fn` with arena allocation on; arrays it took from the arena must not outlive it. */
export function withScratchArena<T>(fn: () => T): T {
  if (active) return fn();
  active = true;
  try {
    return fn();
  } finally {
    active = false;
    chunkIndex = 0;
    offset = 0;
    let retained = 0;
    for (const chunk of chunks) retained += chunk.byteLength;
    if (retained > RETAINED_BYTES) chunks.length = 0;
  }
}

/** A Float64Array of `length` (contents unspecified inside the arena, zeros outside). */
export function scratchFloat64(length: number): Float64Array {
  if (!active) return new Float64Array(length);
  const [buffer, at] = take(length * 8);
  return new Float64Array(buffer, at, length);
}

/** An Int32Array of `length` (contents unspecified inside the arena, zeros outside). */
export function scratchInt32(length: number): Int32Array {
  if (!active) return new Int32Array(length);
  const [buffer, at] = take(length * 4);
  return new Int32Array(buffer, at, length);
}

function take(bytes: number): [ArrayBuffer, number] {
  const size = (bytes + 7) & ~7;
  for (;;) {
    let chunk = chunks[chunkIndex];
    if (chunk === undefined) {
      chunk = new ArrayBuffer(Math.max(CHUNK_BYTES, size));
      chunks.push(chunk);
    }
    if (offset + size <= chunk.byteLength) {
      const at = offset;
      offset += size;
      return [chunk, at];
    }
    chunkIndex++;
    offset = 0;
  }
}
