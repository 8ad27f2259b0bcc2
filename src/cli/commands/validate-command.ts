/** `tradelab validate [files|dirs]`: every problem of every pipeline, compiler-style; exit 2 if any. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../../engine/errors.js';
import { DEFAULT_PIPELINE, displayPath, openPipeline } from '../open-pipeline.js';
import { problemSummary, renderProblems, type ProblemFormat } from '../render-problems.js';

export async function validateCommand(targets: string[], options: { format?: ProblemFormat }): Promise<number> {
  const format = options.format ?? 'text';
  const files = expand(targets.length > 0 ? targets : [DEFAULT_PIPELINE]);
  const problems: Problem[] = [];
  for (const file of files) {
    const result = await openPipeline(file);
    if (!result.ok) problems.push(...result.problems);
  }
  if (files.length === 0) {
    problems.push({ code: 'E_FILE', message: `no pipeline files (*.yaml, *.yml) in ${targets.join(', ')}`, hint: 'pass a pipeline file or a directory of them' });
  }
  if (format === 'json') {
    process.stdout.write(renderProblems(problems, 'json').replace(/^\{/, `{\n  "files": ${JSON.stringify(files.map(displayPath))},`));
  } else if (format === 'github') {
    process.stdout.write(renderProblems(problems, 'github'));
  } else if (problems.length > 0) {
    process.stderr.write(renderProblems(problems, 'text'));
    process.stderr.write(`${problemSummary(problems, new Set(problems.map((p) => p.file)).size)} (${files.length} checked)\n`);
  } else {
    process.stdout.write(`${files.length} pipeline${files.length === 1 ? '' : 's'} valid: ${files.map(displayPath).join(', ')}\n`);
  }
  return problems.length > 0 ? 2 : 0;
}

function expand(targets: string[]): string[] {
  const out: string[] = [];
  for (const target of targets) {
    let isDir = false;
    try {
      isDir = statSync(target).isDirectory();
    } catch {
      out.push(target);
      continue;
    }
    if (!isDir) out.push(target);
    else out.push(...walk(target));
  }
  return out;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}
