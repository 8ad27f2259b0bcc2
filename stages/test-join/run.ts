import type { StageContext } from '../../src/engine/contract.js';
import { beforeWork, readNumbers } from '../test-stage-hooks.js';
import { readFileSync } from 'node:fs';

export async function run(ctx: StageContext): Promise<void> {
  await beforeWork(ctx);
  const parts = (ctx.inputs.parts ?? []).map((a) => readNumbers(JSON.parse(readFileSync(a.path, 'utf8'))));
  const numbers =
    ctx.params.mode === 'sum'
      ? Array.from({ length: Math.max(0, ...parts.map((p) => p.length)) }, (_, i) => parts.reduce((s, p) => s + (p[i] ?? 0), 0))
      : parts.flat();
  const sum = numbers.reduce((s, x) => s + x, 0);
  await ctx.output('numbers', { json: numbers });
  await ctx.output('summary', { json: { count: numbers.length, sum, mean: numbers.length ? sum / numbers.length : null } });
}
