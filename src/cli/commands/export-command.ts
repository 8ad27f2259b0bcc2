/**
 * `tradelab export <artifact> <out.csv|out.parquet>`: an artifact by id (a unique prefix)
 * or by `stage.port` of a pipeline's current cached state, converted to CSV or Parquet.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ArtifactStore, type StoredOutput } from '../../engine/artifact-store.js';
import { fail } from '../../engine/errors.js';
import { pipelineStatus } from '../../engine/stage-status.js';
import { openPipeline } from '../open-pipeline.js';
import { problemSummary, renderProblems } from '../render-problems.js';
import { projectRoot, storeRoot } from '../store-location.js';

export async function exportCommand(artifact: string, out: string, options: { pipeline: string; store?: string }): Promise<number> {
  const to = path.extname(out).toLowerCase() === '.csv' ? 'csv' : path.extname(out).toLowerCase() === '.parquet' ? 'parquet' : undefined;
  if (!to) fail('E_USAGE', `cannot tell the format of '${out}'`, { hint: 'name the output *.csv or *.parquet' });
  const store = new ArtifactStore(storeRoot(options.store));
  const stored = /^[0-9a-f]{6,64}$/.test(artifact) ? byId(store, artifact) : await byStagePort(store, artifact, options.pipeline);
  if (!stored) return 2;
  const { exportArtifact } = await import('../../io/artifact-export.js');
  const bytes = exportArtifact({ bytes: readFileSync(store.objectPath(stored.id)), format: stored.format, to });
  writeFileSync(out, bytes);
  process.stdout.write(`wrote ${out} (${bytes.length} bytes) from artifact ${stored.id.slice(0, 16)}\n`);
  return 0;
}

function byId(store: ArtifactStore, prefix: string): StoredOutput {
  const matches = new Map<string, StoredOutput>();
  for (const key of store.listCacheKeys()) {
    for (const o of Object.values(store.readCacheEntry(key)?.outputs ?? {})) if (o.id.startsWith(prefix)) matches.set(o.id, o);
  }
  if (matches.size === 0) fail('E_NOT_FOUND', `no artifact '${prefix}' in ${store.root}`, { hint: 'see artifact ids with `tradelab show <run>`' });
  if (matches.size > 1) fail('E_USAGE', `artifact prefix '${prefix}' is ambiguous`, { hint: 'give more characters' });
  return [...matches.values()][0]!;
}

async function byStagePort(store: ArtifactStore, ref: string, pipelineFile: string): Promise<StoredOutput | undefined> {
  // Variant ids may hold dots (`lstm[lr=0.001]`); a port never does.
  const dot = ref.lastIndexOf('.');
  const [stageId, port] = dot < 0 ? [ref, ''] : [ref.slice(0, dot), ref.slice(dot + 1)];
  if (!stageId || !port) fail('E_USAGE', `'${ref}' is neither an artifact id nor stage.port`, { hint: 'e.g. `tradelab export features.features out.csv`' });
  const opened = await openPipeline(pipelineFile, [], { store });
  if (!opened.ok) {
    process.stderr.write(renderProblems(opened.problems, 'text'));
    process.stderr.write(`${problemSummary(opened.problems, 1)}\n`);
    return undefined;
  }
  const state = (await pipelineStatus(opened.pipeline, store, projectRoot())).find((s) => s.id === stageId);
  if (!state) fail('E_NOT_FOUND', `pipeline ${opened.pipeline.name} has no stage '${stageId}'`);
  if (state.state !== 'cached' || !state.key) {
    fail('E_NOT_FOUND', `stage '${stageId}' is stale (${state.reasons.join('; ')})`, { hint: `run it first: tradelab run ${pipelineFile} --only ${stageId}` });
  }
  const output = store.readCacheEntry(state.key)?.outputs[port];
  if (!output) fail('E_NOT_FOUND', `stage '${stageId}' has no output '${port}'`);
  return output;
}
