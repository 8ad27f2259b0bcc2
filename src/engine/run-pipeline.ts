/**
 * Runs a validated pipeline.
 * 1. select stages (`--only`, `--from`, `--skip`) and schedule them with p-graph, `jobs` at a
 *    time, `gpu` stages one at a time;
 * 2. per stage, once its inputs are known: compute its key; a cache entry whose objects are
 *    intact is a hit (a corrupted object is evicted and the stage re-runs);
 * 3. otherwise lock the key, re-check the cache (a concurrent run may have produced it),
 *    execute through the `Executor`, move outputs into the store, write the cache entry;
 * 4. a failure skips the stage's dependents; without `keepGoing` no new stage starts;
 * 5. record the run manifest and the stat cache.
 */
import { rmSync } from 'node:fs';
import os from 'node:os';
import { PGraph } from 'p-graph';
import type { ArtifactStore, StoredOutput } from './artifact-store.js';
import type { InputArtifact } from './contract.js';
import { isTradelabError, type Problem } from './errors.js';
import type { Executor } from './executor.js';
import { selectStages, type Selection } from './graph.js';
import { resolvePreimage, type KnownOutputs } from './key-resolver.js';
import type { RunObserver, RunResult, RunStatus, StageOutcome } from './run-events.js';
import { recordRun } from './run-manifest.js';
import { Semaphore } from './semaphore.js';
import { stageKey, type KeyPreimage } from './stage-key.js';
import { lockKey, markActiveRun } from './store-lock.js';
import type { PipelineSpec, StageSpec } from './validate-pipeline.js';

export interface RunPipelineOptions {
  pipeline: PipelineSpec;
  store: ArtifactStore;
  projectRoot: string;
  executor: Executor;
  jobs?: number;
  selection?: Selection;
  /** Stage ids to execute even when cached. */
  force?: readonly string[];
  keepGoing?: boolean;
  dryRun?: boolean;
  /** Default stage timeout in seconds (a stage's own `timeout:` wins). */
  timeoutSeconds?: number;
  signal?: AbortSignal;
  observer?: RunObserver;
  versions?: Record<string, string>;
}

export async function runPipeline(options: RunPipelineOptions): Promise<RunResult> {
  const run = new PipelineRun(options);
  return run.execute();
}

class PipelineRun {
  private readonly outcomes = new Map<string, StageOutcome>();
  private readonly gpuSlot = new Semaphore(1);
  private readonly signal: AbortSignal;
  private readonly runtime: Record<string, Record<string, unknown>> = {};
  private stoppedBy: string | undefined;
  /** For a stage served by early cutoff: the executed stages upstream that made it so. */
  private readonly cutoffRoots = new Map<string, string[]>();
  private executed = 0;

  constructor(private readonly options: RunPipelineOptions) {
    this.signal = options.signal ?? new AbortController().signal;
  }

  async execute(): Promise<RunResult> {
    const { pipeline, store } = this.options;
    const startedAt = new Date();
    const hashesBefore = store.statCache.hashCalls;
    const nodes = pipeline.stages.map((s) => ({ id: s.id, deps: upstreamIds(s) }));
    const selected = selectStages(nodes, this.options.selection ?? {});
    const jobs = this.options.jobs ?? os.availableParallelism();
    const chosen = pipeline.stages.filter((s) => selected.has(s.id));
    this.emit({ type: 'run-started', pipeline: pipeline.name, stages: chosen.map((s) => ({ id: s.id, kind: s.kind })), jobs });

    const graphNodes = Object.fromEntries(chosen.map((s) => [s.id, { run: () => this.runStage(s) }]));
    const edges = chosen.flatMap((s) => upstreamIds(s).filter((d) => selected.has(d)).map((d) => [d, s.id] as [string, string]));
    const unmark = this.options.dryRun ? undefined : markActiveRun(store.root);
    try {
      await new PGraph(graphNodes, edges).run({ concurrency: Math.max(1, jobs) });
    } finally {
      unmark?.();
    }

    const outcomes = chosen.map((s) => this.outcomes.get(s.id)!);
    const status: RunStatus = this.signal.aborted
      ? 'cancelled'
      : outcomes.some((o) => o.status === 'failed' || o.status === 'skipped')
        ? 'failed'
        : 'succeeded';
    store.saveStatCache();
    const runId = this.options.dryRun
      ? ''
      : recordRun({ store, pipeline: { ...pipeline, stages: chosen }, outcomes, status, startedAt, versions: this.options.versions ?? {}, runtime: this.runtime });
    const result: RunResult = {
      runId,
      pipeline: pipeline.name,
      status,
      stages: outcomes,
      executed: this.executed,
      filesHashed: store.statCache.hashCalls - hashesBefore,
      dryRun: Boolean(this.options.dryRun),
    };
    this.emit({ type: 'run-finished', result });
    return result;
  }

