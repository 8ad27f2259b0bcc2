/**
 * A seeded stream of random numbers that is the same on every platform: xoshiro128**
 * on 32-bit integers (Math.imul, shifts), seeded through a splitmix-style mixer, with
 * normals by Marsaglia's polar method (only Math.log and Math.sqrt, which V8 computes
 * with its own portable fdlibm code, not the platform's libm).
 *
 * `new RandomStream(seed, stream)` gives independent-looking streams for one seed, so
 * each ticker of a synthetic market draws from its own stream and never depends on how
 * many numbers another ticker used.
 */
export class RandomStream {
  // In an Int32Array, not number fields: V8 would box 32-bit values that do not fit a small integer.
  private readonly state = new Int32Array(4);
  private spare = 0;
  private hasSpare = false;

  /** `seed`: any safe integer; `stream`: a non-negative integer naming a sub-stream. */
  constructor(seed: number, stream = 0) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`RandomStream: seed must be a safe integer, got ${seed}`);
    if (!Number.isSafeInteger(stream) || stream < 0) throw new RangeError(`RandomStream: stream must be an integer >= 0, got ${stream}`);
    const low = seed >>> 0;
    const high = Math.floor(seed / 2 ** 32) >>> 0;
    const key = mix32(mix32(mix32(stream >>> 0) ^ high) ^ low) ^ mix32(Math.floor(stream / 2 ** 32) >>> 0);
    // mix32 is a bijection, so four distinct inputs never give the all-zero state.
    this.state[0] = mix32((key + 0x9e3779b9) | 0);
    this.state[1] = mix32((key + 0x3c6ef372) | 0);
    this.state[2] = mix32((key + 0xdaa66d2b) | 0);
    this.state[3] = mix32((key + 0x78dde6e4) | 0);
  }

  /** Uniform integer in [0, 2^32). */
  nextUint32(): number {
    return this.nextInt32() >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const high = this.nextInt32() >>> 5;
    const low = this.nextInt32() >>> 6;
    return (high * 67_108_864 + low) / 9_007_199_254_740_992;
  }

  /** Standard normal deviate. */
  nextNormal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const first = this.polarPair();
    this.hasSpare = true;
    return first;
  }

  /** Fills `out` with standard normals: the same numbers, in order, as `out.length` calls of `nextNormal`. */
  fillNormal(out: Float64Array): void {
    let i = 0;
    if (this.hasSpare && out.length > 0) {
      this.hasSpare = false;
      out[i++] = this.spare;
    }
    for (; i + 1 < out.length; i += 2) {
      out[i] = this.polarPair();
      out[i + 1] = this.spare;
    }
    if (i < out.length) out[i] = this.nextNormal();
  }

  // Marsaglia's polar method: returns one normal and leaves its twin in `spare`.
  private polarPair(): number {
    let u: number;
    let v: number;
    let s: number;
    do {
      // Signed 32-bit integers scaled to [-1, 1): one draw per coordinate.
      u = this.nextInt32() * 4.656_612_873_077_393e-10;
      v = this.nextInt32() * 4.656_612_873_077_393e-10;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const scale = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * scale;
    return u * scale;
  }

  // xoshiro128** (Blackman & Vigna), as a signed 32-bit integer.
  private nextInt32(): number {
    const s = this.state;
    const a = s[0]!;
    const b = s[1]!;
    const c = s[2]! ^ a;
    const d = s[3]! ^ b;
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9);
    s[0] = a ^ d;
    s[1] = b ^ c;
    s[2] = c ^ (b << 9);
    s[3] = rotl(d, 11);
    return result;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A bijective 32-bit mixer (the finalizer of splitmix32 / murmur3 family). */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) | 0;
}
