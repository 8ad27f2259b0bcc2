/** Runs the `command` stage: substitute paths, run the shell line, hand its files to the store. */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import type { ArtifactFormat, StageContext } from '../../src/engine/contract.js';

const EXTENSIONS: Record<ArtifactFormat, string> = { parquet: '.parquet', json: '.json', bytes: '' };

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export async function run(ctx: StageContext): Promise<void> {
  const outputs = (ctx.params.outputs ?? {}) as Record<string, string | { type: string; format?: ArtifactFormat }>;
  const outDir = path.join(ctx.workDir, 'command-out');
  mkdirSync(outDir, { recursive: true });
  const outPaths: Record<string, { file: string; format: ArtifactFormat }> = {};
  for (const [port, decl] of Object.entries(outputs)) {
    const format = (typeof decl === 'string' ? undefined : decl.format) ?? 'bytes';
    outPaths[port] = { file: path.join(outDir, `${port}${EXTENSIONS[format]}`), format };
  }
  const line = String(ctx.params.run).replace(/\{(in|out)\.([A-Za-z0-9_-]+)\}/g, (match, side: string, port: string) => {
    if (side === 'out') {
      const target = outPaths[port];
      if (!target) throw new Error(`${match}: no output port '${port}' is declared under outputs:`);
      return quote(target.file);
    }
    const list = ctx.inputs[port];
    if (!list) throw new Error(`${match}: no input '${port}' is wired under in:`);
    return list.map((a) => quote(a.path)).join(' ');
  });
  ctx.log(`$ ${line}`);
  await execa(line, {
    shell: true,
    cwd: ctx.projectRoot,
    env: { ...(ctx.params.env as Record<string, string>), TRADELAB_SEED: String(ctx.seed) },
    stdout: 'inherit',
    stderr: 'inherit',
    cancelSignal: ctx.signal,
  });
  for (const [port, target] of Object.entries(outPaths)) {
    if (!existsSync(target.file)) throw new Error(`the command did not write {out.${port}} (${target.file})`);
    await ctx.output(port, { file: target.file, format: target.format });
  }
}
