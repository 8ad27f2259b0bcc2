/**
 * A cache of validated pipelines. Validation is a pure function of the file's text, the
 * overrides, the pipeline schema and the registry (kinds, versions, code, params schemas),
 * so its result can be stored under a hash of those and restored without parsing YAML again:
 * a no-op re-run or a `status` of a large pipeline skips the parser and the validators.
 */
import { hashValue } from './canonical-json.js';
import type { JsonSchema, OutputPort, Params, StageRegistry } from './contract.js';
import type { Override } from './overrides.js';
import type { InputBinding, PipelineSpec } from './validate-pipeline.js';

export interface PlanKeyInput {
  file: string;
  text: string;
  overrides: readonly Override[];
  registry: StageRegistry;
  pipelineSchema: JsonSchema;
  /** The tradelab version: a new release may validate differently. */
  version: string;
}

interface SerializedStage {
  id: string;
  kind: string;
  params: Params;
  inputs: InputBinding[];
  outputs: Record<string, OutputPort>;
  timeoutSeconds?: number;
  description?: string;
}

export interface SerializedPlan {
  name: string;
  description?: string;
  file: string;
  stages: SerializedStage[];
  variants: PipelineSpec['variants'];
  sweep: PipelineSpec['sweep'];
}

export function planKey(input: PlanKeyInput): string {
  return hashValue({
    file: input.file,
    text: input.text,
    overrides: input.overrides.map((o) => ({ key: o.key, value: o.value, pointer: o.pointer ?? null, argument: o.argument ?? null })),
    schema: input.pipelineSchema,
    version: input.version,
    kinds: [...input.registry.values()].map((d) => ({ kind: d.kind, version: d.version, code: d.codeFingerprint, params: d.params, module: d.runModule })),
  });
}

export function serializePlan(spec: PipelineSpec): SerializedPlan {
  return {
    name: spec.name,
    ...(spec.description ? { description: spec.description } : {}),
    file: spec.file,
    stages: spec.stages.map(({ definition: _definition, ...rest }) => rest),
    variants: spec.variants,
    sweep: spec.sweep,
  };
}

/** The spec again, with definitions from the registry; undefined if a kind has gone. */
export function restorePlan(plan: SerializedPlan, registry: StageRegistry): PipelineSpec | undefined {
  const stages = [];
  for (const stage of plan.stages) {
    const definition = registry.get(stage.kind);
    if (!definition) return undefined;
    stages.push({ ...stage, definition });
  }
  return { ...plan, stages };
}
