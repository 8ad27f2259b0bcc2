import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine-harness.js';
import { runCli } from '../helpers/run-cli.js';

const PIPELINE = `pipeline: multirun
stages:
  a: { uses: test-source, with: { n: 5, seed: 1 } }
  b: { uses: test-map, in: { numbers: a.numbers }, with: { op: add, by: 1 } }
  c: { uses: test-map, in: { numbers: b.numbers }, with: { op: abs } }
  j: { uses: test-join, in: { parts: [c.numbers] } }
`;

function project(): string {
  const dir = tempDir('tradelab-sweep-cli-');
  mkdirSync(path.join(dir, 'pipelines'));
  writeFileSync(path.join(dir, 'pipelines', 'baseline.yaml'), PIPELINE);
  return dir;
}

interface Summary {
  executed: number;
  stages: { id: string; status: string }[];
}

describe('tradelab run with multirun --set', () => {
  it('crosses --set a.with.x=1,2 --set b.with.y=3,4 into 4 variants, shares what they do not touch, and caches them', async () => {
    const dir = project();
    const args = ['run', '--set', 'a.with.n=3,4', '--set', 'b.with.by=5,6', '--json'];
    const first = await runCli(args, { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as Summary;
    const ids = summary.stages.map((s) => s.id);
    expect(ids.filter((id) => id.startsWith('b['))).toEqual(['b[n=3,by=5]', 'b[n=3,by=6]', 'b[n=4,by=5]', 'b[n=4,by=6]']);
    expect(ids.filter((id) => id.startsWith('a'))).toEqual(['a[n=3]', 'a[n=4]']);
    expect(ids.filter((id) => id.startsWith('j'))).toEqual(['j']);
    expect(summary.executed).toBe(2 + 4 + 4 + 1);
    const again = JSON.parse((await runCli(args, { cwd: dir })).stdout) as Summary;
    expect(again.executed).toBe(0);
    const only = JSON.parse((await runCli([...args, '--only', 'b', '--dry-run'], { cwd: dir })).stdout) as Summary;
    expect(only.stages.map((s) => s.id).filter((id) => id.startsWith('b'))).toHaveLength(4);
  });

  it('shows the expanded plan in dag and status', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'pipelines', 'baseline.yaml'), `${PIPELINE}sweep:\n  b.with.by: [5, 6]\n`);
    const dag = await runCli(['dag'], { cwd: dir });
    expect(dag.stdout).toMatch(/c\[by=6\] \[test-map\]\s+numbers <- b\[by=6\]\.numbers/);
    expect(dag.stdout).toMatch(/j \[test-join\]\s+parts <- c\[by=5\]\.numbers, parts <- c\[by=6\]\.numbers/);
    const status = await runCli(['status'], { cwd: dir });
    expect(status.stdout).toMatch(/\* b\[by=5\]\s+stale/);
  });

  it('rejects an unknown multirun key with exit 2 and its position in the argument', async () => {
    const result = await runCli(['run', '--set', 'zz.with.n=1,2', '--set', 'b.with.by=1,2'], { cwd: project() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--set:1:1 'zz.with.n' names an unknown stage 'zz' [E_BAD_OVERRIDE]");
    expect(result.stderr).toMatch(/nothing was run/);
  });

  it('refuses more variants than --max-variants with exit 2, naming the axes and the count', async () => {
    const result = await runCli(['run', '--set', 'a.with.n=1,2,3', '--set', 'b.with.by=1,2,3', '--max-variants', '8'], { cwd: project() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the plan has 9 variants, more than --max-variants 8: a.with.n (3 values) x b.with.by (3 values) [E_TOO_MANY_VARIANTS]');
    expect(result.stderr).toMatch(/hint: .*--max-variants 9/);
    expect(result.stderr).toMatch(/nothing was run/);
    const allowed = await runCli(['run', '--set', 'a.with.n=1,2,3', '--set', 'b.with.by=1,2,3', '--max-variants', '9', '--dry-run'], { cwd: project() });
    expect(allowed.code, allowed.stderr).toBe(0);
  });
});
