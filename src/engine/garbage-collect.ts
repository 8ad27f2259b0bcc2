/**
 * `gc`: keeps the newest `keep` runs of each pipeline and everything they reference;
 * deletes older run manifests, cache entries no kept run references, objects no kept
 * cache entry references, their logs, staging directories left by dead processes, and the
 * plan cache.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ArtifactStore } from './artifact-store.js';
import { listRuns } from './run-history.js';
import { activeRuns, isAlive } from './store-lock.js';
import { fail } from './errors.js';

export interface GcResult {
  runs: number;
  cacheEntries: number;
  objects: number;
  bytes: number;
  tempDirs: number;
}

export function garbageCollect(store: ArtifactStore, options: { keep: number; dryRun: boolean }): GcResult {
  const busy = activeRuns(store.root);
  if (busy.length > 0 && !options.dryRun) {
    fail('E_LOCK', `a run is in progress on this store (pid ${busy.join(', ')}); gc could delete what it is producing`, {
      hint: 'wait for it to finish, or preview with `tradelab gc --dry-run`',
    });
  }
  const result: GcResult = { runs: 0, cacheEntries: 0, objects: 0, bytes: 0, tempDirs: 0 };
  const perPipeline = new Map<string, number>();
  const keepKeys = new Set<string>();
  for (const run of listRuns(store)) {
    const seen = perPipeline.get(run.pipeline) ?? 0;
    perPipeline.set(run.pipeline, seen + 1);
    if (seen < options.keep) {
      for (const stage of run.stages) if (stage.key) keepKeys.add(stage.key);
      continue;
    }
    result.runs += 1;
    if (!options.dryRun) rmSync(store.runPath(run.id), { force: true });
  }
  const keepObjects = new Set<string>();
  for (const key of store.listCacheKeys()) {
    const entry = store.readCacheEntry(key);
    if (entry && keepKeys.has(key)) {
      for (const out of Object.values(entry.outputs)) keepObjects.add(out.id);
      continue;
    }
    result.cacheEntries += 1;
    if (!options.dryRun) {
      store.deleteCacheEntry(key);
      rmSync(store.logPath(key), { force: true });
    }
  }
  for (const id of listObjects(store.objectsDir)) {
    if (keepObjects.has(id)) continue;
    result.objects += 1;
    result.bytes += statSync(store.objectPath(id)).size;
    if (!options.dryRun) store.evictObject(id);
  }
  result.tempDirs = removeDeadTempDirs(path.join(store.root, 'tmp'), options.dryRun);
  // Validated plans are a pure cache: the next run rebuilds the one it needs.
  if (!options.dryRun) rmSync(path.join(store.root, 'plans'), { recursive: true, force: true });
  if (!options.dryRun) store.saveStatCache();
  return result;
}

function listObjects(dir: string): string[] {
  const out: string[] = [];
  let prefixes: string[];
  try {
    prefixes = readdirSync(dir);
  } catch {
    return out;
  }
  for (const prefix of prefixes) for (const rest of readdirSync(path.join(dir, prefix))) if (!rest.endsWith('.tmp')) out.push(prefix + rest);
  return out;
}

/** Staging dirs are named `<stage>-<pid>-<random>`; a dir whose process is gone is garbage. */
function removeDeadTempDirs(dir: string, dryRun: boolean): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const pid = Number(name.split('-').at(-2));
    if (Number.isInteger(pid) && isAlive(pid)) continue;
    removed += 1;
    if (!dryRun) rmSync(path.join(dir, name), { recursive: true, force: true });
  }
  return removed;
}
