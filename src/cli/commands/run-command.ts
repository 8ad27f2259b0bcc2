/**
 * `tradelab run [file]`: validate, apply `--set` / `--variant`, run, report.
 * The plan holds every variant (the base and each `variants:` entry, crossed with `sweep:`,
 * stages' `seeds:` and multirun `--set a.with.x=1,2`); `--variant name` runs that one alone.
 * Exit 0 when every selected stage is cached or succeeded, 1 when one failed, 2 for an
 * invalid pipeline or usage, 130 when cancelled with Ctrl-C.
 */
import { listenForInterruption } from '../run-interruption.js';
import { ArtifactStore } from '../../engine/artifact-store.js';
import { suggestion } from '../../engine/did-you-mean.js';
import type { Problem } from '../../engine/errors.js';
import { LocalExecutor } from '../../engine/local-executor.js';
import type { Override } from '../../engine/overrides.js';
import type { RunResult } from '../../engine/run-events.js';
import { runPipeline } from '../../engine/run-pipeline.js';
import { joinPointer } from '../../engine/json-pointer.js';
import { openPipeline, DEFAULT_PIPELINE, type OpenResult } from '../open-pipeline.js';
import { DEFAULT_MAX_VARIANTS, planSelection, variantLimitProblem } from '../../engine/variant-selection.js';
import { tradelabVersion } from '../package-info.js';
import { problemSummary, renderProblems } from '../render-problems.js';
import type { RunManifest } from '../../engine/run-manifest.js';
import { formatPlanEstimates, runEta } from '../reporters/plan-estimates.js';
import { liveReporter } from '../reporters/live-reporter.js';
import { plainReporter } from '../reporters/plain-reporter.js';
import { formatSeconds } from '../reporters/status-symbols.js';
import { projectRoot, storeRoot } from '../store-location.js';

export interface RunCommandOptions {
  set?: string[];
  variant?: string;
  /** Refuse a plan of more variants than this (default `DEFAULT_MAX_VARIANTS`). */
  maxVariants?: number;
  only?: string[];
  from?: string[];
  skip?: string[];
  force?: string[];
  dryRun?: boolean;
  jobs?: number;
  keepGoing?: boolean;
  json?: boolean;
  timeout?: number;
  maxMemory?: number;
  backend?: string;
  store?: string;
}

export async function runCommand(file: string | undefined, options: RunCommandOptions): Promise<number> {
  const store = new ArtifactStore(storeRoot(options.store));
  const opened = await openWithOverrides(file ?? DEFAULT_PIPELINE, options, store);
  if (!opened.ok) {
    process.stderr.write(renderProblems(opened.problems, 'text'));
    process.stderr.write(`${problemSummary(opened.problems, 1)}; nothing was run\n`);
    return 2;
  }
  const pipeline = opened.pipeline;
  const tooMany = variantLimitProblem(pipeline, options.maxVariants ?? DEFAULT_MAX_VARIANTS);
  if (tooMany) {
    process.stderr.write(renderProblems([tooMany], 'text'));
    process.stderr.write(`${problemSummary([tooMany], 1)}; nothing was run\n`);
    return 2;
  }
  const selection = planSelection(pipeline, options);
  if ('unknown' in selection) {
    const ids = [...new Set(pipeline.stages.flatMap((s) => [s.origin ?? s.id, s.id]))];
    process.stderr.write(`tradelab: unknown stage '${selection.unknown}' [E_USAGE]\n  hint: ${suggestion(selection.unknown, ids, 'stages')}\n`);
    return 2;
  }
  const interruption = listenForInterruption();
  const started = Date.now();
  const observer = options.json
    ? undefined
    : process.stderr.isTTY
      ? liveReporter(process.stderr, { eta: runEta(pipeline, store) })
      : plainReporter((text) => process.stderr.write(text));
  let result: RunResult;
  try {
    result = await runPipeline({
      pipeline,
      store,
      projectRoot: projectRoot(),
      executor: new LocalExecutor(options.maxMemory ? { maxMemoryMb: options.maxMemory } : {}),
      ...(options.jobs ? { jobs: options.jobs } : {}),
      selection: { only: selection.only, from: selection.from, skip: selection.skip },
      force: selection.force,
      keepGoing: Boolean(options.keepGoing),
      dryRun: Boolean(options.dryRun),
      ...(options.timeout ? { timeoutSeconds: options.timeout } : {}),
      signal: interruption.signal,
      ...(observer ? { observer } : {}),
      versions: versions(),
    });
  } finally {
    interruption.release();
  }
  if (options.json) process.stdout.write(`${JSON.stringify(jsonSummary(result))}\n`);
  else {
    if (result.dryRun) process.stderr.write(formatPlanEstimates({ result, pipeline, store }));
    process.stderr.write(`${summaryLine(result, (Date.now() - started) / 1000)}\n`);
    if (!result.dryRun) await printReports(store, result.runId);
  }
  if (result.status === 'cancelled') return 130;
  return result.status === 'succeeded' ? 0 : 1;
}