  private async runStage(spec: StageSpec): Promise<void> {
    const outcome = await this.decide(spec);
    this.outcomes.set(spec.id, outcome);
    this.emit({ type: 'stage-finished', outcome });
  }

  private async decide(spec: StageSpec): Promise<StageOutcome> {
    const base = { id: spec.id, kind: spec.kind, seconds: 0 };
    if (this.signal.aborted) return { ...base, status: 'cancelled', reason: 'the run was cancelled' };
    const blocker = upstreamIds(spec).map((id) => this.outcomes.get(id)).find((o) => o && !o.outputs);
    if (blocker) {
      if (blocker.status === 'pending') return { ...base, status: 'pending', reason: `runs after '${blocker.id}'` };
      const status = blocker.status === 'cancelled' ? 'cancelled' : 'skipped';
      return { ...base, status, reason: `upstream '${blocker.id}' ${blocker.status === 'skipped' ? 'was skipped' : blocker.status}` };
    }
    if (this.stoppedBy && !this.options.dryRun) {
      return { ...base, status: 'skipped', reason: `the run stopped after '${this.stoppedBy}' failed (use --keep-going to continue)` };
    }
    let key: string;
    try {
      const resolved = await resolvePreimage(spec, this.knownOutputs(), this.options.store.statCache, this.options.projectRoot);
      if ('waitingOn' in resolved) return { ...base, status: 'skipped', reason: `outputs of '${resolved.waitingOn}' are unknown` };
      key = stageKey(resolved.preimage);
      const forced = this.options.force?.includes(spec.id) ?? false;
      const hit = forced ? undefined : await this.cacheHit(key);
      if (hit && 'outputs' in hit) return { ...base, key, status: 'cached', outputs: hit.outputs, reason: this.cachedReason(spec) };
      const why = forced ? 'forced' : (hit?.reason ?? 'not in the cache');
      if (this.options.dryRun) return { ...base, key, status: 'pending', reason: `would run: ${why}` };
      return await this.executeStage(spec, key, resolved.preimage, { why, forced, files: resolved.files });
    } catch (error) {
      return this.failure(base, error);
    }
  }

  private async executeStage(
    spec: StageSpec,
    key: string,
    preimage: KeyPreimage,
    { why, forced, files }: { why: string; forced: boolean; files: Record<string, string[]> },
  ): Promise<StageOutcome> {
    const { store, executor } = this.options;
    const base = { id: spec.id, kind: spec.kind, key };
    const releaseGpu = spec.definition.resource === 'gpu' ? await this.gpuSlot.acquire() : undefined;
    let release: (() => Promise<void>) | undefined;
    let workDir: string | undefined;
    let started = Date.now();
    try {
      release = await lockKey(store.root, key, this.signal);
      started = Date.now();
      const concurrent = forced ? undefined : await this.cacheHit(key);
      if (concurrent && 'outputs' in concurrent) {
        return { ...base, seconds: 0, status: 'cached', outputs: concurrent.outputs, reason: 'produced by a concurrent run' };
      }
      workDir = store.makeTempDir(spec.id);
      const logPath = store.logPath(key);
      this.emit({ type: 'stage-started', id: spec.id, kind: spec.kind, key });
      this.executed += 1;
      const result = await executor.execute(
        {
          stageId: spec.id,
          kind: spec.kind,
          key,
          runModule: spec.definition.runModule,
          params: spec.params,
          inputs: this.inputArtifacts(spec),
          files,
          outputs: spec.outputs,
          workDir,
          scratchDir: store.scratchDir(key),
          eventsDir: store.eventsDir(this.options.pipeline.name, spec.id, key),
          projectRoot: this.options.projectRoot,
          seed: seedOf(spec, key),
          logPath,
          ...(spec.timeoutSeconds ?? this.options.timeoutSeconds
            ? { timeoutSeconds: spec.timeoutSeconds ?? this.options.timeoutSeconds }
            : {}),
        },
        {
          signal: this.signal,
          onProgress: (update) => this.emit({ type: 'stage-progress', id: spec.id, ...update }),
          onLog: (line) => this.emit({ type: 'stage-log', id: spec.id, line }),
        },
      );
      const outputs: Record<string, StoredOutput> = {};
      for (const [port, file] of Object.entries(result.outputs)) {
        const stored = await store.putFile(file.path, file.sha256);
        outputs[port] = { ...stored, type: spec.outputs[port]!.type, format: file.format };
      }
      const seconds = (Date.now() - started) / 1000;
      store.writeCacheEntry({ key, kind: spec.kind, preimage, outputs, seconds, finishedAt: new Date().toISOString(), ...(result.runtime ? { runtime: result.runtime } : {}) });
      if (result.runtime) this.runtime[spec.id] = result.runtime;
      rmSync(store.scratchDir(key), { recursive: true, force: true });
      return {
        ...base,
        status: 'succeeded',
        outputs,
        seconds,
        reason: why,
        log: logPath,
        startedAt: started,
        finishedAt: Date.now(),
        ...(result.runtime ? { runtime: result.runtime } : {}),
      };
    } catch (error) {
      return this.failure({ ...base, seconds: (Date.now() - started) / 1000, log: store.logPath(key), startedAt: started, finishedAt: Date.now() }, error);
    } finally {
      if (workDir) rmSync(workDir, { recursive: true, force: true });
      await release?.().catch(() => undefined);
      releaseGpu?.();
    }
  }

