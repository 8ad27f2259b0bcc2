/**
 * A small seeded universe through ingest -> indicators -> split -> normalize into a training
 * stage, and the test-segment accuracy of its predictions against a coin flip: shared by the
 * train-lstm and train-transformer tests.
 */
import { expect } from 'vitest';
import { readTableFile } from '../../src/io/table-file.js';
import { harness, type Harness } from './engine-harness.js';
import { syntheticDataPath } from './synthetic-data-path.js';

export type MarketMode = 'market' | 'null';

/** `stage` is the YAML of the training stage's `uses` and `with` (the stage id is `model`). */
export function sequencePipeline(mode: MarketMode, stage: string): string {
  return `pipeline: sequence-test
stages:
${syntheticDataPath({ tickers: 12, mode })}  model:
    in: { dataset: scaled.dataset }
    ${stage}
`;
}

export async function trainStage(mode: MarketMode, stage: string, h: Harness = harness()) {
  const result = await h.run(sequencePipeline(mode, stage));
  expect(result.status, JSON.stringify(result.stages.map((s) => [s.id, s.status, s.error]))).toBe('succeeded');
  return { h, result, model: result.stages.find((s) => s.id === 'model')! };
}

/** Test-segment accuracy of a predictions artifact and its z-score against a coin flip. */
export async function testAccuracy(h: Harness, predictionsId: string): Promise<{ n: number; accuracy: number; z: number }> {
  const { columns } = await readTableFile(h.store.objectPath(predictionsId));
  const segment = (columns.get('segment') as { values: Int8Array }).values;
  const label = (columns.get('label') as { values: Int8Array }).values;
  const predicted = (columns.get('predicted') as { values: Int8Array }).values;
  let [n, hits] = [0, 0];
  for (let i = 0; i < segment.length; i++) {
    if (segment[i] !== 2) continue;
    n++;
    if (label[i] === predicted[i]) hits++;
  }
  return { n, accuracy: hits / n, z: (hits - n / 2) / Math.sqrt(n / 4) };
}
