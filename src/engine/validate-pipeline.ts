/**
 * Validation: loaded pipeline data -> a `PipelineSpec` the runner can plan, or every problem.
 * 1. the document against schemas/pipeline.schema.json;
 * 2. overrides (`--set`, `--variant`) applied to `stages.<id>.with.<path>`;
 * 3. per stage: a known kind, params against the kind's schema (defaults filled),
 *    inputs wired to existing stages and ports of a compatible type;
 * 4. the graph: no cycle; stages returned in topological order;
 * 5. `variants:`, `sweep:`, `seeds:` and multirun `--set` keys name existing stages and
 *    params, and the stages are expanded into one plan of every variant (variant-plan.ts).
 * Pure: no filesystem, no processes.
 */
import { describePortType, portAccepts, portsOf, type JsonSchema, type OutputPort, type Params, type StageDefinition, type StageRegistry } from './contract.js';
import { suggestion } from './did-you-mean.js';
import type { Problem } from './errors.js';
import { topologicalOrder } from './graph.js';
import type { LoadedPipeline } from './load-pipeline.js';
import { applyOverride, blameArgument, type Override } from './overrides.js';
import type { ProblemList } from './problem-list.js';
import { reportSchemaErrors } from './schema-errors.js';
import type { SchemaValidators } from './schema-validators.js';
import { planStages, variantSource } from './variant-plan.js';

export interface InputRef {
  stage: string;
  port: string;
}

export interface InputBinding {
  port: string;
  refs: InputRef[];
  multiple: boolean;
  /** The port is declared `named`: upstream names reach the stage and its key. */
  named: boolean;
}

export interface StageSpec {
  id: string;
  kind: string;
  definition: StageDefinition;
  /** Params after defaults. */
  params: Params;
  inputs: InputBinding[];
  outputs: Record<string, OutputPort>;
  timeoutSeconds?: number;
  description?: string;
  /** For a variant's copy (`lstm[units=128]`): the stage id in the file. */
  origin?: string;
  /** For a variant's copy: the overrides that reach it (on itself or upstream), key -> value. */
  overrides?: Record<string, unknown>;
}

export interface PipelineSpec {
  name: string;
  description?: string;
  file: string;
  /** Stages in a topological order (file order among independent stages). */
  stages: StageSpec[];
  /** The named variants the plan expanded (none when `--variant` picked one). */
  variants: Record<string, Record<string, unknown>>;
  /** The axes the plan expanded: `sweep:` (none with `--variant`), `seeds:` as `<stage>.with.seed`, multirun `--set`. */
  sweep: Record<string, unknown[]>;
}

export interface ValidateOptions {
  registry: StageRegistry;
  /** schemas/pipeline.schema.json, read by the caller. */
  pipelineSchema: JsonSchema;
  validators: SchemaValidators;
  overrides?: readonly Override[];
}

export type ValidationResult = { ok: true; pipeline: PipelineSpec } | { ok: false; problems: Problem[] };

interface RawStage {
  uses: string;
  in?: Record<string, string | string[]>;
  with?: Record<string, unknown>;
  seeds?: unknown[];
  timeout?: number;
  description?: string;
}

interface RawPipeline {
  pipeline: string;
  description?: string;
  defaults?: { timeout?: number };
  stages: Record<string, RawStage>;
  variants?: Record<string, Record<string, unknown>>;
  sweep?: Record<string, unknown[]>;
}

export function validatePipeline(loaded: LoadedPipeline, options: ValidateOptions): ValidationResult {
  const problems = loaded.problems;
  if (loaded.data === undefined || !problems.empty) return { ok: false, problems: problems.sorted() };
  const schemaCheck = options.validators.get(options.pipelineSchema);
  if (!schemaCheck(loaded.data)) {
    reportSchemaErrors(schemaCheck.errors ?? [], '', 'E_SCHEMA', problems);
    return { ok: false, problems: problems.sorted() };
  }
  const raw = structuredClone(loaded.data) as RawPipeline;
  const overrides = options.overrides ?? [];
  for (const override of overrides) if (!(override.values && override.values.length > 1)) applyOverride(raw.stages, override, problems);

  const stages = new Map<string, StageSpec>();
  for (const [id, stage] of Object.entries(raw.stages)) {
    const spec = checkStage(id, stage, raw, options, problems);
    if (spec) stages.set(id, spec);
  }
  for (const spec of stages.values()) checkWiring(spec, stages, raw, problems);
  const source = variantSource(raw, stages, { validators: options.validators, overrides }, problems);
  if (!problems.empty) return { ok: false, problems: problems.sorted() };

  const result = topologicalOrder(
    [...stages.values()].map((s) => ({ id: s.id, deps: s.inputs.flatMap((b) => b.refs.map((r) => r.stage)) })),
  );
  if ('cycle' in result) {
    problems.at(`/stages/${result.cycle[0]}`, 'E_CYCLE', `the stages form a cycle: ${result.cycle.join(' -> ')}`, {
      hint: 'a stage cannot depend on its own output; break the cycle by removing one `in:` reference',
      at: 'key',
    });
    return { ok: false, problems: problems.sorted() };
  }
  const planned = planStages(result.order.map((id) => stages.get(id)!), source, { validators: options.validators, overrides }, problems);
  if (!planned) return { ok: false, problems: problems.sorted() };
  return {
    ok: true,
    pipeline: {
      name: raw.pipeline,
      ...(raw.description ? { description: raw.description } : {}),
      file: loaded.file,
      stages: planned,
      variants: source.variants,
      sweep: source.axes as Record<string, unknown[]>,
    },
  };
}

