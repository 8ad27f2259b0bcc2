/** `tradelab gc`: delete what the newest runs do not reference. */
import { ArtifactStore } from '../../engine/artifact-store.js';
import { garbageCollect } from '../../engine/garbage-collect.js';
import { lockKey } from '../../engine/store-lock.js';
import { storeRoot } from '../store-location.js';

export async function gcCommand(options: { keep: number; dryRun?: boolean; store?: string }): Promise<number> {
  const store = new ArtifactStore(storeRoot(options.store));
  const release = await lockKey(store.root, 'gc');
  try {
    const r = garbageCollect(store, { keep: options.keep, dryRun: Boolean(options.dryRun) });
    const verb = options.dryRun ? 'would delete' : 'deleted';
    process.stdout.write(
      `${verb} ${r.runs} run manifests, ${r.cacheEntries} cache entries, ${r.objects} objects (${(r.bytes / 1e6).toFixed(1)} MB), ${r.tempDirs} staging dirs; kept the newest ${options.keep} runs of each pipeline\n`,
    );
  } finally {
    await release();
  }
  return 0;
}
