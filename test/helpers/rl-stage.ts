/**
 * A small seeded universe through ingest -> indicators -> split -> normalize into an RL
 * training stage (id `agent`), with the ingest prices connected for next-open fills:
 * shared by the train-ppo and train-dqn tests.
 */
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
