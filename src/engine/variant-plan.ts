/**
 * Validation of what a pipeline expands into, then the expansion:
 * 1. the axes: `sweep:`, each stage's `seeds:` (as `<stage>.with.seed`) and multirun
 *    `--set` values, in that order (a later axis of the same key wins);
 * 2. every key names an existing stage and param, every value passes the stage's params
 *    schema (reported where it was written: the file, or the `--set` argument);
 * 3. the variant count is within `MAX_PLANNED_VARIANTS`;
 * 4. the variants are listed and the stages expanded (variant-expansion.ts).
 * A `--variant name` selection (overrides carrying `variant`) runs that variant alone:
 * no other named variant and no `sweep:`.
 * Pure: no filesystem, no processes.
 */
import type { Params } from './contract.js';
import { suggestion } from './did-you-mean.js';
import { joinPointer } from './json-pointer.js';
import { applyOverride, blameArgument, type Override } from './overrides.js';
import type { ProblemList } from './problem-list.js';
import { reportSchemaErrors } from './schema-errors.js';
import type { SchemaValidators } from './schema-validators.js';
import type { StageSpec } from './validate-pipeline.js';
import { expandVariants } from './variant-expansion.js';
import { countVariants, listVariants, type VariantSource } from './variant-list.js';

/** Variants a plan may hold at all; `tradelab run --max-variants` sets a lower, per-run limit. */
export const MAX_PLANNED_VARIANTS = 10_000;

/** The raw document parts the plan reads. */
export interface RawVariantSource {
  stages: Record<string, { uses: string; with?: Record<string, unknown>; seeds?: unknown[] }>;
  variants?: Record<string, Record<string, unknown>>;
  sweep?: Record<string, unknown[]>;
}

interface AxisEntry {
  key: string;
  values: unknown[];
  /** Pointer of the key and of each value, when written in the file. */
  pointer?: string;
  valuePointers?: string[];
  override?: Override;
}

export interface PlanOptions {
  validators: SchemaValidators;
  overrides: readonly Override[];
}

/** The variant source (named variants and axes) of a validated document, checking every key and value. */
export function variantSource(raw: RawVariantSource, stages: Map<string, StageSpec>, options: PlanOptions, problems: ProblemList): VariantSource {
  const selected = options.overrides.some((o) => o.variant !== undefined);
  const entries: AxisEntry[] = [];
  const named = selected ? {} : (raw.variants ?? {});
  for (const [name, overrides] of Object.entries(named)) {
    for (const [key, value] of Object.entries(overrides)) {
      const pointer = joinPointer(['variants', name, key]);
      entries.push({ key, values: [value], pointer, valuePointers: [pointer] });
    }
  }
  const axes: AxisEntry[] = [];
  for (const [key, values] of Object.entries(selected ? {} : (raw.sweep ?? {}))) {
    const pointer = joinPointer(['sweep', key]);
    axes.push({ key, values, pointer, valuePointers: values.map((_, i) => `${pointer}/${i}`) });
  }
  for (const [id, stage] of Object.entries(raw.stages)) {
    if (!stage.seeds) continue;
    const pointer = joinPointer(['stages', id, 'seeds']);
    const kind = stages.get(id);
    if (kind && !(kind.definition.params.properties as Record<string, unknown> | undefined)?.seed) {
      problems.at(pointer, 'E_PARAMS', `\`seeds:\` runs the stage once per \`seed\` param, and stage kind '${kind.kind}' has no such param`, {
        hint: 'put `seeds:` on the stage that trains (its kind has a `seed` param), or remove it',
        at: 'key',
      });
      continue;
    }
    axes.push({ key: `${id}.with.seed`, values: stage.seeds, pointer, valuePointers: stage.seeds.map((_, i) => `${pointer}/${i}`) });
  }
  for (const override of options.overrides) {
    if (override.values && override.values.length > 1) axes.push({ key: override.key, values: [...override.values], override });
  }
  for (const entry of [...entries, ...axes]) checkEntry(entry, raw, stages, options, problems);
  return {
    variants: named,
    axes: Object.fromEntries(axes.map((a) => [a.key, a.values])),
  };
}

