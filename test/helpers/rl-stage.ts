/**
 * A small seeded universe through ingest -> indicators -> split -> normalize into an RL
 * training stage (id `agent`), with the ingest prices connected for next-open fills:
 * shared by the train-ppo and train-dqn tests.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { readTableFile } from '../../src/io/table-file.js';
import { harness, type Harness } from './engine-harness.js';
import { syntheticDataPath } from './synthetic-data-path.js';

/** `stage` is the YAML of the stage's `uses` and `with`. */
export function rlPipeline(stage: string, options: { prices?: boolean } = {}): string {
  return `pipeline: rl-test
stages:
${syntheticDataPath({ tickers: 4 })}  agent:
    in: { dataset: scaled.dataset${options.prices === false ? '' : ', prices: prices.prices'} }
    ${stage}
`;
}

export async function runAgent(stage: string, options: { prices?: boolean; h?: Harness } = {}) {
  const h = options.h ?? harness();
  const result = await h.run(rlPipeline(stage, options));
  expect(result.status, JSON.stringify(result.stages.map((s) => [s.id, s.status, s.error]))).toBe('succeeded');
  return { h, result, agent: result.stages.find((s) => s.id === 'agent')! };
}

/** The `actions` table's columns, and the split's segment of every (ticker, date). */
export async function readActions(h: Harness, actionsId: string, datasetId: string) {
  const { columns } = await readTableFile(h.store.objectPath(actionsId));
  const dataset = (await readTableFile(h.store.objectPath(datasetId))).columns;
  const segmentOf = new Map<string, number>();
  const dt = dataset.get('ticker') as { indices: Int32Array; dictionary: string[] };
  const dd = dataset.get('date') as { days: Int32Array };
  const ds = dataset.get('segment') as { values: Int8Array };
  for (let i = 0; i < dd.days.length; i++) segmentOf.set(`${dt.dictionary[dt.indices[i]!]}|${dd.days[i]}`, ds.values[i]!);
  return { columns, segmentOf };
}

/**
 * Runs `stage` uninterrupted, then again killed after checkpoint `k` and re-run in the same
 * store, and expects the re-run to resume and end with the same model and actions.
 */
export async function expectExactResume(stage: string, k: number): Promise<void> {
  const straight = await runAgent(stage);
  const h = harness();
  const killed = await h.run(rlPipeline(stage), { env: { TRADELAB_TEST_FAIL: `agent:kill-after-epoch-${k}` } });
  expect(killed.status).toBe('failed');
  const resumed = await runAgent(stage, { h });
  expect(readFileSync(h.store.logPath(resumed.agent.key!), 'utf8')).toMatch(/resumed after \d+ frames from the checkpoint/);
  expect(resumed.agent.outputs!.model!.id).toBe(straight.agent.outputs!.model!.id);
  expect(resumed.agent.outputs!.actions!.id).toBe(straight.agent.outputs!.actions!.id);
}
