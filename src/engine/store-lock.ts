/**
 * Locks on the store, so two `run`s on one store are safe: a stage key is executed by one
 * process at a time, and the other waits, then finds the result in the cache.
 * A lock of a process that died goes stale and is taken over (proper-lockfile refreshes
 * the lock's mtime while its holder lives).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export type Release = () => Promise<void>;

export async function lockKey(storeRoot: string, name: string, signal?: AbortSignal): Promise<Release> {
  const { default: lockfile } = await import('proper-lockfile');
  const dir = path.join(storeRoot, 'locks');
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, name);
  for (;;) {
    try {
      return await lockfile.lock(target, {
        realpath: false,
        lockfilePath: `${target}.lock`,
        stale: 10_000,
        update: 2_000,
        retries: 0,
        onCompromised: () => undefined,
      });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ELOCKED') throw error;
      if (signal?.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * Marks a run as active until the returned function is called, so `gc` can refuse to
 * delete results a run is still producing. A marker of a dead process does not count.
 */
export function markActiveRun(storeRoot: string): () => void {
  const dir = path.join(storeRoot, 'locks', 'active-runs');
  mkdirSync(dir, { recursive: true });
  const marker = path.join(dir, `${process.pid}-${randomBytes(4).toString('hex')}`);
  writeFileSync(marker, '');
  return () => rmSync(marker, { force: true });
}

/** Pids of live processes with an active run on this store. */
export function activeRuns(storeRoot: string): number[] {
  let names: string[];
  try {
    names = readdirSync(path.join(storeRoot, 'locks', 'active-runs'));
  } catch {
    return [];
  }
  return names.map((n) => Number(n.split('-')[0])).filter((pid) => Number.isInteger(pid) && isAlive(pid));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
