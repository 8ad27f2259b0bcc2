/**
 * Prints problems as a compiler does:
 *   pipelines/x.yaml:14:7 /stages/lstm/with/units: must be an integer, got the string "64" [E_PARAMS]
 *      14 |       units: "64"
 *         |              ^^^^
 *     hint: ...
 * or as JSON, or as GitHub workflow annotations.
 */
import type { Problem } from '../engine/errors.js';

export type ProblemFormat = 'text' | 'json' | 'github';

export function renderProblems(problems: readonly Problem[], format: ProblemFormat): string {
  if (format === 'json') return `${JSON.stringify({ problems: problems.map(jsonProblem) }, null, 2)}\n`;
  if (format === 'github') return problems.map(githubProblem).join('');
  return problems.map(textProblem).join('\n');
}

function location(p: Problem): string {
  if (!p.file) return '';
  return `${p.file}${p.line ? `:${p.line}:${p.col ?? 1}` : ''} `;
}

export function textProblem(p: Problem): string {
  const lines = [`${location(p)}${p.pointer ? `${p.pointer}: ` : ''}${p.message} [${p.code}]`];
  if (p.sourceLine !== undefined && p.line) {
    const gutter = String(p.line);
    const pad = ' '.repeat(gutter.length);
    const col = Math.max(1, p.col ?? 1);
    const caretLength = Math.max(1, Math.min(p.length ?? 1, Math.max(1, p.sourceLine.length - col + 1)));
    lines.push(`  ${gutter} | ${p.sourceLine}`);
    lines.push(`  ${pad} | ${' '.repeat(col - 1)}${'^'.repeat(caretLength)}`);
  }
  if (p.hint) lines.push(...p.hint.split('\n').map((h, i) => (i === 0 ? `  hint: ${h}` : `  ${h}`)));
  return `${lines.join('\n')}\n`;
}

function jsonProblem(p: Problem): Record<string, unknown> {
  const { sourceLine: _source, ...rest } = p;
  return rest;
}

function githubProblem(p: Problem): string {
  const props = [p.file ? `file=${p.file}` : '', p.line ? `line=${p.line}` : '', p.col ? `col=${p.col}` : '', `title=${p.code}`]
    .filter(Boolean)
    .join(',');
  const text = `${p.pointer ? `${p.pointer}: ` : ''}${p.message}${p.hint ? ` (hint: ${p.hint})` : ''}`;
  return `::error ${props}::${text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`;
}

export function problemSummary(problems: readonly Problem[], files: number): string {
  const n = problems.length;
  return `${n} problem${n === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
}
