import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ArtifactStore } from '../../src/engine/artifact-store.js';
import { hashValue } from '../../src/engine/canonical-json.js';
import type { RunManifest } from '../../src/engine/run-manifest.js';
import { liveReporter } from '../../src/cli/reporters/live-reporter.js';
import { formatPlanEstimates, runEta } from '../../src/cli/reporters/plan-estimates.js';
import { REFERENCE_YAML, harness, specOf, tempDir } from '../helpers/engine-harness.js';
import { runCli } from '../helpers/run-cli.js';

function project(): string {
  const dir = tempDir('tradelab-runs-');
  mkdirSync(path.join(dir, 'pipelines'));
  writeFileSync(path.join(dir, 'pipelines', 'baseline.yaml'), REFERENCE_YAML);
  return dir;
}

async function runId(dir: string, args: string[] = []): Promise<string> {
  const result = await runCli(['run', '--json', ...args], { cwd: dir });
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { runId: string }).runId;
}

describe('runs, show, diff and repro on the command line', () => {
  it('diffs two runs that differ in one param: that param, and only the stages downstream of it, changed', async () => {
    const dir = project();
    const a = await runId(dir);
    const b = await runId(dir, ['--set', 'd.with.by=0.25']);
    const diff = await runCli(['diff', a.slice(0, 8), b.slice(0, 8)], { cwd: dir });
    expect(diff.code).toBe(0);
    const changed = diff.stdout.split('\n').filter((l) => l.startsWith('~ ')).map((l) => l.split(/\s+/)[1]);
    expect(changed).toEqual(['d', 'e', 'f', 'j']);
    expect(diff.stdout).toContain('param by: 0.5 -> 0.25');
    expect(diff.stdout).toContain("input 'numbers' changed because upstream 'd' changed");
    expect(diff.stdout).toMatch(/4 of 10 stages changed/);
    const runs = await runCli(['runs'], { cwd: dir });
    expect(runs.stdout).toContain(a);
    expect(runs.stdout).toContain(b);
    const show = await runCli(['show', b], { cwd: dir });
    expect(show.stdout).toMatch(/d \[test-map\] succeeded {2}key \w{16} {2}succeeded in \d/);
  });

  it('repro --verify exits 0 on an intact run and 1, naming the stage, on a tampered manifest', async () => {
    const dir = project();
    const id = await runId(dir);
    const ok = await runCli(['repro', id, '--verify'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/every stage bit-reproducible/);
    const file = path.join(dir, 'artifacts', 'runs', `${id}.json`);
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as RunManifest;
    manifest.stages.find((s) => s.id === 'h')!.outputs!.numbers!.id = 'f'.repeat(64);
    writeFileSync(file, JSON.stringify(manifest));
    const bad = await runCli(['repro', id, '--verify'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/✗ h \[test-map\] +NOT reproducible/);
    expect(bad.stdout).toMatch(/1 stage not bit-reproducible: h/);
  });

  it("lists a comparison's verdict and best test Sharpe from its report artifact", async () => {
    const root = path.join(tempDir('tradelab-runs-'), 'artifacts');
    const report = { recommendation: { verdict: 'best-model' }, summary: { rows: [
      { name: 'buy-and-hold', baseline: true, values: { sharpe: 2.5 } },
      { name: 'lstm', values: { sharpe: 0.8 } },
      { name: 'ppo', values: { sharpe: 1.25 } },
    ] } };
    const bytes = JSON.stringify(report);
    const id = hashValue(bytes);
    mkdirSync(path.dirname(new ArtifactStore(root).objectPath(id)), { recursive: true });
    writeFileSync(new ArtifactStore(root).objectPath(id), bytes);
    const manifest: RunManifest = {
      id: 'r1', pipeline: 'p', file: 'p.yaml', status: 'succeeded', resolved: [], versions: {}, runtime: {},
      stages: [{ id: 'report', kind: 'compare', key: 'k', status: 'succeeded', outputs: { report: { id, bytes: bytes.length, type: 'report', format: 'json' } } }],
      executions: [{ startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:01:00Z', stages: [] }],
    };
    new ArtifactStore(root).writeRun('r1', manifest);
    const runs = await runCli(['runs', '--json', '--store', root]);
    expect(JSON.parse(runs.stdout)[0]).toMatchObject({ id: 'r1', verdict: 'best-model', bestModel: 'ppo', sharpe: 1.25 });
    const show = await runCli(['show', 'r1', '--store', root]);
    expect(show.stdout).toContain('headline: best-model, best ppo Sharpe 1.25');
  });
});

describe('duration estimates in the terminal', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());

  it("prints a dry run's plan with an estimate per stage to run and the total, and the live view's run ETA", async () => {
    vi.useRealTimers();
    const h = harness();
    await h.run(REFERENCE_YAML);
    const overrides = [{ key: 'd.with.by', value: 0.25 }];
    const pipeline = await specOf(REFERENCE_YAML, overrides);
    const result = await h.run(REFERENCE_YAML, { overrides, dryRun: true });
    const text = formatPlanEstimates({ result, pipeline, store: h.store });
    expect(text).toMatch(/^ {2}a \[test-source\] +cached$/m);
    expect(text).toMatch(/^ {2}d \[test-map\] +to run {3}~\d+\.\ds$/m);
    expect(text).toMatch(/estimated time: ~\d+\.\ds for 4 stages, one at a time/);

    vi.useFakeTimers({ toFake: ['Date'] });
    let out = '';
    const stream = { columns: 120, write: (chunk: string) => ((out += chunk), true) } as unknown as NodeJS.WriteStream;
    const report = liveReporter(stream, { eta: runEta(pipeline, h.store) });
    report({ type: 'run-started', pipeline: 'reference', stages: pipeline.stages.map((s) => ({ id: s.id, kind: s.kind })), jobs: 2 });
    for (const s of result.stages.filter((o) => o.status === 'cached')) report({ type: 'stage-finished', outcome: s });
    report({ type: 'stage-started', id: 'd', kind: 'test-map', key: 'k'.repeat(64) });
    expect(out).toMatch(/run eta ~\d+\.\ds/);
    report({ type: 'run-finished', result });
  });
});