/** The plan's stages, or undefined when it would hold too many variants or a combination is invalid (reported). */
export function planStages(ordered: StageSpec[], source: VariantSource, options: PlanOptions, problems: ProblemList): StageSpec[] | undefined {
  const count = countVariants(source);
  if (count > MAX_PLANNED_VARIANTS) {
    problems.at(Object.keys(source.axes).length > 0 ? '/sweep' : '/variants', 'E_TOO_MANY_VARIANTS',
      `the pipeline expands into ${count} variants (${describeAxes(source)}); a plan holds at most ${MAX_PLANNED_VARIANTS}`,
      { hint: 'shorten the sweep lists, or split the sweep into several pipeline files', at: 'key' });
    return undefined;
  }
  const found = problems.fork();
  const stages = expandVariants(ordered, listVariants(source), (stage, own, variant) => {
    const params = structuredClone(stage.params);
    for (const [path, value] of own) setPath(params, path, value);
    const check = options.validators.get(stage.definition.params);
    const local = found.fork();
    if (check(params)) {
      for (const p of stage.definition.check?.(params) ?? []) local.at(`/stages/${stage.id}/with/${p.param}`, 'E_PARAMS', p.message, p.hint ? { hint: p.hint } : {});
    } else reportSchemaErrors(check.errors ?? [], `/stages/${stage.id}/with`, 'E_PARAMS', local);
    for (const p of local.items) p.message = `variant ${variant.name}: ${p.message}`;
    found.adopt(local);
    return local.empty ? (params as Params) : undefined;
  });
  problems.adopt(found);
  return found.empty ? stages : undefined;
}

/** `lstm.with.lr (3 values) x lstm.with.units (2 values) x 2 named variants + the base`. */
export function describeAxes(source: VariantSource): string {
  const parts = Object.entries(source.axes).map(([key, values]) => `${key} (${values.length} value${values.length === 1 ? '' : 's'})`);
  const named = Object.keys(source.variants).length;
  if (named > 0) parts.push(`${named} named variant${named === 1 ? '' : 's'} + the base`);
  return parts.join(' x ') || 'the base alone';
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[path.at(-1)!] = structuredClone(value);
}

function checkEntry(entry: AxisEntry, raw: RawVariantSource, stages: Map<string, StageSpec>, options: PlanOptions, problems: ProblemList): void {
  const [stageId] = entry.key.split('.');
  const stage = stages.get(stageId!);
  if (!stage) {
    if (stageId! in raw.stages) return; // the stage itself is invalid, reported already
    if (entry.pointer === undefined) {
      applyOverride(raw.stages, entry.override!, problems);
      return;
    }
    problems.at(entry.pointer, 'E_BAD_OVERRIDE', `'${entry.key}' names an unknown stage '${stageId}'`, {
      hint: suggestion(stageId!, Object.keys(raw.stages), 'stages'),
      at: 'key',
    });
    return;
  }
  const known = Object.keys((stage.definition.params.properties as object | undefined) ?? {});
  entry.values.forEach((value, i) => {
    const trial = { [stage.id]: { with: structuredClone(raw.stages[stage.id]!.with ?? {}) } };
    const scratch = problems.fork();
    const override: Override = entry.override ? { ...entry.override, value } : { key: entry.key, value, pointer: entry.pointer! };
    applyOverride(trial, override, scratch);
    if (scratch.empty) {
      const check = options.validators.get(stage.definition.params);
      const base = entry.valuePointers?.[i] ?? `/stages/${stage.id}/with`;
      if (!check(trial[stage.id]!.with)) reportSchemaErrors(check.errors ?? [], base, 'E_PARAMS', scratch, entry.valuePointers !== undefined);
      if (entry.override) for (const p of scratch.items) blameArgument(p, [entry.override], known);
    }
    problems.adopt(scratch);
  });
}
