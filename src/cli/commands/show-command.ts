/**
 * `tradelab show <run>`: one run's headline, versions, backend and executions, then per
 * stage its key, params, seconds and runtime facts of the execution that ran it, and
 * its output artifacts.
 */
import { ArtifactStore } from '../../engine/artifact-store.js';
import { findRun } from '../../engine/run-history.js';
import type { RunManifest } from '../../engine/run-manifest.js';
import { formatSeconds } from '../reporters/status-symbols.js';
import { storeRoot } from '../store-location.js';
import { formatHeadline, runHeadline } from './runs-command.js';

export async function showCommand(prefix: string, options: { json?: boolean; store?: string }): Promise<number> {
  const store = new ArtifactStore(storeRoot(options.store));
  const run = findRun(store, prefix);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...run, headline: runHeadline(store, run) }, null, 2)}\n`);
    return 0;
  }
  const headline = formatHeadline(runHeadline(store, run));
  const backends = [...new Set(Object.values(run.runtime).map((r) => r.backend).filter((b): b is string => typeof b === 'string'))];
  const out: string[] = [
    `run ${run.id}  pipeline ${run.pipeline} (${run.file})  ${run.status}`,
    ...(headline ? [`headline: ${headline}`] : []),
    `versions: ${Object.entries(run.versions).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    ...(backends.length > 0 ? [`backend: ${backends.join(', ')}`] : []),
    `executions: ${run.executions.map((e) => e.finishedAt).join(', ')}`,
    'stages:',
  ];
  const params = new Map(run.resolved.map((s) => [s.id, s.params]));
  const timings = lastExecutions(run);
  for (const stage of run.stages) {
    const timing = timings.get(stage.id);
    const ran = timing ? `  ${timing.status} in ${formatSeconds(timing.seconds)}` : '';
    out.push(`  ${stage.id} [${stage.kind}] ${stage.status}  key ${stage.key?.slice(0, 16) ?? '-'}${ran}`);
    out.push(`    params ${JSON.stringify(params.get(stage.id) ?? {})}`);
    const runtime = run.runtime[stage.id];
    if (runtime) out.push(`    runtime ${Object.entries(runtime).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ')}`);
    for (const [port, o] of Object.entries(stage.outputs ?? {})) {
      out.push(`    ${port}: ${o.id.slice(0, 16)} ${o.type} ${o.format} ${o.bytes} bytes  ${store.objectPath(o.id)}`);
    }
    if (stage.error) out.push(`    error: ${stage.error.message}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

/** Per stage, the newest execution that actually ran it (succeeded or failed), with its seconds. */
function lastExecutions(run: RunManifest): Map<string, { status: string; seconds: number }> {
  const out = new Map<string, { status: string; seconds: number }>();
  for (const execution of run.executions) {
    for (const s of execution.stages) {
      if (s.status === 'succeeded' || s.status === 'failed') out.set(s.id, { status: s.status, seconds: s.seconds });
    }
  }
  return out;
}