async function openWithOverrides(file: string, options: RunCommandOptions, store: ArtifactStore): Promise<OpenResult> {
  const overrides: Override[] = [];
  const problems: Problem[] = [];
  if (options.set?.length) {
    const { parseSetArgument } = await import('../set-argument.js');
    for (const argument of options.set) {
      const parsed = parseSetArgument(argument);
      if ('code' in parsed) problems.push(parsed);
      else overrides.push({ key: parsed.key, value: parsed.values[0], ...(parsed.values.length > 1 ? { values: parsed.values } : {}), argument });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  if (options.variant) {
    const base = await openPipeline(file, [], { store });
    if (!base.ok) return base;
    const variant = base.pipeline.variants[options.variant];
    if (!variant) {
      const names = Object.keys(base.pipeline.variants);
      return {
        ok: false,
        problems: [{ code: 'E_USAGE', message: `unknown variant '${options.variant}'`, file: base.pipeline.file, hint: suggestion(options.variant, names, 'variants') }],
      };
    }
    const fromFile = Object.entries(variant).map(([key, value]) => ({ key, value, pointer: joinPointer(['variants', options.variant!, key]), variant: options.variant! }));
    overrides.unshift(...fromFile);
  }
  if (options.backend) {
    // Sugar for `--set <stage>.with.backend=<name>` on every stage that has a backend param:
    // the backend is a param, so it is in the stage key (backends differ in the last bits).
    const base = await openPipeline(file, overrides, { store });
    if (!base.ok) return base;
    const ids = new Set(base.pipeline.stages.filter((s) => (s.definition.params.properties as Record<string, unknown> | undefined)?.backend).map((s) => s.origin ?? s.id));
    for (const id of ids) overrides.push({ key: `${id}.with.backend`, value: options.backend, argument: `--backend ${options.backend}` });
  }
  return openPipeline(file, overrides, { store });
}

/** Where the run's reports are, copied out of the store so a browser can open them. */
async function printReports(store: ArtifactStore, runId: string | undefined): Promise<void> {
  const run = runId ? store.readRun<RunManifest>(runId) : undefined;
  if (!run) return;
  const { materializeReports } = await import('./report-command.js');
  for (const report of materializeReports(store, run)) process.stderr.write(`report (${report.stage}): ${report.html}\n`);
}

function versions(): Record<string, string> {
  return { tradelab: tradelabVersion(), node: process.versions.node };
}

function summaryLine(result: RunResult, seconds: number): string {
  const count = (status: string): number => result.stages.filter((s) => s.status === status).length;
  const parts = [`${result.executed} executed`, `${count('cached')} cached`];
  for (const status of ['failed', 'skipped', 'cancelled', 'pending']) if (count(status)) parts.push(`${count(status)} ${status}`);
  const head = result.dryRun ? 'dry run (nothing executed)' : `run ${result.runId} ${result.status}`;
  return `${head}: ${parts.join(', ')} in ${formatSeconds(seconds)}`;
}

function jsonSummary(result: RunResult): Record<string, unknown> {
  return {
    runId: result.runId,
    pipeline: result.pipeline,
    status: result.status,
    executed: result.executed,
    filesHashed: result.filesHashed,
    stages: result.stages.map((s) => ({
      id: s.id,
      kind: s.kind,
      status: s.status,
      key: s.key ?? null,
      outputs: Object.fromEntries(Object.entries(s.outputs ?? {}).map(([port, o]) => [port, o.id])),
      seconds: s.seconds,
      ...(s.reason ? { reason: s.reason } : {}),
      ...(s.startedAt ? { startedAt: s.startedAt, finishedAt: s.finishedAt } : {}),
      ...(s.runtime ? { runtime: s.runtime } : {}),
      ...(s.error ? { error: s.error.message } : {}),
    })),
  };
}
