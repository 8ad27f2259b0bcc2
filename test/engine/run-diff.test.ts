import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffRuns } from '../../src/engine/run-diff.js';
import type { RunManifest } from '../../src/engine/run-manifest.js';
import { REFERENCE_YAML, harness } from '../helpers/engine-harness.js';

async function twoRuns(overrides: { key: string; value: unknown }[]) {
  const h = harness();
  const a = await h.run(REFERENCE_YAML);
  const b = await h.run(REFERENCE_YAML, { overrides });
  const read = (id: string): RunManifest => h.store.readRun<RunManifest>(id)!;
  return { h, a: read(a.runId), b: read(b.runId) };
}

describe('diffing two runs', () => {
  it('shows the one changed param and marks only the stages downstream of it as changed', async () => {
    const { h, a, b } = await twoRuns([{ key: 'd.with.by', value: 0.25 }]);
    const diff = diffRuns(h.store, a, b);
    const changed = diff.stages.filter((s) => s.changed).map((s) => s.id).sort();
    expect(changed).toEqual(['d', 'e', 'f', 'j']);
    const byId = Object.fromEntries(diff.stages.map((s) => [s.id, s]));
    expect(byId.d!.reasons).toEqual(['param by: 0.5 -> 0.25']);
    expect(byId.e!.reasons).toEqual(["input 'numbers' changed because upstream 'd' changed"]);
    expect(byId.j!.reasons).toEqual(["input 'parts' changed because upstream 'f' changed"]);
    for (const id of ['a', 'b', 'c', 'g', 'h', 'i']) expect(byId[id]!.reasons).toEqual([]);
  });

  it('lists stages present in one run only', async () => {
    const h = harness();
    const a = await h.run(REFERENCE_YAML);
    const b = await h.run(`${REFERENCE_YAML}  k: { uses: test-map, in: { numbers: j.numbers }, with: { op: abs } }\n`);
    const diff = diffRuns(h.store, h.store.readRun<RunManifest>(a.runId)!, h.store.readRun<RunManifest>(b.runId)!);
    const k = diff.stages.find((s) => s.id === 'k')!;
    expect(k).toMatchObject({ presence: 'b', changed: true, reasons: ['only in run B'] });
    expect(diff.stages.filter((s) => s.changed).map((s) => s.id)).toEqual(['k']);
  });

  it('says the code changed when the recorded preimages differ only in the code fingerprint', async () => {
    const { h, a } = await twoRuns([]);
    const store = h.store;
    const stage = a.stages.find((s) => s.id === 'c')!;
    const entry = store.readCacheEntry(stage.key!)!;
    const forged = { ...entry, key: 'f'.repeat(64), preimage: { ...entry.preimage, code: 'a-different-fingerprint' } };
    store.writeCacheEntry(forged);
    const b: RunManifest = { ...a, id: 'forged', stages: a.stages.map((s) => (s.id === 'c' ? { ...s, key: forged.key } : s)) };
    const c = diffRuns(store, a, b).stages.find((s) => s.id === 'c')!;
    expect(c.changed).toBe(true);
    expect(c.reasons.join()).toMatch(/stage code changed/);
  });

  it('falls back to the manifests when the cache entries are gone', async () => {
    const { h, a, b } = await twoRuns([{ key: 'b.with.by', value: 5 }]);
    rmSync(path.join(h.root, 'artifacts', 'cache'), { recursive: true });
    const byId = Object.fromEntries(diffRuns(h.store, a, b).stages.map((s) => [s.id, s]));
    expect(byId.b!.reasons).toEqual(['param by: 2 -> 5']);
    expect(byId.c!.reasons).toEqual(["input 'numbers' changed because upstream 'b' changed"]);
    expect(byId.g!.changed).toBe(false);
  });
});
