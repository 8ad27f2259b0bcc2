import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTableFile } from '../../src/io/table-file.js';
import { harness } from '../helpers/engine-harness.js';
import { oraclePipeline } from '../helpers/oracle-predictions.js';

const ENSEMBLE = (method: string) => `  combo:
    uses: ensemble
    in: { predictions: [a.predictions, b.predictions] }
    with: { method: ${method} }
`;

describe('the ensemble stage', () => {
  it('weights the more accurate model by its validation skill and names sources after their stages', async () => {
    const h = harness();
    const result = await h.run(oraclePipeline(ENSEMBLE('weighted')));
    expect(result.status, JSON.stringify(result.stages.map((s) => [s.id, s.status, s.error]))).toBe('succeeded');
    const combo = result.stages.find((s) => s.id === 'combo')!;
    const weights = JSON.parse(readFileSync(h.store.objectPath(combo.outputs!.weights!.id), 'utf8'));
    expect(weights.sources.map((s: { name: string }) => s.name)).toEqual(['a', 'b']);
    expect(weights.sources[0].valAccuracy).toBeGreaterThan(0.8);
    expect(weights.sources[0].weight).toBeGreaterThan(weights.sources[1].weight);
    const table = await readTableFile(h.store.objectPath(combo.outputs!.predictions!.id));
    expect(table.metadata['tradelab.model']).toBe('ensemble-weighted');
    expect([...table.columns.keys()]).toEqual(['ticker', 'date', 'segment', 'label', 'predicted', 'prob_0', 'prob_1']);
    const segments = new Set((table.columns.get('segment') as { values: Int8Array }).values);
    expect([...segments].sort()).toEqual([1, 2]);
  }, 120_000);
});
