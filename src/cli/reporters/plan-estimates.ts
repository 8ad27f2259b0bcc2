/**
 * Duration estimates for the terminal: the plan a dry run prints (each stage cached or to
 * run, with its estimated time, and a total) and the whole-run ETA the live view shows.
 * The engine's estimator is generic; the CLI names the params that measure a training
 * budget, so a stage asked for twice the epochs is estimated at twice the time.
 */
import type { ArtifactStore } from '../../engine/artifact-store.js';
import { DurationEstimator, collectDurationSamples, estimatePlan, type PlanEstimate } from '../../engine/duration-estimate.js';
import type { RunResult, StageOutcome } from '../../engine/run-events.js';
import type { PipelineSpec } from '../../engine/validate-pipeline.js';
import { formatSeconds } from './status-symbols.js';

/** Params that scale a training stage's work linearly (epochs of supervised training, RL environment steps). */
export const BUDGET_PARAMS: readonly string[] = ['epochs', 'total_steps'];

/** An estimator over the durations recorded in `store`'s cache entries. */
export function storeEstimator(store: ArtifactStore): DurationEstimator {
  return new DurationEstimator(collectDurationSamples(store), { budgetParams: BUDGET_PARAMS });
}

/** The plan of a dry run: one line per stage (cached, or to run with its estimate) and the total. */
export function formatPlanEstimates(options: { result: RunResult; pipeline: PipelineSpec; store: ArtifactStore }): string {
  const { result, pipeline, store } = options;
  const outcomes = new Map(result.stages.map((s) => [s.id, s]));
  const plan = estimatePlan(pipeline.stages.filter((s) => outcomes.has(s.id)), outcomes, storeEstimator(store));
  const width = Math.max(0, ...plan.stages.map((s) => s.id.length + s.kind.length + 3));
  const lines = ['plan:'];
  for (const stage of plan.stages) {
    const label = `${stage.id} [${stage.kind}]`.padEnd(width);
    const status = outcomes.get(stage.id)!.status;
    const what = stage.willRun ? `to run   ${stage.seconds !== undefined ? `~${formatSeconds(stage.seconds)}` : '? (no earlier execution of this kind)'}` : status;
    lines.push(`  ${label}  ${what}`);
  }
  lines.push(`estimated time: ${totalText(plan)}`);
  return `${lines.join('\n')}\n`;
}

function totalText(plan: PlanEstimate): string {
  const toRun = plan.stages.filter((s) => s.willRun).length;
  if (toRun === 0) return 'nothing to run';
  const unknown = plan.unknown.length > 0 ? ` + ${plan.unknown.length} stage${plan.unknown.length === 1 ? '' : 's'} without history` : '';
  return `~${formatSeconds(plan.totalSeconds)} for ${toRun} stage${toRun === 1 ? '' : 's'}${unknown}, one at a time`;
}

/**
 * The whole run's remaining seconds, for the live view: `finished` are the outcomes so far,
 * `running` the elapsed seconds (and progress fraction, when known) of running stages.
 * Stages overlap up to `jobs` at a time, but never finish before the longest one.
 */
export type RunEta = (finished: ReadonlyMap<string, StageOutcome>, running: ReadonlyMap<string, { elapsed: number; fraction?: number }>, jobs: number) => number | undefined;

/**
 * A `RunEta` for `pipeline` from the durations recorded in `store`. The cache entries are
 * read on the first call (when a stage executes), not up front: a fully cached run reads none.
 */
export function runEta(pipeline: PipelineSpec, store: ArtifactStore): RunEta {
  let estimator: DurationEstimator | undefined;
  return (finished, running, jobs) => {
    estimator ??= storeEstimator(store);
    const plan = estimatePlan(pipeline.stages, finished, estimator);
    const left = plan.stages.filter((s) => s.willRun);
    if (left.length === 0 || left.every((s) => s.seconds === undefined)) return undefined;
    const remaining = left.map((s) => {
      const r = running.get(s.id);
      const estimate = s.seconds ?? 0;
      if (!r) return estimate;
      if (r.fraction && r.fraction > 0 && r.fraction < 1) return (r.elapsed * (1 - r.fraction)) / r.fraction;
      return Math.max(0, estimate - r.elapsed);
    });
    return Math.max(Math.max(...remaining), remaining.reduce((a, b) => a + b, 0) / Math.max(1, jobs));
  };
}
