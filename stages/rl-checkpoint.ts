/**
 * An RL trainer's checkpoint in the stage's scratch dir, so a re-run after an interruption
 * continues where the killed run stopped:
 * 1. `writeRlCheckpoint`: the state (plain data: numbers, typed arrays, maps, nested
 *    objects) split into `state-<n>.bin` (every typed array, 8-byte aligned) and
 *    `checkpoint.json` (everything else, with each array's place in the binary); the binary
 *    is written and fsynced before the JSON that names it is renamed into place, so a kill
 *    at any moment leaves the previous checkpoint whole;
 * 2. `readRlCheckpoint`: the state back, or undefined when there is none or its
 *    `fingerprint` (the backend: the scratch dir already belongs to the stage key) differs.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

const ARRAYS = { Float32Array, Float64Array, Int32Array, Uint32Array, Int8Array, Uint8Array, Int16Array, Uint16Array } as const;
type ArrayName = keyof typeof ARRAYS;
type Typed = InstanceType<(typeof ARRAYS)[ArrayName]>;

interface Meta {
  fingerprint: string;
  binary: string;
  value: unknown;
}

export function writeRlCheckpoint(dir: string, o: { fingerprint: string; sequence: number; value: unknown }): void {
  mkdirSync(dir, { recursive: true });
  const chunks: Buffer[] = [];
  let at = 0;
  const encode = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v)) {
      const kind = v.constructor.name as ArrayName;
      if (!(kind in ARRAYS)) throw new TypeError(`checkpoint: cannot store a ${kind}`);
      const bytes = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      const pad = (8 - (bytes.length % 8)) % 8;
      chunks.push(bytes, Buffer.alloc(pad));
      const ref = { $array: kind, offset: at, length: (v as Typed).length };
      at += bytes.length + pad;
      return ref;
    }
    if (v instanceof Map) return { $map: [...v].map(([k, x]) => [k, encode(x)]) };
    if (Array.isArray(v)) return v.map(encode);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
    // JSON has no Infinity or NaN; keep them exact.
    if (typeof v === 'number' && !Number.isFinite(v)) return { $number: String(v) };
    return v;
  };
  const value = encode(o.value);
  const binary = `state-${o.sequence}.bin`;
  writeSynced(path.join(dir, binary), Buffer.concat(chunks));
  const meta: Meta = { fingerprint: o.fingerprint, binary, value };
  writeSynced(path.join(dir, 'checkpoint.json.tmp'), Buffer.from(JSON.stringify(meta)));
  renameSync(path.join(dir, 'checkpoint.json.tmp'), path.join(dir, 'checkpoint.json'));
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  for (const name of readdirSync(dir)) if (name.startsWith('state-') && name !== binary) rmSync(path.join(dir, name), { force: true });
}

export function readRlCheckpoint(dir: string, fingerprint: string): unknown {
  const file = path.join(dir, 'checkpoint.json');
  if (!existsSync(file)) return undefined;
  const meta = JSON.parse(readFileSync(file, 'utf8')) as Meta;
  if (meta.fingerprint !== fingerprint) return undefined;
  const bytes = readFileSync(path.join(dir, meta.binary));
  const decode = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(decode);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if (typeof o.$array === 'string') {
      const Kind = ARRAYS[o.$array as ArrayName];
      const length = o.length as number;
      // A copy: the trainers keep what they restore.
      const out = new Kind(length);
      const width = Kind.BYTES_PER_ELEMENT;
      new Uint8Array(out.buffer).set(bytes.subarray(o.offset as number, (o.offset as number) + length * width));
      return out;
    }
    if (Array.isArray(o.$map)) return new Map((o.$map as [string, unknown][]).map(([k, x]) => [k, decode(x)]));
    if (typeof o.$number === 'string') return Number(o.$number);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decode(x)]));
  };
  return decode(meta.value);
}

function writeSynced(file: string, bytes: Buffer): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
