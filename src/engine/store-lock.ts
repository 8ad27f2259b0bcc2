/**
 * Locks on the store, so two `run`s on one store are safe: a stage key is executed by one
 * process at a time, and the other waits, then finds the result in the cache.
 * A lock of a process that died goes stale and is taken over (proper-lockfile refreshes
 * the lock's mtime while its holder lives).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

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
