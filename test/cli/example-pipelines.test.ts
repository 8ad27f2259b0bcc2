import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function pipelineFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return pipelineFiles(rel);
    return /\.ya?ml$/.test(entry.name) ? [rel] : [];
  });
}

describe('the shipped pipelines', () => {
  const files = pipelineFiles('pipelines');

  it('include the default, smoke, full, sweep, walk-forward, command and S&P 500 OHLCV experiments', () => {
    for (const file of ['baseline.yaml', 'full.yaml', 'examples/smoke.yaml', 'examples/sweep.yaml', 'examples/walk-forward.yaml', 'examples/momentum-command.yaml', 'examples/sp500-ohlcv.yaml']) {
      expect(files).toContain(`pipelines/${file}`);
    }
  });

  it('all pass tradelab validate, as CI runs it', async () => {
    const result = await runCli(['validate', 'pipelines/', '--format', 'json'], { cwd: ROOT });
    const report = JSON.parse(result.stdout) as { files: string[]; problems: unknown[] };
    expect(report.problems).toEqual([]);
    expect([...report.files].sort()).toEqual([...files].sort());
    expect(result.code).toBe(0);
  });

  it('run every stage kind in the default experiment', async () => {
    const dag = await runCli(['dag', 'pipelines/baseline.yaml'], { cwd: ROOT });
    expect(dag.code).toBe(0);
    for (const kind of ['ingest', 'indicators', 'split', 'normalize', 'train-lstm', 'train-transformer', 'train-ppo', 'train-dqn', 'ensemble', 'backtest', 'compare']) {
      expect(dag.stdout).toContain(`[${kind}]`);
    }
  });
});
