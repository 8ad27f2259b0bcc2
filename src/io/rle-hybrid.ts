/**
 * Parquet's RLE / bit-packing hybrid encoding of small integers (dictionary indices and
 * definition levels):
 * 1. `encodeRleRuns` writes RLE runs only, which every reader accepts and which suits
 *    tradelab's columns (a ticker column sorted by ticker is a few thousand long runs);
 * 2. `decodeRleHybrid` reads both run kinds, as other writers mix them.
 */

/** Bits needed for values in [0, max]; at least 1. */
export function bitWidthFor(max: number): number {
  let width = 1;
  while (max >= 2 ** width) width++;
  return width;
}

export function encodeRleRuns(values: ArrayLike<number>, bitWidth: number): Uint8Array {
  const valueBytes = Math.ceil(bitWidth / 8);
  let runs = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) runs++;
  const out = new Uint8Array(runs * (5 + valueBytes));
  let at = 0;
  let i = 0;
  while (i < values.length) {
    const value = values[i]!;
    let j = i + 1;
    while (j < values.length && values[j] === value) j++;
    let header = (j - i) * 2;
    while (header >= 0x80) {
      out[at++] = (header & 0x7f) | 0x80;
      header >>>= 7;
    }
    out[at++] = header;
    for (let b = 0; b < valueBytes; b++) out[at++] = (value >>> (8 * b)) & 0xff;
    i = j;
  }
  return out.subarray(0, at);
}

/** Decodes `count` values from `bytes[start, end)` into `out` (from index 0). */
export function decodeRleHybrid(bytes: Uint8Array, start: number, end: number, bitWidth: number, count: number, out: Int32Array): void {
  const valueBytes = Math.ceil(bitWidth / 8);
  let at = start;
  let n = 0;
  while (n < count) {
    if (at >= end) throw new Error(`RLE data ends after ${n} of ${count} values`);
    let header = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++]!;
      header |= (b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7;
    }
    if ((header & 1) === 0) {
      let value = 0;
      for (let b = 0; b < valueBytes; b++) value |= bytes[at++]! << (8 * b);
      const run = Math.min(header >>> 1, count - n);
      out.fill(value, n, n + run);
      n += run;
    } else {
      const groups = header >>> 1;
      const total = groups * 8;
      const mask = bitWidth === 32 ? 0xffffffff : (1 << bitWidth) - 1;
      let bit = 0;
      for (let k = 0; k < total; k++) {
        let value = 0;
        for (let got = 0; got < bitWidth; ) {
          const byte = bytes[at + (bit >>> 3)]!;
          const offset = bit & 7;
          const take = Math.min(8 - offset, bitWidth - got);
          value |= ((byte >>> offset) & ((1 << take) - 1)) << got;
          got += take;
          bit += take;
        }
        if (n < count) out[n++] = value & mask;
      }
      at += groups * bitWidth;
    }
  }
}
