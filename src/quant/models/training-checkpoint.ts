/**
 * A training checkpoint: everything an interrupted training needs to finish with the same
 * weights as an uninterrupted one, written atomically after every epoch:
 * `checkpoint.json` (epoch, history, early-stopping state, the layout of the arrays) and
 * `checkpoint.bin` (weights, Adam moments and the best weights so far, float32).
 * A checkpoint whose `fingerprint` (model config, data, training params) differs is ignored.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface CheckpointData<H> {
  fingerprint: string;
  /** The last completed epoch (0-based). */
  epoch: number;
  done: boolean;
  history: H[];
  best: { epoch: number; loss: number; wait: number };
  adamStep: number;
  /** Named float32 arrays: `weights/<name>`, `m/<name>`, `v/<name>`, `best/<name>`. */
  arrays: Map<string, Float32Array>;
}

interface Meta<H> extends Omit<CheckpointData<H>, 'arrays'> {
  layout: { name: string; length: number }[];
}

export function writeCheckpoint<H>(dir: string, data: CheckpointData<H>): void {
  mkdirSync(dir, { recursive: true });
  const layout = [...data.arrays].map(([name, values]) => ({ name, length: values.length }));
  const bytes = Buffer.alloc(layout.reduce((n, l) => n + 4 * l.length, 0));
  let at = 0;
  for (const values of data.arrays.values()) {
    Buffer.from(values.buffer, values.byteOffset, values.byteLength).copy(bytes, at);
    at += values.byteLength;
  }
  const { arrays: _arrays, ...rest } = data;
  const meta: Meta<H> = { ...rest, layout };
  // The binary first, then the JSON that points at it: a kill between the two leaves the old pair's JSON, which no longer matches the binary's length, and is ignored.
  writeAtomically(path.join(dir, 'checkpoint.bin'), bytes);
  writeAtomically(path.join(dir, 'checkpoint.json'), Buffer.from(JSON.stringify({ ...meta, bytes: bytes.length })));
}

export function readCheckpoint<H>(dir: string, fingerprint: string): CheckpointData<H> | undefined {
  const metaFile = path.join(dir, 'checkpoint.json');
  const binFile = path.join(dir, 'checkpoint.bin');
  if (!existsSync(metaFile) || !existsSync(binFile)) return undefined;
  let meta: Meta<H> & { bytes: number };
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta<H> & { bytes: number };
  } catch {
    return undefined;
  }
  if (meta.fingerprint !== fingerprint) return undefined;
  const bytes = readFileSync(binFile);
  if (bytes.length !== meta.bytes) return undefined;
  const arrays = new Map<string, Float32Array>();
  let at = 0;
  for (const { name, length } of meta.layout) {
    arrays.set(name, new Float32Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + 4 * length)));
    at += 4 * length;
  }
  const { layout: _layout, bytes: _bytes, ...rest } = meta;
  return { ...rest, arrays };
}

function writeAtomically(file: string, bytes: Buffer): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, file);
}
