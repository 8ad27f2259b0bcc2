import { describe, expect, it } from 'vitest';
import { sourceName } from '../../stages/prediction-table.js';

const artifact = (from?: string) => ({ path: '/x', type: 'predictions', id: 'a'.repeat(64), format: 'parquet' as const, ...(from ? { from } : {}) });

describe('source names', () => {
  it('take the upstream stage id, up to the last dot, so variant names with decimals survive', () => {
    expect(sourceName(artifact('lstm.predictions'), 0)).toBe('lstm');
    expect(sourceName(artifact('lstm[lr=0.001,seed=2].predictions'), 0)).toBe('lstm[lr=0.001,seed=2]');
    expect(sourceName(artifact(), 2)).toBe('input 3');
  });
});
