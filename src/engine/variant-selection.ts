/**
 * What `run` takes from an expanded plan:
 * 1. the variant limit: a plan of more variants than `--max-variants` is refused with a
 *    problem naming the axes and the count;
 * 2. stage selection by file id: `--only lstm` means every copy of `lstm`
 *    (`lstm[lr=0.001]`, ...); a copy's own id selects just it.
 * Pure: no filesystem, no processes.
 */
import type { Problem } from './errors.js';
import type { PipelineSpec } from './validate-pipeline.js';
import { describeAxes } from './variant-plan.js';
import { countVariants } from './variant-list.js';

/** Variants a run may plan unless `--max-variants` says otherwise. */
export const DEFAULT_MAX_VARIANTS = 64;

/** The problem when the plan holds more than `max` variants, else undefined. */
export function variantLimitProblem(pipeline: PipelineSpec, max: number): Problem | undefined {
  const source = { variants: pipeline.variants, axes: pipeline.sweep };
  const count = countVariants(source);
  if (count <= max) return undefined;
  return {
    code: 'E_TOO_MANY_VARIANTS',
    message: `the plan has ${count} variants, more than --max-variants ${max}: ${describeAxes(source)}`,
    file: pipeline.file,
    pointer: Object.keys(pipeline.sweep).length > 0 ? '/sweep' : '/variants',
    hint: `shorten the sweep lists or run fewer --set values; to run them all anyway, pass --max-variants ${count}`,
  };
}

export interface PlanSelection {
  only: string[];
  from: string[];
  skip: string[];
  force: string[];
}

/** Stage ids of the plan for `--only`/`--from`/`--skip`/`--force`, or the first name that matches nothing. */
export function planSelection(pipeline: PipelineSpec, names: Partial<PlanSelection>): PlanSelection | { unknown: string } {
  const byName = new Map<string, string[]>();
  for (const stage of pipeline.stages) {
    for (const name of new Set([stage.id, stage.origin ?? stage.id])) {
      const ids = byName.get(name);
      if (ids) ids.push(stage.id);
      else byName.set(name, [stage.id]);
    }
  }
  const out: PlanSelection = { only: [], from: [], skip: [], force: [] };
  for (const field of ['only', 'from', 'skip', 'force'] as const) {
    for (const name of names[field] ?? []) {
      const ids = byName.get(name);
      if (!ids) return { unknown: name };
      out[field].push(...ids);
    }
  }
  return out;
}
