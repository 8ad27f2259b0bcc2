import type { StageContext } from '../../src/engine/contract.js';
import { beforeWork, readNumbers, writeNumbers } from '../test-stage-hooks.js';

const OPS: Record<string, (x: number, by: number) => number> = {
  scale: (x, by) => x * by,
  add: (x, by) => x + by,
  round: (x, by) => Math.round(x / by) * by,
  abs: (x) => Math.abs(x),
};

export async function run(ctx: StageContext): Promise<void> {
  await beforeWork(ctx);
  const numbers = await readNumbers(ctx.input('numbers'));
  const op = OPS[String(ctx.params.op)]!;
  const by = Number(ctx.params.by);
  await writeNumbers(ctx, 'numbers', numbers.map((x) => op(x, by)));
}
