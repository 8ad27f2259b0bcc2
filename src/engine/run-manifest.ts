/**
 * Run manifests: the record of what a run computed, enough to reproduce it.
 * The run id is a content hash of the resolved pipeline, every stage key and output id,
 * and the run's status: a no-op re-run computes the same id and writes nothing, while a
 * run that executed stages records itself (appending to `executions` when the id exists).
 */
import { hashValue } from './canonical-json.js';
import type { ArtifactStore } from './artifact-store.js';
import type { RunStatus, StageOutcome } from './run-events.js';
import type { PipelineSpec } from './validate-pipeline.js';

export interface ResolvedStage {
  id: string;
  kind: string;
  version: number;
  params: Record<string, unknown>;
  inputs: Record<string, string[]>;
}

export interface RunExecution {
  startedAt: string;
  finishedAt: string;
  /** Per-stage status, seconds and reason of this execution. */
  stages: Pick<StageOutcome, 'id' | 'status' | 'seconds' | 'reason' | 'log'>[];
}

export interface RunManifest {
  id: string;
  pipeline: string;
  file: string;
  status: RunStatus;
  resolved: ResolvedStage[];
  stages: Pick<StageOutcome, 'id' | 'kind' | 'key' | 'status' | 'outputs' | 'reason' | 'error'>[];
  versions: Record<string, string>;
  runtime: Record<string, Record<string, unknown>>;
  executions: RunExecution[];
}

export function resolvedStages(pipeline: PipelineSpec): ResolvedStage[] {
  return pipeline.stages.map((s) => ({
    id: s.id,
    kind: s.kind,
    version: s.definition.version,
    params: s.params,
    inputs: Object.fromEntries(s.inputs.map((b) => [b.port, b.refs.map((r) => `${r.stage}.${r.port}`)])),
  }));
}

export function runId(pipeline: PipelineSpec, outcomes: readonly StageOutcome[], status: RunStatus): string {
  return hashValue({
    pipeline: pipeline.name,
    resolved: resolvedStages(pipeline),
    stages: outcomes.map((o) => ({ id: o.id, key: o.key ?? null, outputs: o.outputs ?? null })),
    status,
  }).slice(0, 16);
}

export interface RecordRunOptions {
  store: ArtifactStore;
  pipeline: PipelineSpec;
  outcomes: StageOutcome[];
  status: RunStatus;
  startedAt: Date;
  versions: Record<string, string>;
  runtime: Record<string, Record<string, unknown>>;
}

/** Writes (or extends) the run's manifest; a run that executed nothing and is known writes nothing. */
export function recordRun(options: RecordRunOptions): string {
  const { store, pipeline, outcomes, status } = options;
  const id = runId(pipeline, outcomes, status);
  const executed = outcomes.some((o) => o.status === 'succeeded' || o.status === 'failed' || o.status === 'cancelled');
  const existing = store.readRun<RunManifest>(id);
  if (existing && !executed) return id;
  const execution: RunExecution = {
    startedAt: options.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    stages: outcomes.map((o) => ({ id: o.id, status: o.status, seconds: o.seconds, reason: o.reason, log: o.log })),
  };
  const manifest: RunManifest = existing
    ? { ...existing, executions: [...existing.executions, execution] }
    : {
        id,
        pipeline: pipeline.name,
        file: pipeline.file,
        status,
        resolved: resolvedStages(pipeline),
        stages: outcomes.map((o) => ({
          id: o.id,
          kind: o.kind,
          key: o.key,
          status: o.status,
          outputs: o.outputs,
          reason: o.reason,
          error: o.error,
        })),
        versions: options.versions,
        runtime: options.runtime,
        executions: [execution],
      };
  store.writeRun(id, manifest);
  return id;
}
