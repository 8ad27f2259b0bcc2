/**
 * `tradelab report [run]`: the path of a run's HTML report.
 * 1. find the run (a unique id prefix; the newest run when none is given);
 * 2. take every stage that wrote a `report-html` artifact (the `compare` stage);
 * 3. copy its HTML, Markdown and JSON out of the content-addressed store to
 *    `<store>/reports/<run id>/<stage>/report.{html,md,json}` (objects have no file
 *    extension, and a browser needs one), unchanged files left alone;
 * 4. print the HTML paths.
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ArtifactStore } from '../../engine/artifact-store.js';
import { fail } from '../../engine/errors.js';
import { findRun, listRuns } from '../../engine/run-history.js';
import type { RunManifest } from '../../engine/run-manifest.js';
import { storeRoot } from '../store-location.js';

/** Output types of a report, and the file name each is copied to. */
const REPORT_FILES: Record<string, string> = { 'report-html': 'report.html', 'report-markdown': 'report.md', report: 'report.json' };

export async function reportCommand(prefix: string | undefined, options: { store?: string; json?: boolean }): Promise<number> {
  const store = new ArtifactStore(storeRoot(options.store));
  const run = prefix ? findRun(store, prefix) : newestRun(store);
  const reports = materializeReports(store, run);
  if (reports.length === 0) {
    fail('E_NOT_FOUND', `run ${run.id} (${run.pipeline}) has no report`, {
      hint: 'add a `uses: compare` stage to the pipeline, run it, then `tradelab report`',
    });
  }
  if (options.json) process.stdout.write(`${JSON.stringify({ run: run.id, reports }, null, 2)}\n`);
  else process.stdout.write(`${reports.map((r) => r.html).join('\n')}\n`);
  return 0;
}

export interface MaterializedReport {
  stage: string;
  dir: string;
  html: string;
}

/** Copies every report of `run` out of the store; returns where the HTML files are. */
export function materializeReports(store: ArtifactStore, run: RunManifest): MaterializedReport[] {
  const out: MaterializedReport[] = [];
  for (const stage of run.stages) {
    const outputs = Object.values(stage.outputs ?? {});
    if (!outputs.some((o) => o.type === 'report-html')) continue;
    const dir = path.join(store.root, 'reports', run.id, stage.id);
    mkdirSync(dir, { recursive: true });
    for (const output of outputs) {
      const name = REPORT_FILES[output.type];
      if (!name) continue;
      const target = path.join(dir, name);
      const source = store.objectPath(output.id);
      if (!existsSync(source)) fail('E_NOT_FOUND', `the ${output.type} artifact of stage '${stage.id}' is gone from the store`, { hint: 're-run the pipeline to rebuild it (was `gc` run?)' });
      if (!existsSync(target) || statSync(target).size !== output.bytes) copyFileSync(source, target);
    }
    out.push({ stage: stage.id, dir, html: path.join(dir, 'report.html') });
  }
  return out;
}

function newestRun(store: ArtifactStore): RunManifest {
  const runs = listRuns(store).filter((r) => r.stages.some((s) => Object.values(s.outputs ?? {}).some((o) => o.type === 'report-html')));
  if (runs.length === 0) fail('E_NOT_FOUND', `no run in ${store.root} has a report`, { hint: 'run a pipeline with a `uses: compare` stage first' });
  return runs[0]!;
}
