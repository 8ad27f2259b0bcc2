/**
 * How long stages will take, from how long earlier executions took.
 * 1. every cache entry is a sample: its stage kind, seconds, params, and the bytes of its
 *    input artifacts (looked up among the outputs the cache entries record);
 * 2. a stage's estimate is the median of the newest samples of its kind (those with the
 *    same params but for the budget ones when there are any), each scaled by the ratio of
 *    input bytes and of every "budget" param (numbers such as an epoch count, named by the
 *    caller) that both have;
 * 3. a plan's estimate sums the stages that will run.
 * Knows nothing of markets: which params are budgets is the caller's choice.
 */
import type { ArtifactStore } from './artifact-store.js';
import { hashValue } from './canonical-json.js';
import type { Params } from './contract.js';
import type { StageOutcome } from './run-events.js';
import type { StageSpec } from './validate-pipeline.js';

/** One earlier execution of a stage kind. */
export interface DurationSample {
  kind: string;
  seconds: number;
  params: Params;
  /** Total bytes of its input artifacts; undefined when one of them is unknown. */
  inputBytes?: number;
  finishedAt: string;
}

/** What an estimate is asked about. */
export interface EstimateRequest {
  kind: string;
  params: Params;
  inputBytes?: number;
}

/** The samples recorded in a store's cache entries, newest first. */
export function collectDurationSamples(store: ArtifactStore): DurationSample[] {
  const entries = store.listCacheKeys().map((key) => store.readCacheEntry(key)).filter((e) => e !== undefined);
  const bytes = new Map<string, number>();
  for (const entry of entries) for (const output of Object.values(entry.outputs)) bytes.set(output.id, output.bytes);
  return entries
    .filter((e) => Number.isFinite(e.seconds))
    .map((e) => {
      const ids = Object.values(e.preimage.inputs).flat();
      const sizes = ids.map((id) => bytes.get(id));
      const inputBytes = sizes.every((s) => s !== undefined) ? sizes.reduce((a, b) => a + b, 0) : undefined;
      return { kind: e.kind, seconds: e.seconds, params: e.preimage.params, ...(inputBytes !== undefined ? { inputBytes } : {}), finishedAt: e.finishedAt };
    })
    .sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
}

/** Estimates a stage's seconds from samples of its kind; see the module comment. */
export class DurationEstimator {
  private readonly byKind = new Map<string, { sample: DurationSample; shape: string }[]>();
  private readonly budgetParams: readonly string[];
  /** How many of the newest samples the median is taken over. */
  private readonly window: number;

  constructor(samples: readonly DurationSample[], options: { budgetParams?: readonly string[]; window?: number } = {}) {
    this.budgetParams = options.budgetParams ?? [];
    for (const sample of samples) {
      const list = this.byKind.get(sample.kind) ?? [];
      list.push({ sample, shape: this.shapeOf(sample.params) });
      this.byKind.set(sample.kind, list);
    }
    this.window = options.window ?? 5;
  }

  /** Seconds, or undefined when no execution of the kind is on record. */
  estimate(request: EstimateRequest): number | undefined {
    const all = this.byKind.get(request.kind);
    if (!all || all.length === 0) return undefined;
    const shape = this.shapeOf(request.params);
    const alike = all.filter((s) => s.shape === shape);
    const chosen = (alike.length > 0 ? alike : all).slice(0, this.window);
    return median(chosen.map(({ sample }) => sample.seconds * this.scale(sample, request)));
  }

  /** Params without the budget ones, hashed: samples of the same shape are the best guide. */
  private shapeOf(params: Params): string {
    const rest = Object.fromEntries(Object.entries(params).filter(([name]) => !this.budgetParams.includes(name)));
    return hashValue(rest);
  }

  private scale(sample: DurationSample, request: EstimateRequest): number {
    let factor = 1;
    if (request.inputBytes && sample.inputBytes) factor *= request.inputBytes / sample.inputBytes;
    for (const name of this.budgetParams) {
      const [now, then] = [request.params[name], sample.params[name]];
      if (typeof now === 'number' && typeof then === 'number' && now > 0 && then > 0) factor *= now / then;
    }
    return factor;
  }
}

/** One stage of a plan estimate. */
export interface StageEstimate {
  id: string;
  kind: string;
  /** False when the stage is already done (cached, succeeded, failed, skipped). */
  willRun: boolean;
  seconds?: number;
}

/** A plan's stages and the summed seconds of those that will run. */
export interface PlanEstimate {
  stages: StageEstimate[];
  totalSeconds: number;
  /** Ids of stages that will run but have no execution of their kind on record. */
  unknown: string[];
}

const DONE = new Set(['cached', 'succeeded', 'failed', 'skipped', 'cancelled']);

/**
 * Estimates the stages of a plan. `outcomes` holds what is known so far (a dry run's
 * outcomes, or the stages a live run has finished): done stages count zero, and their
 * output bytes size their dependents' inputs.
 */
export function estimatePlan(
  stages: readonly Pick<StageSpec, 'id' | 'kind' | 'params' | 'inputs'>[],
  outcomes: ReadonlyMap<string, Pick<StageOutcome, 'status' | 'outputs'>>,
  estimator: DurationEstimator,
): PlanEstimate {
  const out: StageEstimate[] = [];
  for (const stage of stages) {
    const outcome = outcomes.get(stage.id);
    if (outcome && DONE.has(outcome.status)) {
      out.push({ id: stage.id, kind: stage.kind, willRun: false });
      continue;
    }
    const sizes = stage.inputs.flatMap((b) => b.refs.map((r) => outcomes.get(r.stage)?.outputs?.[r.port]?.bytes));
    const inputBytes = sizes.every((s) => s !== undefined) ? sizes.reduce((a, b) => a + b, 0) : undefined;
    const seconds = estimator.estimate({ kind: stage.kind, params: stage.params, ...(inputBytes !== undefined ? { inputBytes } : {}) });
    out.push({ id: stage.id, kind: stage.kind, willRun: true, ...(seconds !== undefined ? { seconds } : {}) });
  }
  const running = out.filter((s) => s.willRun);
  return {
    stages: out,
    totalSeconds: running.reduce((sum, s) => sum + (s.seconds ?? 0), 0),
    unknown: running.filter((s) => s.seconds === undefined).map((s) => s.id),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
