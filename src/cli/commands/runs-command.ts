/** `tradelab runs`: recorded runs, newest first. */
import { ArtifactStore } from '../../engine/artifact-store.js';
import { finishedAt, listRuns } from '../../engine/run-history.js';
import { storeRoot } from '../store-location.js';

export async function runsCommand(options: { json?: boolean; store?: string }): Promise<number> {
  const runs = listRuns(new ArtifactStore(storeRoot(options.store)));
  const rows = runs.map((run) => {
    const last = run.executions.at(-1);
    const count = (status: string): number => last?.stages.filter((s) => s.status === status).length ?? 0;
    return {
      id: run.id,
      pipeline: run.pipeline,
      when: finishedAt(run),
      status: run.status,
      stages: run.stages.length,
      executed: count('succeeded') + count('failed'),
      cached: count('cached'),
    };
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    process.stdout.write('no runs recorded yet; start one with `tradelab run`\n');
    return 0;
  }
  const header = ['run', 'pipeline', 'finished', 'status', 'stages', 'executed', 'cached'];
  const table = [header, ...rows.map((r) => [r.id, r.pipeline, r.when.replace('T', ' ').slice(0, 19), r.status, String(r.stages), String(r.executed), String(r.cached)])];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
  return 0;
}
