/**
 * `status` without running anything: each stage is cached or stale, and why.
 * 1. walk the stages in order, computing keys from cached upstream outputs;
 * 2. a key with an intact cache entry is cached (with the reason the last run recorded);
 * 3. otherwise compare with the key this stage had in the pipeline's latest run:
 *    which param went old -> new, which input or file changed, whether the code changed.
 */
import type { ArtifactStore } from './artifact-store.js';
import { isTradelabError } from './errors.js';
import { resolvePreimage } from './key-resolver.js';
import type { RunManifest } from './run-manifest.js';
import { diffPreimages, stageKey, type KeyDifference } from './stage-key.js';
import type { PipelineSpec } from './validate-pipeline.js';

export interface StageState {
  id: string;
  kind: string;
  state: 'cached' | 'stale';
  key?: string;
  reasons: string[];
}

export async function pipelineStatus(pipeline: PipelineSpec, store: ArtifactStore, projectRoot: string): Promise<StageState[]> {
  const previous = priorStages(store, pipeline.name);
  const known = new Map<string, Record<string, { id: string }>>();
  const states: StageState[] = [];
  for (const spec of pipeline.stages) {
    const base = { id: spec.id, kind: spec.kind };
    let resolved;
    try {
      resolved = await resolvePreimage(spec, known, store.statCache, projectRoot);
    } catch (error) {
      states.push({ ...base, state: 'stale', reasons: [isTradelabError(error) ? error.message : String(error)] });
      continue;
    }
    if ('waitingOn' in resolved) {
      states.push({ ...base, state: 'stale', reasons: [`upstream '${resolved.waitingOn}' is stale`] });
      continue;
    }
    const key = stageKey(resolved.preimage);
    const entry = store.readCacheEntry(key);
    if (entry) {
      const missing = [];
      for (const [port, out] of Object.entries(entry.outputs)) if (!(await store.verifyObject(out.id))) missing.push(port);
      if (missing.length === 0) {
        known.set(spec.id, entry.outputs);
        const prior = previous.get(spec.id);
        const reason = prior?.key === key ? prior.reason : undefined;
        states.push({ ...base, state: 'cached', key, reasons: [reason?.startsWith('early cutoff') ? reason : 'unchanged'] });
        continue;
      }
      states.push({ ...base, state: 'stale', key, reasons: missing.map((p) => `output '${p}' is missing or corrupted in the store`) });
      continue;
    }
    const prior = previous.get(spec.id);
    const priorEntry = prior?.key ? store.readCacheEntry(prior.key) : undefined;
    const reasons = priorEntry
      ? diffPreimages(priorEntry.preimage, resolved.preimage).map((d) => describe(d, spec.inputs))
      : [prior ? 'its previous result is no longer in the store' : 'never run'];
    states.push({ ...base, state: 'stale', key, reasons: reasons.length > 0 ? reasons : ['not in the cache'] });
  }
  return states;
}

function describe(d: KeyDifference, inputs: PipelineSpec['stages'][number]['inputs']): string {
  const short = (v: unknown): string => (v === undefined ? '(unset)' : JSON.stringify(v));
  switch (d.what) {
    case 'param':
      return `param ${d.path}: ${short(d.before)} -> ${short(d.after)}`;
    case 'input': {
      const binding = inputs.find((b) => b.port === d.path);
      const from = binding ? ` (from ${binding.refs.map((r) => `${r.stage}.${r.port}`).join(', ')})` : '';
      return `input '${d.path}'${from} changed`;
    }
    case 'file': {
      const [param, file] = [d.path.slice(0, d.path.indexOf(':')), d.path.slice(d.path.indexOf(':') + 1)];
      const change = d.before === undefined ? 'added' : d.after === undefined ? 'no longer named' : 'changed';
      return `file ${file} (param ${param}) ${change}`;
    }
    case 'code':
      return 'the stage code changed';
    case 'version':
      return `stage version ${short(d.before)} -> ${short(d.after)}`;
    default:
      return `stage kind ${short(d.before)} -> ${short(d.after)}`;
  }
}

interface PriorStage {
  key?: string;
  /** The reason recorded by the last execution that included the stage. */
  reason?: string;
}

/** For each stage id, its key and reason in the newest run of the pipeline that included it. */
function priorStages(store: ArtifactStore, pipeline: string): Map<string, PriorStage> {
  const manifests = store
    .listRunIds()
    .map((id) => store.readRun<RunManifest>(id))
    .filter((m): m is RunManifest => m?.pipeline === pipeline)
    .sort((a, b) => (b.executions.at(-1)?.finishedAt ?? '').localeCompare(a.executions.at(-1)?.finishedAt ?? ''));
  const out = new Map<string, PriorStage>();
  for (const manifest of manifests) {
    const reasons = new Map(manifest.executions.at(-1)?.stages.map((s) => [s.id, s.reason]) ?? []);
    for (const stage of manifest.stages) {
      if (!out.has(stage.id)) out.set(stage.id, { ...(stage.key ? { key: stage.key } : {}), ...(reasons.get(stage.id) ? { reason: reasons.get(stage.id)! } : {}) });
    }
  }
  return out;
}
