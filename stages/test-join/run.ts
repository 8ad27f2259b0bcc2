import type { StageContext } from '../../src/engine/contract.js';
import { beforeWork, readNumbers, writeNumbers } from '../test-stage-hooks.js';

export async function run(ctx: StageContext): Promise<void> {
  await beforeWork(ctx);
  const parts = await Promise.all((ctx.inputs.parts ?? []).map((a) => readNumbers(a)));
  const numbers =
    ctx.params.mode === 'sum'
      ? Array.from({ length: Math.max(0, ...parts.map((p) => p.length)) }, (_, i) => parts.reduce((s, p) => s + (p[i] ?? 0), 0))
      : parts.flat();
  const sum = numbers.reduce((s, x) => s + x, 0);
  await writeNumbers(ctx, 'numbers', numbers);
  await ctx.output('summary', { json: { count: numbers.length, sum, mean: numbers.length ? sum / numbers.length : null } });
}
