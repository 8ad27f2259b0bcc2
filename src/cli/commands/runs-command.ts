/**
 * `tradelab runs`: recorded runs, newest first, with headline metrics.
 * A run with a comparison (a stage writing a `report` artifact, the `compare` stage) shows
 * its recommendation verdict and the best model's test Sharpe, read from the report JSON;
 * the engine stays free of that market knowledge.
 */
import { readFileSync } from 'node:fs';
import { ArtifactStore } from '../../engine/artifact-store.js';
import { finishedAt, listRuns } from '../../engine/run-history.js';
import type { RunManifest } from '../../engine/run-manifest.js';
import { storeRoot } from '../store-location.js';

/** A run's headline metrics, from its report artifact (all absent when it has none). */
export interface RunHeadline {
  /** `recommendation.verdict` of the report, e.g. `best-model`. */
  verdict?: string;
  /** The non-baseline summary row with the highest test Sharpe. */
  bestModel?: string;
  sharpe?: number;
}

interface ReportJson {
  recommendation?: { verdict?: string };
  summary?: { rows?: { name: string; baseline?: boolean; values?: Record<string, unknown> }[] };
}

/** Reads the headline of `run` from the first `report` artifact still in the store. */
export function runHeadline(store: ArtifactStore, run: RunManifest): RunHeadline {
  const output = run.stages.flatMap((s) => Object.values(s.outputs ?? {})).find((o) => o.type === 'report' && o.format === 'json');
  if (!output) return {};
  let report: ReportJson;
  try {
    report = JSON.parse(readFileSync(store.objectPath(output.id), 'utf8')) as ReportJson;
  } catch {
    return {};
  }
  const out: RunHeadline = {};
  if (typeof report.recommendation?.verdict === 'string') out.verdict = report.recommendation.verdict;
  let best: { name: string; sharpe: number } | undefined;
  for (const row of report.summary?.rows ?? []) {
    const sharpe = row.values?.sharpe;
    if (row.baseline || typeof sharpe !== 'number' || !Number.isFinite(sharpe)) continue;
    if (!best || sharpe > best.sharpe) best = { name: row.name, sharpe };
  }
  if (best) Object.assign(out, { bestModel: best.name, sharpe: best.sharpe });
  return out;
}

/** `verdict, best <model> Sharpe 1.23`, or '' without a report. */
export function formatHeadline(h: RunHeadline): string {
  const parts: string[] = [];
  if (h.verdict) parts.push(h.verdict);
  if (h.bestModel !== undefined && h.sharpe !== undefined) parts.push(`best ${h.bestModel} Sharpe ${h.sharpe.toFixed(2)}`);
  return parts.join(', ');
}

/** Prints rows as a left-aligned table with two spaces between columns. */
export function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
}

export async function runsCommand(options: { json?: boolean; store?: string }): Promise<number> {
  const store = new ArtifactStore(storeRoot(options.store));
  const rows = listRuns(store).map((run) => {
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
      ...runHeadline(store, run),
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
  const header = ['run', 'pipeline', 'finished', 'status', 'stages', 'executed', 'cached', 'verdict', 'best test Sharpe'];
  printTable([
    header,
    ...rows.map((r) => [
      r.id,
      r.pipeline,
      r.when.replace('T', ' ').slice(0, 19),
      r.status,
      String(r.stages),
      String(r.executed),
      String(r.cached),
      r.verdict ?? '-',
      r.sharpe !== undefined ? `${r.sharpe.toFixed(2)} (${r.bestModel})` : '-',
    ]),
  ]);
  return 0;
}
