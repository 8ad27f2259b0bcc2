/**
 * Content hashes of files, remembered by (path, size, mtime, inode) so an unchanged file
 * is not read again. The stat cache is a plain JSON object the store persists; this
 * module only reads and updates it in memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync, type Stats } from 'node:fs';

export interface StatEntry {
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
}

export type StatCacheData = Record<string, StatEntry>;

/** A stat cache over one JSON object; `dirty` tells the owner whether to persist it. */
export class StatCache {
  dirty = false;
  /** Number of files actually read and hashed (cache misses), for tests and benchmarks. */
  hashCalls = 0;

  constructor(readonly entries: StatCacheData = {}) {}

  /** The SHA-256 of a file's bytes; `cacheKey` is its path relative to the project root. */
  async hashFile(absPath: string, cacheKey: string): Promise<string> {
    const stats = statSync(absPath);
    const known = this.lookup(cacheKey, stats);
    if (known) return known;
    const sha256 = await sha256File(absPath);
    this.hashCalls += 1;
    this.remember(cacheKey, stats, sha256);
    return sha256;
  }

  /** The remembered hash when the file's stat still matches, else undefined. */
  lookup(cacheKey: string, stats: Stats): string | undefined {
    const entry = this.entries[cacheKey];
    if (entry && entry.size === stats.size && entry.mtimeMs === stats.mtimeMs && entry.ino === stats.ino) {
      return entry.sha256;
    }
    return undefined;
  }

  remember(cacheKey: string, stats: Stats, sha256: string): void {
    this.entries[cacheKey] = { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, sha256 };
    this.dirty = true;
  }

  forget(cacheKey: string): void {
    if (cacheKey in this.entries) {
      delete this.entries[cacheKey];
      this.dirty = true;
    }
  }
}

/** Streams a file through SHA-256; 1 MiB reads keep memory flat for multi-GB inputs. */
export function sha256File(absPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const stream = createReadStream(absPath, { highWaterMark: 1 << 20 });
    stream.on('data', (chunk) => hash.update(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve(hash.digest('hex')));
  });
}
