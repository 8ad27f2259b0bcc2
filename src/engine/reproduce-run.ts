/**
 * Reproducing a recorded run.
 * 1. rebuild the exact resolved pipeline from the manifest (`manifest-pipeline.ts`);
 * 2. note each stage kind whose version or code fingerprint differs from the recorded
 *    key's preimage (the code changed since the run);
 * 3. check that the recorded objects are still in the store, intact;
 * 4. run the pipeline: on the store itself (cache hits serve what is there), or with
 *    `verify` into a fresh temporary store, so every stage re-executes and the original
 *    objects are never touched;
 * 5. compare, per stage, the key and every output id with the recorded ones.
 */
import { rmSync } from 'node:fs';
import { ArtifactStore } from './artifact-store.js';
import type { StageRegistry } from './contract.js';
import type { Executor } from './executor.js';
import { pipelineFromManifest } from './manifest-pipeline.js';
import { describeDifference } from './run-diff.js';
import type { RunObserver, RunResult, StageOutcome } from './run-events.js';
import type { RunManifest } from './run-manifest.js';
import { runPipeline } from './run-pipeline.js';
import { diffPreimages, type KeyPreimage } from './stage-key.js';

/** Options of `reproduceRun`. */
export interface ReproduceOptions {
  manifest: RunManifest;
  store: ArtifactStore;
  registry: StageRegistry;
  executor: Executor;
  projectRoot: string;
  /** Re-execute every stage into a temporary store and compare output hashes. */
  verify?: boolean;
  jobs?: number;
  signal?: AbortSignal;
  observer?: RunObserver;
  versions?: Record<string, string>;
}

/** One output port: the recorded and the reproduced artifact id. */
export interface OutputCheck {
  port: string;
  recorded?: string;
  actual?: string;
  /** The recorded object was in the store with bytes matching its id (before the run). */
  storedIntact: boolean;
}

/** One stage of a reproduction. */
export interface StageCheck {
  id: string;
  kind: string;
  /** `reproduced`: every output id matches; `differs`; `failed`: it did not run to the end; `unrecorded`: the run has no outputs to compare. */
  verdict: 'reproduced' | 'differs' | 'failed' | 'unrecorded';
  recordedKey?: string;
  key?: string;
  outputs: OutputCheck[];
  /** What differs and why, and code drift since the run. */
  notes: string[];
}

/** The result of `reproduceRun`. */
export interface ReproduceResult {
  run: RunResult;
  stages: StageCheck[];
  verified: boolean;
  /** Every recorded stage reproduced. */
  reproduced: boolean;
}

export async function reproduceRun(options: ReproduceOptions): Promise<ReproduceResult> {
  const { manifest, store, registry, verify } = options;
  const pipeline = pipelineFromManifest(manifest, registry);
  const intact = await intactObjects(store, manifest);
  const target = verify ? new ArtifactStore(store.makeTempDir('repro-verify')) : store;
  try {
    const run = await runPipeline({
      pipeline,
      store: target,
      projectRoot: options.projectRoot,
      executor: options.executor,
      ...(options.jobs ? { jobs: options.jobs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.observer ? { observer: options.observer } : {}),
      versions: options.versions ?? manifest.versions,
    });
    const outcomes = new Map(run.stages.map((o) => [o.id, o]));
    const stages = manifest.stages.map((recorded) => checkStage(recorded, outcomes.get(recorded.id), { store, target, registry, intact, verify: Boolean(verify) }));
    return { run, stages, verified: Boolean(verify), reproduced: stages.every((s) => s.verdict === 'reproduced' || s.verdict === 'unrecorded') };
  } finally {
    store.saveStatCache();
    if (verify) rmSync(target.root, { recursive: true, force: true });
  }
}

type RecordedStage = RunManifest['stages'][number];

interface CheckContext {
  store: ArtifactStore;
  target: ArtifactStore;
  registry: StageRegistry;
  intact: Set<string>;
  verify: boolean;
}

function checkStage(recorded: RecordedStage, outcome: StageOutcome | undefined, c: CheckContext): StageCheck {
  const recordedPreimage = recorded.key ? c.store.readCacheEntry(recorded.key)?.preimage : undefined;
  const notes = codeDrift(recorded.kind, recordedPreimage, c.registry);
  const base = { id: recorded.id, kind: recorded.kind, ...(recorded.key ? { recordedKey: recorded.key } : {}), ...(outcome?.key ? { key: outcome.key } : {}) };
  if (!recorded.outputs) return { ...base, verdict: 'unrecorded', outputs: [], notes: [...notes, `the run recorded no outputs (it was ${recorded.status})`] };
  if (!outcome?.outputs) return { ...base, verdict: 'failed', outputs: [], notes: [...notes, `did not run to the end: ${outcome?.status ?? 'not run'}${outcome?.reason ? ` (${outcome.reason})` : ''}`] };
  if (recorded.key && outcome.key && outcome.key !== recorded.key) {
    const fresh = c.target.readCacheEntry(outcome.key)?.preimage;
    const why = recordedPreimage && fresh ? diffPreimages(recordedPreimage, fresh).map(describeDifference) : [];
    notes.push(`key changed${why.length > 0 ? `: ${why.join('; ')}` : ''}`);
  }
  const outputs: OutputCheck[] = [];
  let same = true;
  for (const port of new Set([...Object.keys(recorded.outputs), ...Object.keys(outcome.outputs)])) {
    const wanted = recorded.outputs[port]?.id;
    const actual = outcome.outputs[port]?.id;
    const storedIntact = wanted !== undefined && c.intact.has(wanted);
    outputs.push({ port, ...(wanted ? { recorded: wanted } : {}), ...(actual ? { actual } : {}), storedIntact });
    if (wanted !== actual) {
      same = false;
      notes.push(`output '${port}': recorded ${short(wanted)}, ${c.verify ? 're-executed' : 'reproduced'} ${short(actual)}`);
    }
    if (wanted && !storedIntact) {
      if (c.verify) same = false;
      const rebuilt = !c.verify && wanted === actual ? '; the run rebuilt it' : '';
      notes.push(`the recorded object of '${port}' (${short(wanted)}) was missing or its bytes no longer matched its id${rebuilt}`);
    }
  }
  return { ...base, verdict: same ? 'reproduced' : 'differs', outputs, notes };
}

/** Notes when the kind's version or code fingerprint today differs from the recorded preimage's. */
function codeDrift(kind: string, preimage: KeyPreimage | undefined, registry: StageRegistry): string[] {
  const definition = registry.get(kind);
  if (!definition || !preimage) return [];
  const notes: string[] = [];
  if (preimage.version !== definition.version) notes.push(`stage kind '${kind}' is at version ${definition.version}; the run used version ${preimage.version}`);
  if (preimage.code !== definition.codeFingerprint) {
    notes.push(`the code of stage kind '${kind}' changed since the run (fingerprint ${preimage.code.slice(0, 12)} -> ${definition.codeFingerprint.slice(0, 12)})`);
  }
  return notes;
}

/** Recorded output ids whose objects are in the store with matching bytes. */
async function intactObjects(store: ArtifactStore, manifest: RunManifest): Promise<Set<string>> {
  const ids = new Set(manifest.stages.flatMap((s) => Object.values(s.outputs ?? {}).map((o) => o.id)));
  const intact = new Set<string>();
  for (const id of ids) if (await store.verifyObject(id)) intact.add(id);
  return intact;
}

function short(id: string | undefined): string {
  return id ? id.slice(0, 12) : '(none)';
}
