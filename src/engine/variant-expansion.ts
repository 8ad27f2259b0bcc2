/**
 * Expands a validated pipeline into one plan holding every variant.
 * 1. an override on a stage reaches the stage and everything downstream through
 *    single-input ports; a multiple-input (fan-in) port stops it;
 * 2. per variant and stage, the overrides that reach the stage decide its copy: none ->
 *    the shared stage under its own id; some -> a copy `lstm[units=128,lr=0.0003]` (one per
 *    distinct set, so variants that differ only downstream share it);
 * 3. a copy's single-input ports read the same variant's copies upstream; every fan-in port
 *    reads every copy of the stages it names, so `compare` sees all variants.
 * Pure: no filesystem, no processes.
 */
import { portsOf, type Params } from './contract.js';
import type { InputBinding, StageSpec } from './validate-pipeline.js';
import { overrideLabel, overrideLabels, type Variant } from './variant-list.js';

/** Params of `stage` with `own` (param path -> value) applied and re-checked; undefined when invalid (reported by the callee). */
export type ResolveParams = (stage: StageSpec, own: [string[], unknown][], variant: Variant) => Params | undefined;

const stageOf = (key: string): string => key.slice(0, key.indexOf('.'));

/** The stages of the plan, in topological order; the input stages when there is nothing to expand. */
export function expandVariants(stages: readonly StageSpec[], variants: readonly Variant[], resolve: ResolveParams): StageSpec[] {
  if (variants.length === 1 && Object.keys(variants[0]!.overrides).length === 0) return [...stages];
  const reach = reachingStages(stages);
  // Named variants' keys first, then the axes': `lstm[units=128,lr=0.0003]`.
  const keyOrder = [...new Set([...variants.filter((v) => v.from), ...variants].flatMap((v) => Object.keys(v.overrides)))];
  const copies = new Map<string, StageSpec[]>(stages.map((s) => [s.id, []]));
  const planned = new Map<string, StageSpec>();
  const fanIns: StageSpec[] = [];
  for (const stage of stages) {
    const relevant = keyOrder.filter((key) => reach.get(stage.id)!.has(stageOf(key)));
    const labels = overrideLabels(relevant);
    for (const variant of variants) {
      const own = Object.fromEntries(relevant.filter((k) => k in variant.overrides).map((k) => [k, variant.overrides[k]]));
      const id = `${stage.id}${overrideLabel(own, labels)}`;
      let copy = planned.get(id);
      if (!copy) {
        copy = copyStage(stage, id, own, variant, resolve, planned);
        if (!copy) continue;
        planned.set(id, copy);
        copies.get(stage.id)!.push(copy);
        if (copy.inputs.some((b) => b.multiple)) fanIns.push(copy);
      }
      planned.set(`${variant.id}\u0000${stage.id}`, copy);
    }
  }
  for (const stage of fanIns) {
    stage.inputs = stage.inputs.map((b) =>
      b.multiple ? { ...b, refs: b.refs.flatMap((r) => copies.get(r.stage)!.map((c) => ({ stage: c.id, port: r.port }))) } : b,
    );
  }
  return stages.flatMap((s) => copies.get(s.id)!);
}

/** For each stage, the ids of the stages whose overrides reach it (itself included). */
export function reachingStages(stages: readonly StageSpec[]): Map<string, Set<string>> {
  const reach = new Map<string, Set<string>>();
  for (const stage of stages) {
    const set = new Set([stage.id]);
    for (const binding of stage.inputs) {
      if (binding.multiple) continue;
      for (const ref of binding.refs) for (const id of reach.get(ref.stage) ?? []) set.add(id);
    }
    reach.set(stage.id, set);
  }
  return reach;
}

function copyStage(
  stage: StageSpec,
  id: string,
  overrides: Record<string, unknown>,
  variant: Variant,
  resolve: ResolveParams,
  planned: Map<string, StageSpec>,
): StageSpec | undefined {
  const upstream = (ref: { stage: string }): string => planned.get(`${variant.id}\u0000${ref.stage}`)?.id ?? ref.stage;
  const inputs: InputBinding[] = stage.inputs.map((b) =>
    b.multiple ? { ...b, refs: [...b.refs] } : { ...b, refs: b.refs.map((r) => ({ stage: upstream(r), port: r.port })) },
  );
  if (Object.keys(overrides).length === 0) return { ...stage, inputs };
  const own = Object.entries(overrides)
    .filter(([key]) => stageOf(key) === stage.id)
    .map(([key, value]) => [key.split('.').slice(2), value] as [string[], unknown]);
  const params = own.length > 0 ? resolve(stage, own, variant) : stage.params;
  if (!params) return undefined;
  const outputs = params === stage.params ? stage.outputs : portsOf(stage.definition, params).outputs;
  return { ...stage, id, params, inputs, outputs, origin: stage.id, overrides };
}
