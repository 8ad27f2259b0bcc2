import { describe, expect, it } from 'vitest';
import { isTradelabError } from '../../src/engine/errors.js';
import { garbageCollect } from '../../src/engine/garbage-collect.js';
import { markActiveRun } from '../../src/engine/store-lock.js';
import { REFERENCE_YAML, executedIds, harness } from '../helpers/engine-harness.js';

describe('garbage collection', () => {
  it('keeps what the newest runs reference and deletes the rest', async () => {
    const h = harness();
    const old = [{ key: 'g.with.n', value: 11 }];
    await h.run(REFERENCE_YAML, { overrides: old });
    await h.run(REFERENCE_YAML);
    const dry = garbageCollect(h.store, { keep: 1, dryRun: true });
    expect(dry).toMatchObject({ runs: 1, cacheEntries: 4 });
    const done = garbageCollect(h.store, { keep: 1, dryRun: false });
    expect(done).toEqual(dry);
    expect((await h.run(REFERENCE_YAML)).executed).toBe(0);
    expect(executedIds(await h.run(REFERENCE_YAML, { overrides: old }))).toEqual(['g', 'h', 'i', 'j']);
  });

  it('refuses to run while a run is in progress on the store', async () => {
    const h = harness();
    await h.run(REFERENCE_YAML);
    const unmark = markActiveRun(h.store.root);
    try {
      expect(() => garbageCollect(h.store, { keep: 0, dryRun: false })).toThrowError(/a run is in progress/);
      try {
        garbageCollect(h.store, { keep: 0, dryRun: false });
      } catch (error) {
        expect(isTradelabError(error) && error.code).toBe('E_LOCK');
      }
    } finally {
      unmark();
    }
    expect(garbageCollect(h.store, { keep: 0, dryRun: false }).cacheEntries).toBe(10);
  });
});
