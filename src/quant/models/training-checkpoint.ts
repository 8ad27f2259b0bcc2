/**
 * A training checkpoint: everything an interrupted training needs to finish with the same
 * weights as an uninterrupted one, written atomically after every epoch:
 * `checkpoint.json` (epoch, history, early-stopping state, the layout of the arrays) and
 * `checkpoint-<epoch>.bin` (weights, Adam moments and the best weights so far, float32).
 * A checkpoint whose `fingerprint` (model config, data, training params) differs is ignored.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
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
  // Each epoch's arrays get their own file, written before the JSON that names it: a kill in
  // between leaves the previous JSON pointing at the previous, still complete, binary.
  const binary = `checkpoint-${data.epoch}.bin`;
  writeAtomically(path.join(dir, binary), bytes);
  writeAtomically(path.join(dir, 'checkpoint.json'), Buffer.from(JSON.stringify({ ...meta, binary, bytes: bytes.length })));
  for (const name of readdirSync(dir)) if (/^checkpoint-\d+\.bin$/.test(name) && name !== binary) rmSync(path.join(dir, name), { force: true });
}

export function readCheckpoint<H>(dir: string, fingerprint: string): CheckpointData<H> | undefined {
  const metaFile = path.join(dir, 'checkpoint.json');
  if (!existsSync(metaFile)) return undefined;
  let meta: Meta<H> & { binary: string; bytes: number };
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta<H> & { binary: string; bytes: number };
  } catch {
    return undefined;
  }
  const binFile = path.join(dir, meta.binary);
  if (meta.fingerprint !== fingerprint || !existsSync(binFile)) return undefined;
  const bytes = readFileSync(binFile);
  if (bytes.length !== meta.bytes) return undefined;
  const arrays = new Map<string, Float32Array>();
  let at = 0;
  for (const { name, length } of meta.layout) {
    arrays.set(name, new Float32Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + 4 * length)));
    at += 4 * length;
  }
  const { layout: _layout, binary: _binary, bytes: _bytes, ...rest } = meta;
  return { ...rest, arrays };
}

/** Temp file, fsync, rename: a checkpoint survives a power cut whole or not at all. */
function writeAtomically(file: string, bytes: Buffer): void {
  const temp = `${file}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
