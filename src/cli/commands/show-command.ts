/** `tradelab show <run>`: one run's stages, keys, artifacts, versions and executions. */
import { ArtifactStore } from '../../engine/artifact-store.js';
import { findRun } from '../../engine/run-history.js';
import { storeRoot } from '../store-location.js';

export async function showCommand(prefix: string, options: { json?: boolean; store?: string }): Promise<number> {
  const store = new ArtifactStore(storeRoot(options.store));
  const run = findRun(store, prefix);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
    return 0;
  }
  const out: string[] = [
    `run ${run.id}  pipeline ${run.pipeline} (${run.file})  ${run.status}`,
    `versions: ${Object.entries(run.versions).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `executions: ${run.executions.map((e) => e.finishedAt).join(', ')}`,
    'stages:',
  ];
  const params = new Map(run.resolved.map((s) => [s.id, s.params]));
  for (const stage of run.stages) {
    out.push(`  ${stage.id} [${stage.kind}] ${stage.status}  key ${stage.key?.slice(0, 16) ?? '-'}`);
    out.push(`    params ${JSON.stringify(params.get(stage.id) ?? {})}`);
    for (const [port, o] of Object.entries(stage.outputs ?? {})) {
      out.push(`    ${port}: ${o.id.slice(0, 16)} ${o.type} ${o.format} ${o.bytes} bytes  ${store.objectPath(o.id)}`);
    }
    if (stage.error) out.push(`    error: ${stage.error.message}`);
  }
  for (const [stage, runtime] of Object.entries(run.runtime)) out.push(`runtime ${stage}: ${JSON.stringify(runtime)}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
