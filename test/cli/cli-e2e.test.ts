import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sha256File } from '../../src/engine/file-hash.js';
import { REFERENCE_YAML, tempDir } from '../helpers/engine-harness.js';
import { BIN, runCli, type CliResult } from '../helpers/run-cli.js';

const exec = promisify(execFile);

async function cli(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(args, { cwd, env });
}

const WITH_FILE = `${REFERENCE_YAML}
  copy:
    uses: command
    with:
      run: cp data/input.csv {out.copy}
      deps: [data/input.csv]
      outputs: { copy: { type: table, format: bytes } }
`;

function project(yaml = WITH_FILE): string {
  const dir = tempDir('tradelab-cli-');
  mkdirSync(path.join(dir, 'pipelines'));
  mkdirSync(path.join(dir, 'data'));
  writeFileSync(path.join(dir, 'pipelines', 'baseline.yaml'), yaml);
  writeFileSync(path.join(dir, 'data', 'input.csv'), 'date,close\n2020-01-02,1.5\n');
  return dir;
}

function summary(result: CliResult): { runId: string; status: string; executed: number; stages: { id: string; status: string; key: string; outputs: Record<string, string> }[] } {
  return JSON.parse(result.stdout);
}

describe('the tradelab CLI end to end', () => {
  it('runs the default pipeline, then serves every stage from the cache', async () => {
    const dir = project();
    const first = await cli(dir, ['run', '--json']);
    expect(first.code).toBe(0);
    expect(summary(first).executed).toBe(11);
    const second = await cli(dir, ['run', '--json']);
    expect(summary(second).executed).toBe(0);
    expect(summary(second).runId).toBe(summary(first).runId);
    const plain = await cli(dir, ['run']);
    expect(plain.stderr).toMatch(/= a \[test-source\] cached \(unchanged\)/);
    expect(plain.stderr).toMatch(/0 executed, 11 cached/);
  });

  it('loads no YAML parser, validator, Arrow, Parquet or process library on a no-op re-run', async () => {
    const dir = project(REFERENCE_YAML);
    await cli(dir, ['run']);
    const record = path.join(dir, 'imports.txt');
    const hook = path.resolve(import.meta.dirname, '../fixtures/record-imports.mjs');
    const { stderr } = await exec(process.execPath, ['--import', hook, BIN, 'run'], { cwd: dir, env: { ...process.env, TRADELAB_RECORD_IMPORTS: record } });
    expect(stderr).toMatch(/0 executed, 10 cached/);
    const loaded = readFileSync(record, 'utf8');
    expect(loaded).toContain('p-graph');
    for (const heavy of ['/yaml/', '/ajv/', 'apache-arrow', 'parquet-wasm', '/execa/', '@tensorflow', 'proper-lockfile']) {
      expect(loaded, heavy).not.toContain(heavy);
    }
  });

  it('gives identical keys when the same project is checked out in two directories', async () => {
    const one = summary(await cli(project(), ['run', '--json']));
    const two = summary(await cli(project(), ['run', '--json']));
    expect(two.stages.map((s) => [s.id, s.key, s.outputs])).toEqual(one.stages.map((s) => [s.id, s.key, s.outputs]));
    expect(two.runId).toBe(one.runId);
  });

  it('lets two concurrent runs of one pipeline on one store both finish without corrupting it', async () => {
    const dir = project(REFERENCE_YAML.replace('n: 20, seed: 1 }', 'n: 20, seed: 1, sleep_ms: 300 }'));
    const [a, b] = await Promise.all([cli(dir, ['run', '--json']), cli(dir, ['run', '--json'])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const sa = summary(a);
    const sb = summary(b);
    expect(sb.stages.map((s) => s.key)).toEqual(sa.stages.map((s) => s.key));
    expect(sa.executed + sb.executed).toBe(10);
    const objects = path.join(dir, 'artifacts', 'objects');
    for (const prefix of readdirSync(objects)) {
      for (const rest of readdirSync(path.join(objects, prefix))) expect(await sha256File(path.join(objects, prefix, rest))).toBe(prefix + rest);
    }
    expect(summary(await cli(dir, ['run', '--json'])).executed).toBe(0);
  });

  it('reports a failed stage with exit 1, its log path and the skipped dependents', async () => {
    const dir = project(REFERENCE_YAML);
    const result = await cli(dir, ['run', '--keep-going'], { TRADELAB_TEST_FAIL: 'h:throw' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/✗ h \[test-map\] failed/);
    expect(result.stderr).toMatch(/stage 'h' \(test-map\) failed: injected failure/);
    expect(result.stderr).toMatch(/log: .*artifacts\/logs\/[0-9a-f]{64}\.log/);
    expect(result.stderr).toMatch(/- i \[test-map\] skipped \(upstream 'h' failed\)/);
    expect(result.stderr).toMatch(/✓ f \[test-map\] succeeded/);
    expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  it('kills a stage past --timeout and fails only that stage', async () => {
    const dir = project(REFERENCE_YAML);
    const result = await cli(dir, ['run', '--timeout', '1', '--only', 'g', '--json'], { TRADELAB_TEST_FAIL: 'g:hang' });
    expect(result.code).toBe(1);
    const g = summary(result).stages.find((s) => s.id === 'g') as unknown as { status: string; error: string };
    expect(g.status).toBe('failed');
    expect(g.error).toMatch(/timed out after 1 s/);
  });

  it('explains status, prints the dag, lists and shows runs, exports and collects garbage', async () => {
    const dir = project();
    await cli(dir, ['run', '--json']);
    const status = await cli(dir, ['status', '--json']);
    expect(JSON.parse(status.stdout).stages.every((s: { state: string }) => s.state === 'cached')).toBe(true);
    writeFileSync(path.join(dir, 'data', 'input.csv'), 'date,close\n2020-01-02,2.5\n');
    const stale = await cli(dir, ['status']);
    expect(stale.stdout).toMatch(/\* copy\s+stale\s+file data\/input.csv \(param deps\) changed/);

    const mermaid = await cli(dir, ['dag', '--format', 'mermaid']);
    expect(mermaid.stdout).toMatch(/^flowchart LR/);
    expect(mermaid.stdout).toContain('f -->|numbers -> parts| j');
    expect((await cli(dir, ['dag', '--format', 'dot'])).stdout).toContain('"i" -> "j"');

    const runs = await cli(dir, ['runs', '--json']);
    const [latest] = JSON.parse(runs.stdout);
    const show = await cli(dir, ['show', latest.id.slice(0, 8)]);
    expect(show.stdout).toContain(`run ${latest.id}`);
    expect(show.stdout).toMatch(/j \[test-join\] succeeded/);

    const out = path.join(dir, 'j.csv');
    const exported = await cli(dir, ['export', 'j.numbers', out]);
    expect(exported.code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('value');
    const parquetOut = path.join(dir, 'j.parquet');
    expect((await cli(dir, ['export', 'j.numbers', parquetOut])).code).toBe(0);
    expect(readFileSync(parquetOut).subarray(0, 4).toString()).toBe('PAR1');
    const missing = await cli(dir, ['export', 'j.nope', out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/stage 'j' has no output 'nope' \[E_NOT_FOUND\]/);

    await cli(dir, ['run', '--json']);
    const gc = await cli(dir, ['gc', '--keep', '1']);
    expect(gc.stdout).toMatch(/deleted 1 run manifests, 1 cache entries, 1 objects/);
    expect(summary(await cli(dir, ['run', '--json'])).executed).toBe(0);
    expect(existsSync(path.join(dir, 'artifacts', 'objects'))).toBe(true);
  });

  it('answers --help for the program and every verb, and exits 2 on bad usage', async () => {
    const help = await cli(process.cwd(), ['--help']);
    expect(help.code).toBe(0);
    for (const verb of ['run', 'validate', 'status', 'dag', 'runs', 'show', 'gc', 'export']) {
      expect(help.stdout).toContain(verb);
      const verbHelp = await cli(process.cwd(), [verb, '--help']);
      expect(verbHelp.code).toBe(0);
      expect(verbHelp.stdout).toMatch(/Usage: tradelab/);
    }
    expect((await cli(process.cwd(), ['run', '--jobs', 'zero'])).code).toBe(2);
    expect((await cli(process.cwd(), ['frobnicate'])).code).toBe(2);
    const unknownStage = await cli(project(REFERENCE_YAML), ['run', '--only', 'jj']);
    expect(unknownStage.code).toBe(2);
    expect(unknownStage.stderr).toMatch(/unknown stage 'jj'.*\n.*did you mean 'j'\?/);
  });
});

describe('cancelling a run with Ctrl-C', () => {
  it('kills running stages, leaves no partial object or cache entry, exits 130, and the next run resumes', async () => {
    const { spawn } = await import('node:child_process');
    const dir = project(REFERENCE_YAML);
    const child = spawn(process.execPath, [BIN, 'run', '--jobs', '1'], { cwd: dir, env: { ...process.env, TRADELAB_TEST_FAIL: 'c:hang' } });
    let stderr = '';
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('▶ c [test-map] started')) resolve();
      });
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/⊘ c \[test-map\] cancelled/);
    expect(stderr).toMatch(/run [0-9a-f]{16} cancelled/);
    const storeDir = path.join(dir, 'artifacts');
    expect(readdirSync(path.join(storeDir, 'tmp'))).toEqual([]);
    const finished = [...stderr.matchAll(/✓ (\w) \[/g)].map((m) => m[1]!);
    expect(finished).not.toContain('c');
    expect(readdirSync(path.join(storeDir, 'cache')).length).toBe(finished.length);
    const resumed = summary(await cli(dir, ['run', '--json']));
    const executed = resumed.stages.filter((s) => s.status === 'succeeded').map((s) => s.id);
    expect(executed).toEqual(expect.arrayContaining(['c', 'd', 'e', 'f', 'j']));
    expect(executed.length).toBe(10 - finished.length);
  });
});

describe('tradelab run --backend', () => {
  it('sets the backend param of every training stage, which changes their keys and no other', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'pipelines'));
    writeFileSync(
      path.join(dir, 'pipelines/baseline.yaml'),
      `pipeline: b
stages:
  prices: { uses: ingest, with: { source: synthetic, synthetic: { tickers: 2, days: 300 } } }
  features: { uses: indicators, in: { prices: prices.prices }, with: { columns: [rsi_14] } }
  split:
    uses: split
    in: { features: features.features }
    with: { train: [2000-01-01, 2000-06-30], test: [2000-08-01, 2001-12-31], embargo_days: 2, label: { horizon: 1 } }
  lstm: { uses: train-lstm, in: { dataset: split.dataset } }
`,
    );
    const keys = async (args: string[]) => {
      const r = await cli(dir, ['run', '--dry-run', '--json', ...args]);
      expect(r.code, r.stderr).toBe(0);
      return Object.fromEntries((JSON.parse(r.stdout) as { stages: { id: string; key: string }[] }).stages.map((s) => [s.id, s.key]));
    };
    expect((await cli(dir, ['run', '--only', 'split'])).code).toBe(0);
    const [plain, wasm] = [await keys([]), await keys(['--backend', 'wasm'])];
    expect(plain.lstm).toMatch(/^[0-9a-f]{64}$/);
    expect(wasm.lstm).not.toBe(plain.lstm);
    expect(wasm.split).toBe(plain.split);
    expect((await keys(['--set', 'lstm.with.backend=wasm'])).lstm).toBe(wasm.lstm);
    const bad = await cli(dir, ['run', '--backend', 'tpu']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are auto, tensorflow, wasm, cpu/);
  });
});