function checkStage(
  id: string,
  stage: RawStage,
  raw: RawPipeline,
  options: ValidateOptions,
  problems: ProblemList,
): StageSpec | undefined {
  const base = `/stages/${id}`;
  const definition = options.registry.get(stage.uses);
  if (!definition) {
    problems.at(`${base}/uses`, 'E_UNKNOWN_KIND', `unknown stage kind '${stage.uses}'`, {
      hint: suggestion(stage.uses, [...options.registry.keys()].sort(), 'stage kinds'),
    });
    return undefined;
  }
  const params = structuredClone(stage.with ?? {});
  const check = options.validators.get(definition.params);
  if (!check(params)) {
    const found = problems.fork();
    reportSchemaErrors(check.errors ?? [], `${base}/with`, 'E_PARAMS', found);
    const known = Object.keys((definition.params.properties as object | undefined) ?? {});
    for (const problem of found.items) blameArgument(problem, options.overrides ?? [], known);
    problems.adopt(found);
    return undefined;
  }
  const semantic = definition.check?.(params) ?? [];
  for (const problem of semantic) {
    problems.at(`${base}/with/${problem.param}`, 'E_PARAMS', problem.message, problem.hint ? { hint: problem.hint } : {});
  }
  if (semantic.length > 0) return undefined;
  const timeout = stage.timeout ?? raw.defaults?.timeout;
  return {
    id,
    kind: definition.kind,
    definition,
    params,
    inputs: [],
    outputs: portsOf(definition, params).outputs,
    ...(timeout !== undefined ? { timeoutSeconds: timeout } : {}),
    ...(stage.description ? { description: stage.description } : {}),
  };
}

function checkWiring(spec: StageSpec, stages: Map<string, StageSpec>, raw: RawPipeline, problems: ProblemList): void {
  const base = `/stages/${spec.id}`;
  const declared = portsOf(spec.definition, spec.params).inputs;
  const given = raw.stages[spec.id]!.in ?? {};
  for (const [port, value] of Object.entries(given)) {
    const input = declared[port];
    if (!input) {
      problems.at(`${base}/in/${port}`, 'E_UNKNOWN_PORT', `stage kind '${spec.kind}' has no input port '${port}'`, {
        hint: suggestion(port, Object.keys(declared), 'input ports'),
        at: 'key',
      });
      continue;
    }
    if (Array.isArray(value) && !input.multiple) {
      problems.at(`${base}/in/${port}`, 'E_SCHEMA', `input port '${port}' takes one artifact, got a list`, {
        hint: `write \`${port}: stage.port\``,
      });
      continue;
    }
    const refs: InputRef[] = [];
    (Array.isArray(value) ? value : [value]).forEach((text, i) => {
      const pointer = Array.isArray(value) ? `${base}/in/${port}/${i}` : `${base}/in/${port}`;
      const ref = resolveRef(text, pointer, input.type, stages, raw, problems);
      if (ref) refs.push(ref);
    });
    spec.inputs.push({ port, refs, multiple: Boolean(input.multiple), named: Boolean(input.named) });
  }
  for (const [port, input] of Object.entries(declared)) {
    if (!input.optional && !(port in given)) {
      problems.at(`${base}/in`, 'E_MISSING_INPUT', `stage '${spec.id}' (${spec.kind}) needs input '${port}' of type '${input.type}'`, {
        hint: `add \`in: { ${port}: <stage>.<port> }\``,
        at: 'key',
      });
    }
  }
}

function resolveRef(
  text: string,
  pointer: string,
  wanted: string,
  stages: Map<string, StageSpec>,
  raw: RawPipeline,
  problems: ProblemList,
): InputRef | undefined {
  const [stage, port] = text.split('.') as [string, string];
  const source = stages.get(stage);
  if (!source) {
    if (!(stage in raw.stages)) {
      problems.at(pointer, 'E_UNKNOWN_STAGE', `'${text}' refers to an unknown stage '${stage}'`, {
        hint: suggestion(stage, Object.keys(raw.stages), 'stages'),
      });
    }
    return undefined;
  }
  const output = source.outputs[port];
  if (!output) {
    problems.at(pointer, 'E_UNKNOWN_PORT', `stage '${stage}' (${source.kind}) has no output port '${port}'`, {
      hint: suggestion(port, Object.keys(source.outputs), 'output ports'),
    });
    return undefined;
  }
  if (!portAccepts(wanted, output.type)) {
    problems.at(pointer, 'E_PORT_TYPE', `'${text}' is of type '${output.type}' but this input takes ${describePortType(wanted)}`, {
      hint: `wire an output of type ${describePortType(wanted)} here`,
    });
    return undefined;
  }
  return { stage, port };
}
