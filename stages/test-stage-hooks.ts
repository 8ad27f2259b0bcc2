/**
 * Shared by the engine's self-test stages (`test-source`, `test-map`, `test-join`):
 * optional delay, and failure injection for the failure-isolation tests.
 * `TRADELAB_TEST_FAIL=<stage id>:<kill|throw|hang|oom>` makes that stage SIGKILL itself after
 * writing part of an output, throw, hang, or allocate until it runs out of memory.
 * The variable is read only by these stages, and by training stages through `afterEpoch`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { InputArtifact, StageContext } from '../src/engine/contract.js';

export async function beforeWork(ctx: StageContext): Promise<void> {
  const sleep = Number(ctx.params.sleep_ms ?? 0);
  if (sleep > 0) await new Promise((resolve) => setTimeout(resolve, sleep));
  const [target, mode] = (process.env.TRADELAB_TEST_FAIL ?? '').split(':');
  if (target !== ctx.stageId) return;
  if (mode === 'kill') {
    writeFileSync(path.join(ctx.workDir, 'out', 'partial'), 'half an output');
    process.kill(process.pid, 'SIGKILL');
  }
  if (mode === 'throw') throw new Error('injected failure (TRADELAB_TEST_FAIL)');
  if (mode === 'hang') await new Promise((resolve) => setTimeout(resolve, 3_600_000));
  if (mode === 'oom') {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
  }
}

/**
 * For training stages: `TRADELAB_TEST_FAIL=<stage id>:kill-after-epoch-<k>` SIGKILLs the
 * stage once epoch k (1-based) is checkpointed, as a power cut or an OOM kill would; the RL
 * stages count checkpoints (every `checkpoint_interval` frames) as their epochs.
 */
export function afterEpoch(ctx: StageContext, epoch: number): void {
  const [target, mode] = (process.env.TRADELAB_TEST_FAIL ?? '').split(':');
  if (target === ctx.stageId && mode === `kill-after-epoch-${epoch}`) process.kill(process.pid, 'SIGKILL');
}

/** Reads a `numbers` artifact: a JSON array, or a Parquet table with a `value` column. */
export async function readNumbers(artifact: InputArtifact): Promise<number[]> {
  if (artifact.format === 'parquet') {
    const { readTableFile } = await import('../src/io/table-file.js');
    const column = (await readTableFile(artifact.path)).columns.get('value');
    if (column?.kind !== 'float64') throw new Error('expected a table with a float `value` column');
    return [...column.values];
  }
  const value = JSON.parse(readFileSync(artifact.path, 'utf8')) as unknown;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'number')) throw new Error('expected a JSON array of numbers');
  return value as number[];
}

/** Writes a `numbers` artifact as JSON, or as a Parquet table when `params.format` says so. */
export async function writeNumbers(ctx: StageContext, port: string, numbers: number[]): Promise<void> {
  if (ctx.params.format !== 'parquet') return ctx.output(port, { json: numbers });
  return ctx.output(port, { columns: [['value', { kind: 'float64', values: Float64Array.from(numbers) }]] });
}
