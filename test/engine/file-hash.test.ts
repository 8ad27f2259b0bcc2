import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StatCache } from '../../src/engine/file-hash.js';
import { tempDir } from '../helpers/engine-harness.js';

describe('file hashing with a stat cache', () => {
  it('does not re-read a file whose size, mtime and inode are unchanged', async () => {
    const file = path.join(tempDir(), 'data.csv');
    writeFileSync(file, 'date,close\n2020-01-01,1\n');
    const cache = new StatCache();
    const first = await cache.hashFile(file, 'data.csv');
    expect(await cache.hashFile(file, 'data.csv')).toBe(first);
    expect(cache.hashCalls).toBe(1);
    const reloaded = new StatCache(structuredClone(cache.entries));
    expect(await reloaded.hashFile(file, 'data.csv')).toBe(first);
    expect(reloaded.hashCalls).toBe(0);
  });

  it('re-hashes when the content changes, even at the same size', async () => {
    const file = path.join(tempDir(), 'data.csv');
    writeFileSync(file, 'aaaa');
    const cache = new StatCache();
    const first = await cache.hashFile(file, 'data.csv');
    writeFileSync(file, 'bbbb');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(await cache.hashFile(file, 'data.csv')).not.toBe(first);
    expect(cache.hashCalls).toBe(2);
  });
});
