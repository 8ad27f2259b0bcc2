/**
 * The CLI's way into a pipeline: read the file, load the registry and validators, validate
 * with overrides. Returns the spec or the problems; never throws for a user mistake.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot, type JsonSchema, type StageRegistry } from '../engine/contract.js';
import type { Problem } from '../engine/errors.js';
import { loadPipeline } from '../engine/load-pipeline.js';
import type { Override } from '../engine/overrides.js';
import { SchemaValidators } from '../engine/schema-validators.js';
import { validatePipeline, type PipelineSpec } from '../engine/validate-pipeline.js';
import { builtinRegistry } from '../../stages/registry.js';

export const DEFAULT_PIPELINE = 'pipelines/baseline.yaml';

export interface Workspace {
  registry: StageRegistry;
  validators: SchemaValidators;
  pipelineSchema: JsonSchema;
}

let workspace: Workspace | undefined;

/** Registry, validators and the pipeline schema, prepared once per process. */
export async function openWorkspace(registry: StageRegistry = builtinRegistry()): Promise<Workspace> {
  if (workspace && workspace.registry === registry) return workspace;
  const pipelineSchema = JSON.parse(readFileSync(path.join(packageRoot(), 'schemas', 'pipeline.schema.json'), 'utf8')) as JsonSchema;
  const validators = new SchemaValidators();
  await validators.prepare([pipelineSchema, ...[...registry.values()].map((d) => d.params)]);
  workspace = { registry, validators, pipelineSchema };
  return workspace;
}

export type OpenResult = { ok: true; pipeline: PipelineSpec } | { ok: false; problems: Problem[] };

export async function openPipeline(file: string, overrides: readonly Override[] = []): Promise<OpenResult> {
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
  const ws = await openWorkspace();
  const result = validatePipeline(loadPipeline(display, text), { ...ws, overrides });
  return result;
}

export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative.startsWith('..') ? path.resolve(file) : relative;
}
