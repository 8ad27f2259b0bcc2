import { cpSync, existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine-harness.js';
import { runCli } from '../helpers/run-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SMOKE = 'pipelines/examples/smoke.yaml';

interface SummaryRow {
  name: string;
  baseline: boolean;
}

/** The smoke pipeline's stages that produce something compare ranks: every training stage and the ensemble. */
function modelStages(): string[] {
  const doc = parse(readFileSync(path.join(ROOT, SMOKE), 'utf8')) as { stages: Record<string, { uses: string }> };
  return Object.entries(doc.stages)
    .filter(([, stage]) => stage.uses.startsWith('train-') || stage.uses === 'ensemble')
    .map(([id]) => id);
}

describe('the smoke pipeline', () => {
  it('runs every stage kind end to end through the CLI and reports every model beside both baselines', async () => {
    const dir = tempDir('tradelab-smoke-');
    cpSync(path.join(ROOT, 'pipelines'), path.join(dir, 'pipelines'), { recursive: true });
    symlinkSync(path.join(ROOT, 'data'), path.join(dir, 'data'));

    const run = await runCli(['run', SMOKE, '--json'], { cwd: dir });
    expect(run.stderr).not.toMatch(/\[E_/);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { status: string; stages: { id: string; kind: string; status: string }[] };
    expect(summary.stages.map((s) => s.status)).toEqual(summary.stages.map(() => 'succeeded'));
    expect(new Set(summary.stages.map((s) => s.kind))).toEqual(
      new Set(['ingest', 'indicators', 'split', 'normalize', 'train-lstm', 'train-transformer', 'train-ppo', 'train-dqn', 'ensemble', 'backtest', 'compare']),
    );

    const report = await runCli(['report'], { cwd: dir });
    expect(report.code).toBe(0);
    const html = report.stdout.trim();
    expect(html).toMatch(/report\.html$/);
    expect(existsSync(html)).toBe(true);
    const json = JSON.parse(readFileSync(path.join(path.dirname(html), 'report.json'), 'utf8')) as { summary: { rows: SummaryRow[] }; recommendation: { text: string } };
    const names = json.summary.rows.map((row) => row.name);
    expect(names.sort()).toEqual([...modelStages(), 'buy-and-hold', 'random'].sort());
    expect(json.summary.rows.filter((row) => row.baseline).map((row) => row.name).sort()).toEqual(['buy-and-hold', 'random']);
    expect(json.recommendation.text.length).toBeGreaterThan(0);
  }, 120_000);
});
