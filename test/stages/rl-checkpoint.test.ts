import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRlCheckpoint, writeRlCheckpoint } from '../../stages/rl-checkpoint.js';
import { tempDir } from '../helpers/engine-harness.js';

const state = () => ({
  seed: 3,
  steps: 512,
  best: -Infinity,
  weights: new Map([['dense/kernel', Float32Array.from([0.1, -2.5, 3e-8])], ['dense/bias', new Float32Array(1)]]),
  adam: { step: 7, m: new Map([['dense/kernel', Float32Array.from([1, 2, 3])]]) },
  replay: { masks: null, dones: Uint8Array.from([0, 1, 0]), finalSeq: Float64Array.from([NaN, 2 ** 53 - 1]), actions: Int32Array.from([8, -1]), segment: Int8Array.from([-1, 2]) },
  curve: [{ steps: 256, meanEpisodeReturn: null }],
});

describe('rl checkpoint', () => {
  it('round-trips typed arrays of every kind, maps, nested objects, nulls and non-finite numbers exactly', () => {
    const dir = tempDir();
    writeRlCheckpoint(dir, { fingerprint: 'cpu', sequence: 1, value: state() });
    expect(readRlCheckpoint(dir, 'cpu')).toEqual(state());
  });

  it('ignores a checkpoint of another fingerprint, and finds none in an empty dir', () => {
    const dir = tempDir();
    expect(readRlCheckpoint(dir, 'cpu')).toBeUndefined();
    writeRlCheckpoint(dir, { fingerprint: 'wasm', sequence: 1, value: state() });
    expect(readRlCheckpoint(dir, 'cpu')).toBeUndefined();
  });

  it('keeps only the newest binary, and a kill between binary and JSON leaves the previous checkpoint readable', () => {
    const dir = tempDir();
    writeRlCheckpoint(dir, { fingerprint: 'cpu', sequence: 1, value: { steps: 1, a: Float32Array.from([1]) } });
    writeRlCheckpoint(dir, { fingerprint: 'cpu', sequence: 2, value: { steps: 2, a: Float32Array.from([2]) } });
    expect(readdirSync(dir).sort()).toEqual(['checkpoint.json', 'state-2.bin']);
    // What a kill after writing the next binary (but before its JSON) leaves behind.
    writeFileSync(path.join(dir, 'state-3.bin'), Buffer.alloc(3));
    expect(readRlCheckpoint(dir, 'cpu')).toEqual({ steps: 2, a: Float32Array.from([2]) });
  });
});
