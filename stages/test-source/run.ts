import type { StageContext } from '../../src/engine/contract.js';
import { beforeWork, writeNumbers } from '../test-stage-hooks.js';

export async function run(ctx: StageContext): Promise<void> {
  await beforeWork(ctx);
  const n = Number(ctx.params.n);
  const scale = Number(ctx.params.scale);
  const numbers = Array.from({ length: n }, () => Math.round(ctx.random() * 1e6) / 1e6 * scale);
  ctx.progress({ done: n, total: n, message: `${n} numbers` });
  await writeNumbers(ctx, 'numbers', numbers);
}
