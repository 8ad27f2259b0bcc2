import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalExecutor } from '../../src/engine/local-executor.js';
import { pipelineFromManifest } from '../../src/engine/manifest-pipeline.js';
import { reproduceRun } from '../../src/engine/reproduce-run.js';
import type { RunManifest } from '../../src/engine/run-manifest.js';
import { openWorkspace } from '../../src/cli/open-pipeline.js';
import { REFERENCE_YAML, harness, snapshot, type Harness } from '../helpers/engine-harness.js';

/** The fake reference stages plus two real data stages on a real CSV. */
const YAML = `${REFERENCE_YAML}
  prices: { uses: ingest, with: { source: data/msft.csv } }
  features: { uses: indicators, in: { prices: prices.prices }, with: { columns: [rsi_14] } }
`;

async function recorded(): Promise<{ h: Harness; manifest: RunManifest }> {
  const h = harness();
  mkdirSync(path.join(h.root, 'data'));
  copyFileSync(path.join(import.meta.dirname, '../fixtures/msft/msft_2000_2001_ohlcv.csv'), path.join(h.root, 'data', 'msft.csv'));
  const result = await h.run(YAML);
  expect(result.status).toBe('succeeded');
  return { h, manifest: h.store.readRun<RunManifest>(result.runId)! };
}

async function repro(h: Harness, manifest: RunManifest, verify: boolean) {
  return reproduceRun({ manifest, store: h.store, registry: (await openWorkspace()).registry, executor: new LocalExecutor(), projectRoot: h.root, verify, jobs: 2 });
}

function objectStore(h: Harness): Record<string, string> {
  const all = snapshot(path.join(h.root, 'artifacts'));
  return Object.fromEntries(Object.entries(all).filter(([file]) => /^(objects|cache|runs)\//.test(file)));
}

describe('reproducing a run', () => {
  it('re-executes every stage with --verify and reports each bit-reproducible, leaving the store untouched', async () => {
    const { h, manifest } = await recorded();
    const before = objectStore(h);
    const result = await repro(h, manifest, true);
    expect(result.run.executed).toBe(12);
    expect(result.stages.map((s) => [s.id, s.verdict])).toEqual(manifest.stages.map((s) => [s.id, 'reproduced']));
    expect(result.reproduced).toBe(true);
    expect(objectStore(h)).toEqual(before);
  });

  it('reports the stage whose recorded output id was tampered with in the manifest, and only it', async () => {
    const { h, manifest } = await recorded();
    const file = h.store.runPath(manifest.id);
    const edited = JSON.parse(readFileSync(file, 'utf8')) as RunManifest;
    edited.stages.find((s) => s.id === 'c')!.outputs!.numbers!.id = '0'.repeat(64);
    writeFileSync(file, JSON.stringify(edited));
    const result = await repro(h, edited, true);
    expect(result.reproduced).toBe(false);
    expect(result.stages.filter((s) => s.verdict !== 'reproduced').map((s) => s.id)).toEqual(['c']);
    expect(result.stages.find((s) => s.id === 'c')!.notes.join()).toMatch(/output 'numbers': recorded 000000000000, re-executed/);
  });

  it("reports the real data stage whose stored object's bytes were tampered with", async () => {
    const { h, manifest } = await recorded();
    const prices = manifest.stages.find((s) => s.id === 'prices')!.outputs!.prices!;
    const object = h.store.objectPath(prices.id);
    const bytes = readFileSync(object);
    bytes[bytes.length - 20] ^= 0xff;
    writeFileSync(object, bytes);
    const result = await repro(h, manifest, true);
    expect(result.stages.filter((s) => s.verdict !== 'reproduced').map((s) => s.id)).toEqual(['prices']);
    expect(result.stages.find((s) => s.id === 'prices')!.notes.join()).toMatch(/bytes no longer matched its id/);
  });

  it('rebuilds the recorded pipeline without its YAML: the same keys, nothing executed', async () => {
    const { h, manifest } = await recorded();
    const spec = pipelineFromManifest(manifest, (await openWorkspace()).registry);
    expect(spec.stages.map((s) => s.id)).toEqual(manifest.resolved.map((s) => s.id));
    const result = await repro(h, manifest, false);
    expect(result.run.executed).toBe(0);
    expect(result.reproduced).toBe(true);
    expect(Object.fromEntries(result.run.stages.map((s) => [s.id, s.key]))).toEqual(Object.fromEntries(manifest.stages.map((s) => [s.id, s.key])));
  });

  it("says when a stage kind's code changed since the run", async () => {
    const { h, manifest } = await recorded();
    const key = manifest.stages.find((s) => s.id === 'b')!.key!;
    const entry = h.store.readCacheEntry(key)!;
    h.store.writeCacheEntry({ ...entry, preimage: { ...entry.preimage, code: 'an-older-fingerprint' } });
    const result = await repro(h, manifest, false);
    expect(result.stages.find((s) => s.id === 'b')!.notes.join()).toMatch(/the code of stage kind 'test-map' changed since the run \(fingerprint an-older-fin -> /);
  });
});

describe('reproducing a sweep', () => {
  it('rebuilds variant copies whose ids hold dots (by: 0.25) and finds them bit-reproducible', async () => {
    const h = harness();
    const result = await h.run(`${REFERENCE_YAML}\nsweep:\n  c.with.by: [0.25, 0.75]\n`);
    expect(result.status).toBe('succeeded');
    const manifest = h.store.readRun<RunManifest>(result.runId)!;
    expect(manifest.stages.map((s) => s.id)).toContain('c[by=0.25]');
    const rebuilt = pipelineFromManifest(manifest, (await openWorkspace()).registry);
    expect(rebuilt.stages.find((s) => s.id === 'd[by=0.25]')!.inputs[0]!.refs[0]).toEqual({ stage: 'c[by=0.25]', port: 'numbers' });
    const verified = await reproduceRun({ manifest, store: h.store, registry: (await openWorkspace()).registry, executor: new LocalExecutor(), projectRoot: h.root, verify: true, jobs: 2 });
    expect(verified.stages.map((s) => s.verdict)).toEqual(verified.stages.map(() => 'reproduced'));
  }, 120_000);
});
