/**
 * The local content-addressed store under `artifacts/`:
 * - `objects/<2 hex>/<62 hex>`: immutable artifact bytes named by their SHA-256;
 * - `cache/<stage key>.json`: what a key produced (output ids, timings, the key's preimage);
 * - `runs/<run id>.json`: run manifests;
 * - `logs/`, `tmp/` (staging of running stages), `scratch/<key>/` (checkpoints);
 * - `plans/<hash>.json`: validated pipelines by file content, so a re-run skips parsing;
 * - `stat-cache.json`: content hashes of files remembered by (path, size, mtime, inode).
 * Every file is written atomically; an object appears only complete, by rename.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ArtifactFormat, PortType } from './contract.js';
import { fsyncFile, writeFileAtomic } from './atomic-write.js';
import { StatCache, sha256File, type StatCacheData } from './file-hash.js';
import type { KeyPreimage } from './stage-key.js';

export interface StoredOutput {
  id: string;
  bytes: number;
  type: PortType;
  format: ArtifactFormat;
}

export interface CacheEntry {
  key: string;
  kind: string;
  preimage: KeyPreimage;
  outputs: Record<string, StoredOutput>;
  seconds: number;
  finishedAt: string;
  /** Anything a stage reports about how it ran (e.g. the compute backend). */
  runtime?: Record<string, unknown>;
}

export class ArtifactStore {
  readonly statCache: StatCache;

  constructor(readonly root: string) {
    this.statCache = new StatCache(readJson<StatCacheData>(path.join(root, 'stat-cache.json')) ?? {});
  }

  get objectsDir(): string {
    return path.join(this.root, 'objects');
  }

  objectPath(id: string): string {
    return path.join(this.root, 'objects', id.slice(0, 2), id.slice(2));
  }

  /**
   * Moves a finished file into the store under its content id; returns the id. `sha256`
   * is the digest when the writer already computed it (see `output-digest.ts`).
   */
  async putFile(file: string, sha256?: string): Promise<{ id: string; bytes: number }> {
    fsyncFile(file);
    const id = sha256 ?? (await sha256File(file));
    const target = this.objectPath(id);
    const bytes = statSync(file).size;
    if (existsSync(target) && statSync(target).size === bytes) {
      unlinkSync(file);
    } else {
      mkdirSync(path.dirname(target), { recursive: true });
      renameSync(file, target);
    }
    this.statCache.remember(this.objectCacheKey(id), statSync(target), id);
    return { id, bytes };
  }

  /**
   * True when the object exists and its bytes still hash to its id. The stat cache
   * spares re-reading objects whose size, mtime and inode did not change.
   */
  async verifyObject(id: string): Promise<boolean> {
    const file = this.objectPath(id);
    let stats;
    try {
      stats = statSync(file);
    } catch {
      return false;
    }
    const cacheKey = this.objectCacheKey(id);
    if (this.statCache.lookup(cacheKey, stats) === id) return true;
    const actual = await sha256File(file);
    this.statCache.hashCalls += 1;
    if (actual !== id) return false;
    this.statCache.remember(cacheKey, stats, id);
    return true;
  }

  /** Removes a corrupted or unwanted object. */
  evictObject(id: string): void {
    rmSync(this.objectPath(id), { force: true });
    this.statCache.forget(this.objectCacheKey(id));
  }

  readCacheEntry(key: string): CacheEntry | undefined {
    return readJson<CacheEntry>(path.join(this.root, 'cache', `${key}.json`));
  }

  hasCacheEntry(key: string): boolean {
    return existsSync(path.join(this.root, 'cache', `${key}.json`));
  }

  writeCacheEntry(entry: CacheEntry): void {
    writeFileAtomic(path.join(this.root, 'cache', `${entry.key}.json`), `${JSON.stringify(entry, null, 2)}\n`);
  }

  deleteCacheEntry(key: string): void {
    rmSync(path.join(this.root, 'cache', `${key}.json`), { force: true });
  }

  listCacheKeys(): string[] {
    return listJsonNames(path.join(this.root, 'cache'));
  }

  readPlan<T>(key: string): T | undefined {
    return readJson<T>(path.join(this.root, 'plans', `${key}.json`));
  }

  writePlan(key: string, plan: unknown): void {
    writeFileAtomic(path.join(this.root, 'plans', `${key}.json`), JSON.stringify(plan));
  }

  runPath(id: string): string {
    return path.join(this.root, 'runs', `${id}.json`);
  }

  readRun<T>(id: string): T | undefined {
    return readJson<T>(this.runPath(id));
  }

  writeRun(id: string, manifest: unknown): void {
    writeFileAtomic(this.runPath(id), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  listRunIds(): string[] {
    return listJsonNames(path.join(this.root, 'runs'));
  }

  /** A fresh private directory for a running stage; removed by the caller when done. */
  makeTempDir(label: string): string {
    const dir = path.join(this.root, 'tmp', `${label}-${process.pid}-${randomBytes(4).toString('hex')}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  scratchDir(key: string): string {
    return path.join(this.root, 'scratch', key);
  }

  logPath(key: string): string {
    return path.join(this.root, 'logs', `${key}.log`);
  }

  /** TensorBoard's directory for one stage execution: a run per pipeline, a subfolder per stage and key. */
  eventsDir(pipeline: string, stageId: string, key: string): string {
    const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_');
    return path.join(this.root, 'logs', 'tensorboard', safe(pipeline), `${safe(stageId)}@${key.slice(0, 12)}`);
  }

  /** Persists the stat cache when it changed. */
  saveStatCache(): void {
    if (!this.statCache.dirty) return;
    writeFileAtomic(path.join(this.root, 'stat-cache.json'), JSON.stringify(this.statCache.entries));
    this.statCache.dirty = false;
  }

  private objectCacheKey(id: string): string {
    return `object:${id}`;
  }
}

function readJson<T>(file: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function listJsonNames(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5));
  } catch {
    return [];
  }
}
