/**
 * Overrides of stage params: `lstm.with.units=128` from `--set`, from a `variants:` entry
 * or from a `sweep:` axis. A key is `<stage>.with.<param>[.<nested>...]`.
 * An override with several `values` is a multirun axis (see variant-plan.ts).
 */
import { suggestion } from './did-you-mean.js';
import type { Problem } from './errors.js';
import { joinPointer } from './json-pointer.js';
import type { ProblemList } from './problem-list.js';

export interface Override {
  key: string;
  value: unknown;
  /** Where the override was written in the pipeline file, when it was. */
  pointer?: string;
  /** Where it came from on the command line, e.g. the text of a `--set` argument. */
  argument?: string;
  /**
   * Several values (`--set a.with.x=1,2`): a multirun axis, crossed with the other axes
   * into variants instead of applied to the base; `value` is then the first of them.
   */
  values?: readonly unknown[];
  /** Set by `--variant name`: the override belongs to that variant, and the run is it alone. */
  variant?: string;
}

interface StagesLike {
  [id: string]: { with?: Record<string, unknown> } | undefined;
}

/** Applies an override to raw stage data, or reports why it cannot be applied. */
export function applyOverride(stages: StagesLike, override: Override, problems: ProblemList): void {
  const [stageId, section, ...param] = override.key.split('.');
  const stage = stages[stageId!];
  if (!stage) {
    report(problems, override, 0, `'${override.key}' names an unknown stage '${stageId}'`,
      suggestion(stageId!, Object.keys(stages), 'stages'));
    return;
  }
  if (section !== 'with' || param.length === 0 || param.some((p) => p === '')) {
    report(problems, override, stageId!.length + 1, `'${override.key}' must have the form <stage>.with.<param>`,
      `e.g. ${stageId}.with.seed=7`);
    return;
  }
  let target = (stage.with ??= {});
  for (const segment of param.slice(0, -1)) {
    const next = target[segment];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) target[segment] = {};
    target = target[segment] as Record<string, unknown>;
  }
  target[param.at(-1)!] = structuredClone(override.value);
}

function report(problems: ProblemList, override: Override, offset: number, message: string, hint: string): void {
  if (override.pointer !== undefined) {
    problems.at(override.pointer, 'E_BAD_OVERRIDE', message, { hint, at: 'key' });
    return;
  }
  const text = override.argument ?? override.key;
  const problem: Problem = {
    code: 'E_BAD_OVERRIDE',
    message,
    file: '--set',
    line: 1,
    col: offset + 1,
    length: Math.max(1, text.indexOf('=') < 0 ? text.length - offset : text.indexOf('=') - offset),
    sourceLine: text,
    hint,
  };
  problems.add(problem);
}

/**
 * Moves a params problem that a `--set` argument caused from the file (where the value is
 * not) onto the argument: under the param name when the stage kind has no such param,
 * under the value otherwise. The last `--set` of a param wins, as when applied.
 */
export function blameArgument(problem: Problem, overrides: readonly Override[], knownParams: readonly string[]): void {
  for (const override of overrides) {
    if (override.argument === undefined || override.pointer !== undefined || problem.pointer === undefined) continue;
    const [stageId, , first] = override.key.split('.');
    const param = joinPointer(['stages', stageId!, 'with', first!]);
    if (problem.pointer !== param && !problem.pointer.startsWith(`${param}/`)) continue;
    const text = override.argument;
    const keyStart = Math.max(0, text.indexOf(override.key));
    const eq = text.indexOf('=', keyStart + override.key.length);
    const [start, end] = knownParams.includes(first!)
      ? [eq + 1, text.length]
      : [keyStart + stageId!.length + '.with.'.length, keyStart + override.key.length];
    Object.assign(problem, { file: '--set', line: 1, col: start + 1, length: Math.max(1, end - start), sourceLine: text });
  }
}
