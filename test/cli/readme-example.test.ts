import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the README', () => {
  it('shows a pipeline that validates, with a variant that applies', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const example = /```yaml\n(pipeline: baseline[\s\S]*?)```/.exec(readme)![1]!;
    const dir = tempDir();
    mkdirSync(path.join(dir, 'pipelines'));
    mkdirSync(path.join(dir, 'data'));
    copyFileSync(path.join(ROOT, 'data/dowjones30_1991_2001_close.csv'), path.join(dir, 'data/dowjones30_1991_2001_close.csv'));
    writeFileSync(path.join(dir, 'pipelines/baseline.yaml'), example);
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/tradelab.js'), ...args], { cwd: dir, encoding: 'utf8' });
    expect(run('validate').status).toBe(0);
    const dry = run('run', '--variant', 'robust', '--dry-run');
    expect(dry.stderr).not.toMatch(/\[E_/);
    expect(dry.stderr).toMatch(/4 pending/);
    expect(run('dag').stdout).toMatch(/scaled \[normalize\]\s+dataset <- split.dataset/);
  });
});
