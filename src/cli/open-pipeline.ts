/**
 * The CLI's way into a pipeline: read the file, then either restore the validated pipeline
 * from the store's plan cache (same text, overrides, schema and registry) or load and
 * validate it, importing the YAML parser and the validators only then. Returns the spec or
 * the problems; never throws for a user mistake.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArtifactStore } from '../engine/artifact-store.js';
import { packageRoot, type JsonSchema, type StageRegistry } from '../engine/contract.js';
import type { Problem } from '../engine/errors.js';
import type { Override } from '../engine/overrides.js';
import { planKey, restorePlan, serializePlan, type SerializedPlan } from '../engine/plan-cache.js';
import { SchemaValidators } from '../engine/schema-validators.js';
import type { PipelineSpec } from '../engine/validate-pipeline.js';
import { builtinRegistry } from '../../stages/registry.js';
import { tradelabVersion } from './package-info.js';

export const DEFAULT_PIPELINE = 'pipelines/baseline.yaml';

export interface Workspace {
  registry: StageRegistry;
  validators: SchemaValidators;
  pipelineSchema: JsonSchema;
}

let registry: StageRegistry | undefined;
let pipelineSchema: JsonSchema | undefined;
let workspace: Workspace | undefined;

function basics(): { registry: StageRegistry; pipelineSchema: JsonSchema } {
  registry ??= builtinRegistry();
  pipelineSchema ??= JSON.parse(readFileSync(path.join(packageRoot(), 'schemas', 'pipeline.schema.json'), 'utf8')) as JsonSchema;
  return { registry, pipelineSchema };
}

/** Registry, validators and the pipeline schema, prepared once per process. */
export async function openWorkspace(): Promise<Workspace> {
  if (workspace) return workspace;
  const { registry: r, pipelineSchema: schema } = basics();
  const validators = new SchemaValidators();
  await validators.prepare([schema, ...[...r.values()].map((d) => d.params)]);
  workspace = { registry: r, validators, pipelineSchema: schema };
  return workspace;
}

export type OpenResult = { ok: true; pipeline: PipelineSpec } | { ok: false; problems: Problem[] };

export interface OpenOptions {
  /** Use and fill this store's plan cache. */
  store?: ArtifactStore;
}

export async function openPipeline(file: string, overrides: readonly Override[] = [], options: OpenOptions = {}): Promise<OpenResult> {
  const display = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return {
      ok: false,
      problems: [{ code: 'E_FILE', message: `cannot read pipeline file: ${reason}`, file: display, hint: 'pipelines live in pipelines/*.yaml; run `tradelab validate pipelines/` to list them' }],
    };
  }
  const key = options.store ? planKey({ file: display, text, overrides, ...basics(), version: tradelabVersion() }) : undefined;
  if (key && options.store) {
    const plan = options.store.readPlan<SerializedPlan>(key);
    const restored = plan && restorePlan(plan, basics().registry);
    if (restored) return { ok: true, pipeline: restored };
  }
  const ws = await openWorkspace();
  const { loadPipeline } = await import('../engine/load-pipeline.js');
  const { validatePipeline } = await import('../engine/validate-pipeline.js');
  const result = validatePipeline(loadPipeline(display, text), { ...ws, overrides });
  if (result.ok && key && options.store) options.store.writePlan(key, serializePlan(result.pipeline));
  return result;
}

export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative.startsWith('..') ? path.resolve(file) : relative;
}
