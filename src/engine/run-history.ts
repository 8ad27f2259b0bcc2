/** Reading recorded runs: newest first, lookup by id prefix. */
import type { ArtifactStore } from './artifact-store.js';
import { fail } from './errors.js';
import type { RunManifest } from './run-manifest.js';

export function finishedAt(manifest: RunManifest): string {
  return manifest.executions.at(-1)?.finishedAt ?? '';
}

export function listRuns(store: ArtifactStore): RunManifest[] {
  return store
    .listRunIds()
    .map((id) => store.readRun<RunManifest>(id))
    .filter((m): m is RunManifest => m !== undefined)
    .sort((a, b) => finishedAt(b).localeCompare(finishedAt(a)));
}

/** The run whose id starts with `prefix`; a clear error when none or several match. */
export function findRun(store: ArtifactStore, prefix: string): RunManifest {
  const ids = store.listRunIds().filter((id) => id.startsWith(prefix));
  if (ids.length === 0) fail('E_NOT_FOUND', `no run '${prefix}' in ${store.root}`, { hint: 'list runs with `tradelab runs`' });
  if (ids.length > 1) fail('E_USAGE', `run id prefix '${prefix}' is ambiguous: ${ids.slice(0, 5).join(', ')}`, { hint: 'give more characters' });
  return store.readRun<RunManifest>(ids[0]!)!;
}
