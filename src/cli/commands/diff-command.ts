/**
 * `tradelab diff <runA> <runB>`: what changed between two experiments.
 * 1. find both runs (unique id prefixes);
 * 2. per stage: unchanged, changed and why (param old -> new, upstream, code, version,
 *    file), or present in one run only;
 * 3. headline metrics side by side (the report's verdict and best test Sharpe).
 */
import { ArtifactStore } from '../../engine/artifact-store.js';
import { diffRuns, type RunDiff } from '../../engine/run-diff.js';
import { findRun } from '../../engine/run-history.js';
import { storeRoot } from '../store-location.js';
import { printTable, runHeadline, type RunHeadline } from './runs-command.js';

export async function diffCommand(prefixA: string, prefixB: string, options: { json?: boolean; store?: string }): Promise<number> {
  const store = new ArtifactStore(storeRoot(options.store));
  const diff = diffRuns(store, findRun(store, prefixA), findRun(store, prefixB));
  const headlines = { a: runHeadline(store, diff.a), b: runHeadline(store, diff.b) };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(jsonDiff(diff, headlines), null, 2)}\n`);
    return 0;
  }
  const { a, b } = diff;
  process.stdout.write(`A ${a.id}  ${a.pipeline} (${a.file})  ${a.status}\nB ${b.id}  ${b.pipeline} (${b.file})  ${b.status}\n\n`);
  const width = Math.max(...diff.stages.map((s) => s.id.length + s.kind.length + 3));
  for (const stage of diff.stages) {
    const mark = !stage.changed ? '=' : stage.presence === 'both' ? '~' : stage.presence === 'a' ? '-' : '+';
    const keys = stage.presence === 'both' ? `${short(stage.keyA)} -> ${short(stage.keyB)}` : short(stage.keyA ?? stage.keyB);
    const state = !stage.changed ? `unchanged  ${short(stage.keyA)}` : `${stage.presence === 'both' ? 'changed' : `only in ${stage.presence.toUpperCase()}`}  ${keys}`;
    process.stdout.write(`${mark} ${`${stage.id} [${stage.kind}]`.padEnd(width)}  ${state}\n`);
    if (stage.presence === 'both') for (const reason of stage.reasons) process.stdout.write(`    ${reason}\n`);
  }
  const changed = diff.stages.filter((s) => s.changed).length;
  process.stdout.write(`${changed} of ${diff.stages.length} stages changed\n`);
  const metrics = metricRows(headlines.a, headlines.b);
  if (metrics.length > 0) {
    process.stdout.write('\n');
    printTable([['metric', 'A', 'B'], ...metrics]);
  }
  return 0;
}

function short(key: string | undefined): string {
  return key ? key.slice(0, 12) : '-';
}

function metricRows(a: RunHeadline, b: RunHeadline): string[][] {
  if (Object.keys(a).length === 0 && Object.keys(b).length === 0) return [];
  const sharpe = (h: RunHeadline): string => (h.sharpe !== undefined ? `${h.sharpe.toFixed(3)} (${h.bestModel})` : '-');
  return [
    ['verdict', a.verdict ?? '-', b.verdict ?? '-'],
    ['best test Sharpe', sharpe(a), sharpe(b)],
  ];
}

function jsonDiff(diff: RunDiff, headlines: { a: RunHeadline; b: RunHeadline }): Record<string, unknown> {
  return {
    a: { id: diff.a.id, pipeline: diff.a.pipeline, status: diff.a.status, headline: headlines.a },
    b: { id: diff.b.id, pipeline: diff.b.pipeline, status: diff.b.status, headline: headlines.b },
    stages: diff.stages.map(({ differences: _d, ...rest }) => rest),
  };
}
