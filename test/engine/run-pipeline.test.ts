import { readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256File } from '../../src/engine/file-hash.js';
import { LocalExecutor } from '../../src/engine/local-executor.js';
import { runPipeline } from '../../src/engine/run-pipeline.js';
import { pipelineStatus } from '../../src/engine/stage-status.js';
import { REFERENCE_YAML, executedIds, harness, keysOf, snapshot, specOf } from '../helpers/engine-harness.js';

const ALL = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

describe('running the 10-stage reference pipeline', () => {
  it('executes 0 stages on a second run, changes no file in the store and re-hashes nothing', async () => {
    const h = harness();
    const first = await h.run(REFERENCE_YAML);
    expect(first.status).toBe('succeeded');
    expect(executedIds(first)).toEqual(ALL);
    const before = snapshot(path.join(h.root, 'artifacts'));
    const second = await h.run(REFERENCE_YAML);
    expect(second.executed).toBe(0);
    expect(second.stages.every((s) => s.status === 'cached')).toBe(true);
    expect(second.filesHashed).toBe(0);
    expect(snapshot(path.join(h.root, 'artifacts'))).toEqual(before);
  });

  it('re-runs exactly the changed stage and its descendants; a leaf change re-runs only the leaf', async () => {
    const h = harness();
    await h.run(REFERENCE_YAML);
    const mid = await h.run(REFERENCE_YAML, { overrides: [{ key: 'd.with.by', value: 0.25 }] });
    expect(executedIds(mid)).toEqual(['d', 'e', 'f', 'j']);
    const leaf = await h.run(REFERENCE_YAML, { overrides: [{ key: 'd.with.by', value: 0.25 }, { key: 'j.with.mode', value: 'sum' }] });
    expect(executedIds(leaf)).toEqual(['j']);
  });

  it('skips downstream stages when a forced re-run produces byte-identical output, and status says why', async () => {
    const h = harness();
    const first = await h.run(REFERENCE_YAML);
    const forced = await h.run(REFERENCE_YAML, { force: ['c'] });
    expect(executedIds(forced)).toEqual(['c']);
    expect(keysOf(forced)).toEqual(keysOf(first));
    const d = forced.stages.find((s) => s.id === 'd')!;
    expect(d.status).toBe('cached');
    expect(d.reason).toMatch(/early cutoff: upstream 'c' re-ran with byte-identical output/);
    expect(forced.stages.find((s) => s.id === 'j')!.reason).toBe("early cutoff: upstream 'c' re-ran with byte-identical output");
    const states = await pipelineStatus(await specOf(REFERENCE_YAML), h.store, h.root);
    expect(states.find((s) => s.id === 'd')!.reasons.join()).toMatch(/early cutoff/);
    expect(states.find((s) => s.id === 'g')!.reasons).toEqual(['unchanged']);
  });

  it('executes 0 stages for parameter sets A -> B -> A, also after deleting runs/', async () => {
    const h = harness();
    const b = [{ key: 'b.with.by', value: 5 }];
    await h.run(REFERENCE_YAML);
    expect((await h.run(REFERENCE_YAML, { overrides: b })).executed).toBeGreaterThan(0);
    expect((await h.run(REFERENCE_YAML)).executed).toBe(0);
    rmSync(path.join(h.root, 'artifacts', 'runs'), { recursive: true });
    expect((await h.run(REFERENCE_YAML, { overrides: b })).executed).toBe(0);
  });

  it('isolates a stage killed with SIGKILL: no cache entry, no partial object; the next run re-executes only it and its descendants', async () => {
    const h = harness();
    const env = { TRADELAB_TEST_FAIL: 'c:kill' };
    const failed = await h.run(REFERENCE_YAML, { env, keepGoing: true });
    expect(failed.status).toBe('failed');
    const byId = Object.fromEntries(failed.stages.map((s) => [s.id, s]));
    expect(byId.c!.status).toBe('failed');
    expect(byId.c!.error!.message).toMatch(/killed by SIGKILL/);
    expect(['d', 'e', 'f', 'j'].map((id) => byId[id]!.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    expect(['a', 'b', 'g', 'h', 'i'].map((id) => byId[id]!.status)).toEqual(Array(5).fill('succeeded'));
    expect(h.store.hasCacheEntry(byId.c!.key!)).toBe(false);
    await expectStoreIntact(path.join(h.root, 'artifacts'));
    const resumed = await h.run(REFERENCE_YAML);
    expect(executedIds(resumed)).toEqual(['c', 'd', 'e', 'f', 'j']);
  });

  it('fails only the stage that runs out of memory', async () => {
    const h = harness();
    const result = await h.run(REFERENCE_YAML, { env: { TRADELAB_TEST_FAIL: 'h:oom' }, maxMemoryMb: 64, keepGoing: true });
    const byId = Object.fromEntries(result.stages.map((s) => [s.id, s]));
    expect(byId.h!.status).toBe('failed');
    expect(byId.i!.status).toBe('skipped');
    expect(byId.f!.status).toBe('succeeded');
    expect(h.store.hasCacheEntry(byId.h!.key!)).toBe(false);
  });

  it('without --keep-going starts no new stage after a failure and reports the rest skipped', async () => {
    const h = harness();
    const result = await h.run(REFERENCE_YAML, { env: { TRADELAB_TEST_FAIL: 'a:throw' }, jobs: 1 });
    const byId = Object.fromEntries(result.stages.map((s) => [s.id, s]));
    expect(byId.a!.status).toBe('failed');
    expect(byId.a!.error!.message).toMatch(/injected failure/);
    expect(result.stages.filter((s) => s.id !== 'a').every((s) => s.status === 'skipped')).toBe(true);
  });

  it('detects a corrupted object on restore, evicts it and re-runs its stage', async () => {
    const h = harness();
    const first = await h.run(REFERENCE_YAML);
    const j = first.stages.find((s) => s.id === 'j')!;
    const object = h.store.objectPath(j.outputs!.summary!.id);
    writeFileSync(object, '{"count":0}\n');
    const second = await h.run(REFERENCE_YAML);
    const jAgain = second.stages.find((s) => s.id === 'j')!;
    expect(jAgain.status).toBe('succeeded');
    expect(jAgain.reason).toMatch(/corrupted/);
    expect(executedIds(second)).toEqual(['j']);
    expect(await sha256File(object)).toBe(j.outputs!.summary!.id);
  });

  it('overlaps independent stages with jobs 2 and gives the same keys and artifacts as jobs 1', async () => {
    const slow = REFERENCE_YAML.replace('n: 20, seed: 1 }', 'n: 20, seed: 1, sleep_ms: 400 }').replace('n: 10, seed: 2 }', 'n: 10, seed: 2, sleep_ms: 400 }');
    const one = await harness().run(slow, { jobs: 1 });
    const two = await harness().run(slow, { jobs: 2 });
    expect(keysOf(two)).toEqual(keysOf(one));
    expect(two.stages.map((s) => s.outputs)).toEqual(one.stages.map((s) => s.outputs));
    const a = two.stages.find((s) => s.id === 'a')!;
    const g = two.stages.find((s) => s.id === 'g')!;
    expect(a.startedAt! < g.finishedAt! && g.startedAt! < a.finishedAt!).toBe(true);
    const a1 = one.stages.find((s) => s.id === 'a')!;
    const g1 = one.stages.find((s) => s.id === 'g')!;
    expect(a1.finishedAt! <= g1.startedAt! || g1.finishedAt! <= a1.startedAt!).toBe(true);
  });

  it('runs gpu stages one at a time even with free job slots', async () => {
    const slow = REFERENCE_YAML.replace('n: 20, seed: 1 }', 'n: 20, seed: 1, sleep_ms: 300 }').replace('n: 10, seed: 2 }', 'n: 10, seed: 2, sleep_ms: 300 }');
    const spec = await specOf(slow);
    for (const stage of spec.stages) if (stage.kind === 'test-source') stage.definition = { ...stage.definition, resource: 'gpu' };
    const h = harness();
    const result = await runPipeline({ pipeline: spec, store: h.store, projectRoot: h.root, executor: new LocalExecutor(), jobs: 2 });
    const a = result.stages.find((s) => s.id === 'a')!;
    const g = result.stages.find((s) => s.id === 'g')!;
    expect(a.finishedAt! <= g.startedAt! || g.finishedAt! <= a.startedAt!).toBe(true);
  });

  it('passes Parquet tables between stages with the same ids in every run and the same values as JSON', async () => {
    const parquet = REFERENCE_YAML.replace('n: 20, seed: 1 }', 'n: 20, seed: 1, format: parquet }').replace('{ op: scale, by: "${vars.scale}" }', '{ op: scale, by: "${vars.scale}", format: parquet }');
    const one = await harness().run(parquet);
    const two = await harness().run(parquet);
    const json = await harness().run(REFERENCE_YAML);
    expect(one.stages.find((s) => s.id === 'b')!.outputs!.numbers!.format).toBe('parquet');
    expect(two.stages.map((s) => s.outputs)).toEqual(one.stages.map((s) => s.outputs));
    const leaf = (r: typeof one) => r.stages.find((s) => s.id === 'j')!.outputs!.numbers!.id;
    expect(leaf(one)).toBe(leaf(json));
  });

  it('explains stale stages in status: which param changed, which input changed', async () => {
    const h = harness();
    await h.run(REFERENCE_YAML);
    const changed = await specOf(REFERENCE_YAML, [{ key: 'h.with.by', value: -2 }]);
    const states = await pipelineStatus(changed, h.store, h.root);
    const h_ = states.find((s) => s.id === 'h')!;
    expect(h_.state).toBe('stale');
    expect(h_.reasons).toEqual(['param by: -1 -> -2']);
    expect(states.find((s) => s.id === 'i')!.reasons).toEqual(["upstream 'h' is stale"]);
    expect(states.find((s) => s.id === 'f')!.state).toBe('cached');
  });
});

/** Every object hashes to its name and every cache entry points at existing objects. */
async function expectStoreIntact(storeDir: string): Promise<void> {
  const objects = path.join(storeDir, 'objects');
  for (const prefix of readdirSync(objects)) {
    for (const rest of readdirSync(path.join(objects, prefix))) {
      expect(await sha256File(path.join(objects, prefix, rest))).toBe(prefix + rest);
    }
  }
  for (const name of readdirSync(path.join(storeDir, 'cache'))) {
    const entry = JSON.parse((await import('node:fs')).readFileSync(path.join(storeDir, 'cache', name), 'utf8'));
    for (const out of Object.values(entry.outputs) as { id: string }[]) {
      expect(existsSync(path.join(objects, out.id.slice(0, 2), out.id.slice(2)))).toBe(true);
    }
  }
  const tmp = path.join(storeDir, 'tmp');
  expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
}
