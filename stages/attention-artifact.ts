/**
 * The `attention` artifact of train-transformer, read and written in one place: JSON with
 * `layers`, `heads`, `steps` and `epochs: [{ epoch, values }]`, where `values` is base64 of
 * float32 little-endian maps laid out [layers, heads, query step, key step].
 */

export interface AttentionArtifact {
  layers: number;
  heads: number;
  steps: number;
  epochs: { epoch: number; values: string }[];
}

export function float32FromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  // A small Buffer is a view into a shared pool: copy its own bytes out.
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

/** The last saved epoch's maps, each block-averaged to at most `maxSide` x `maxSide`. */
export function lastAttentionMaps(artifact: AttentionArtifact, maxSide: number): { epoch: number; layer: number; head: number; size: number; values: number[] }[] {
  const last = artifact.epochs.at(-1);
  if (!last) return [];
  const all = float32FromBase64(last.values);
  const L = artifact.steps;
  const factor = Math.ceil(L / maxSide);
  const size = Math.ceil(L / factor);
  const out = [];
  for (let layer = 0; layer < artifact.layers; layer++) {
    for (let head = 0; head < artifact.heads; head++) {
      const base = (layer * artifact.heads + head) * L * L;
      const sums = new Float64Array(size * size);
      const counts = new Float64Array(size * size);
      for (let q = 0; q < L; q++) {
        for (let k = 0; k < L; k++) {
          const cell = Math.floor(q / factor) * size + Math.floor(k / factor);
          sums[cell]! += all[base + q * L + k]!;
          counts[cell]! += 1;
        }
      }
      out.push({ epoch: last.epoch, layer, head, size, values: Array.from(sums, (s, i) => s / counts[i]!) });
    }
  }
  return out;
}
