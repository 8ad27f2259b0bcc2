/**
 * `tradelab repro <run> [--verify]`: runs the exact resolved pipeline a run manifest
 * recorded (the YAML may have changed or be gone) and compares every stage's key and
 * output ids with the recorded ones. `--verify` re-executes every stage into a temporary
 * store, ignoring the cache, so the comparison proves bit-reproducibility.
 * Exit 0 when every stage reproduced, 1 when one differs or fails, 130 when cancelled.
 */
import { listenForInterruption } from '../run-interruption.js';
import { ArtifactStore } from '../../engine/artifact-store.js';
import { LocalExecutor } from '../../engine/local-executor.js';
import { findRun } from '../../engine/run-history.js';
import { reproduceRun, type ReproduceResult } from '../../engine/reproduce-run.js';
import { builtinRegistry } from '../../../stages/registry.js';
import { tradelabVersion } from '../package-info.js';
import { plainReporter } from '../reporters/plain-reporter.js';
import { projectRoot, storeRoot } from '../store-location.js';

export interface ReproCommandOptions {
  verify?: boolean;
  jobs?: number;
  json?: boolean;
  store?: string;
}

export async function reproCommand(prefix: string, options: ReproCommandOptions): Promise<number> {
  const store = new ArtifactStore(storeRoot(options.store));
  const manifest = findRun(store, prefix);
  const interruption = listenForInterruption();
  let result: ReproduceResult;
  try {
    process.stderr.write(`reproducing run ${manifest.id} (${manifest.pipeline}, ${manifest.resolved.length} stages)${options.verify ? ': re-executing every stage into a temporary store' : ''}\n`);
    result = await reproduceRun({
      manifest,
      store,
      registry: builtinRegistry(),
      executor: new LocalExecutor(),
      projectRoot: projectRoot(),
      verify: Boolean(options.verify),
      ...(options.jobs ? { jobs: options.jobs } : {}),
      signal: interruption.signal,
      ...(options.json ? {} : { observer: plainReporter((text) => process.stderr.write(text)) }),
      versions: { tradelab: tradelabVersion(), node: process.versions.node },
    });
  } finally {
    interruption.release();
  }
  if (options.json) process.stdout.write(`${JSON.stringify({ run: manifest.id, verified: result.verified, reproduced: result.reproduced, stages: result.stages }, null, 2)}\n`);
  else printChecks(manifest.id, result);
  if (result.run.status === 'cancelled') return 130;
  return result.reproduced ? 0 : 1;
}

function printChecks(id: string, result: ReproduceResult): void {
  const width = Math.max(...result.stages.map((s) => s.id.length + s.kind.length + 3));
  const mark = { reproduced: '=', differs: '✗', failed: '✗', unrecorded: '-' } as const;
  const words = { reproduced: result.verified ? 'bit-reproducible' : 'reproduced', differs: 'NOT reproducible', failed: 'failed', unrecorded: 'not recorded' } as const;
  for (const stage of result.stages) {
    process.stdout.write(`${mark[stage.verdict]} ${`${stage.id} [${stage.kind}]`.padEnd(width)}  ${words[stage.verdict]}\n`);
    for (const note of stage.notes) process.stdout.write(`    ${note}\n`);
  }
  const bad = result.stages.filter((s) => s.verdict === 'differs' || s.verdict === 'failed');
  const what = result.verified ? 'bit-reproducible' : 'reproduced';
  process.stdout.write(
    bad.length === 0
      ? `run ${id}: every stage ${what}${result.verified ? ' (re-executed, output hashes match the manifest)' : ''}\n`
      : `run ${id}: ${bad.length} stage${bad.length === 1 ? '' : 's'} not ${what}: ${bad.map((s) => s.id).join(', ')}\n`,
  );
}
