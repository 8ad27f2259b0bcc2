import { describe, expect, it } from 'vitest';
import { selectStages, topologicalOrder } from '../../src/engine/graph.js';

const nodes = [
  { id: 'a', deps: [] },
  { id: 'b', deps: ['a'] },
  { id: 'c', deps: ['b'] },
  { id: 'x', deps: [] },
  { id: 'y', deps: ['x', 'b'] },
];

describe('the stage graph', () => {
  it('orders stages topologically, keeping file order among independent ones', () => {
    expect(topologicalOrder(nodes)).toEqual({ order: ['a', 'b', 'c', 'x', 'y'] });
    expect(topologicalOrder([{ id: 'z', deps: ['w'] }, { id: 'w', deps: [] }])).toEqual({ order: ['w', 'z'] });
  });

  it('names one cycle as a path that returns to its start', () => {
    const result = topologicalOrder([{ id: 'a', deps: ['c'] }, { id: 'b', deps: ['a'] }, { id: 'c', deps: ['b'] }, { id: 'd', deps: [] }]);
    expect(result).toEqual({ cycle: ['a', 'b', 'c', 'a'] });
  });

  it('selects with --only (and what it needs), --from (and what is downstream) and --skip', () => {
    const sorted = (s: Set<string>) => [...s].sort();
    expect(sorted(selectStages(nodes, { only: ['c'] }))).toEqual(['a', 'b', 'c']);
    expect(sorted(selectStages(nodes, { from: ['b'] }))).toEqual(['a', 'b', 'c', 'x', 'y']);
    expect(sorted(selectStages(nodes, { from: ['c'] }))).toEqual(['a', 'b', 'c']);
    expect(sorted(selectStages(nodes, { skip: ['b'] }))).toEqual(['a', 'x']);
    expect(sorted(selectStages(nodes, {}))).toEqual(['a', 'b', 'c', 'x', 'y']);
  });
});