  private failure(base: Omit<StageOutcome, 'status'>, error: unknown): StageOutcome {
    if (this.signal.aborted) {
      return { ...base, status: 'cancelled', reason: 'the run was cancelled' };
    }
    const problem: Problem = isTradelabError(error)
      ? error.problems[0]!
      : { code: 'E_STAGE_FAILED', message: `stage '${base.id}' failed: ${(error as Error).message ?? String(error)}` };
    this.stoppedBy ??= this.options.keepGoing ? undefined : base.id;
    return { ...base, status: 'failed', error: problem, reason: problem.message };
  }

  /** A usable cache entry, or why there is none. Corrupted objects are evicted. */
  private async cacheHit(key: string): Promise<{ outputs: Record<string, StoredOutput> } | { reason: string } | undefined> {
    const { store } = this.options;
    const entry = store.readCacheEntry(key);
    if (!entry) return undefined;
    for (const [port, output] of Object.entries(entry.outputs)) {
      if (!(await store.verifyObject(output.id))) {
        store.evictObject(output.id);
        store.deleteCacheEntry(key);
        return { reason: `output '${port}' was missing or corrupted in the store (evicted)` };
      }
    }
    return { outputs: entry.outputs };
  }

  /** "unchanged", or which stages re-ran upstream (directly or through other cut-off stages). */
  private cachedReason(spec: StageSpec): string {
    const reran = new Set<string>();
    for (const id of upstreamIds(spec)) {
      if (this.outcomes.get(id)?.status === 'succeeded') reran.add(id);
      for (const root of this.cutoffRoots.get(id) ?? []) reran.add(root);
    }
    if (reran.size === 0) return 'unchanged';
    this.cutoffRoots.set(spec.id, [...reran]);
    return `early cutoff: upstream ${[...reran].map((r) => `'${r}'`).join(', ')} re-ran with byte-identical output`;
  }

  /** Upstream outputs as the key resolver reads them: a view of the outcomes, not a copy per stage. */
  private knownOutputs(): KnownOutputs {
    return { get: (id) => this.outcomes.get(id)?.outputs };
  }


  private inputArtifacts(spec: StageSpec): Record<string, InputArtifact[]> {
    const out: Record<string, InputArtifact[]> = {};
    for (const binding of spec.inputs) {
      out[binding.port] = binding.refs.map((ref) => {
        const stored = this.outcomes.get(ref.stage)!.outputs![ref.port]!;
        const artifact: InputArtifact = { path: this.options.store.objectPath(stored.id), type: stored.type, id: stored.id, format: stored.format };
        if (binding.named) artifact.from = `${ref.stage}.${ref.port}`;
        return artifact;
      });
    }
    return out;
  }

  private emit(event: Parameters<RunObserver>[0]): void {
    this.options.observer?.(event);
  }
}

function upstreamIds(spec: StageSpec): string[] {
  return [...new Set(spec.inputs.flatMap((b) => b.refs.map((r) => r.stage)))];
}

/** `params.seed` when the stage has one, else a seed derived from the key. */
function seedOf(spec: StageSpec, key: string): number {
  const seed = spec.params.seed;
  return typeof seed === 'number' && Number.isInteger(seed) ? seed >>> 0 : Number.parseInt(key.slice(0, 8), 16);
}
