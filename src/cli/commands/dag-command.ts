/** `tradelab dag [file]`: the stage graph as text, Mermaid or Graphviz dot. */
import type { PipelineSpec } from '../../engine/validate-pipeline.js';
import { openPipeline } from '../open-pipeline.js';
import { problemSummary, renderProblems } from '../render-problems.js';

export async function dagCommand(file: string, options: { format?: 'text' | 'mermaid' | 'dot' }): Promise<number> {
  const opened = await openPipeline(file);
  if (!opened.ok) {
    process.stderr.write(renderProblems(opened.problems, 'text'));
    process.stderr.write(`${problemSummary(opened.problems, 1)}\n`);
    return 2;
  }
  const format = options.format ?? 'text';
  process.stdout.write(format === 'mermaid' ? mermaid(opened.pipeline) : format === 'dot' ? dot(opened.pipeline) : text(opened.pipeline));
  return 0;
}

function edges(pipeline: PipelineSpec): { from: string; to: string; label: string }[] {
  return pipeline.stages.flatMap((s) => s.inputs.flatMap((b) => b.refs.map((r) => ({ from: r.stage, to: s.id, label: `${r.port} -> ${b.port}` }))));
}

function text(pipeline: PipelineSpec): string {
  const lines = [`${pipeline.name}: ${pipeline.stages.length} stages`];
  for (const s of pipeline.stages) {
    const ins = s.inputs.flatMap((b) => b.refs.map((r) => `${b.port} <- ${r.stage}.${r.port}`));
    lines.push(`  ${s.id} [${s.kind}]${ins.length ? `  ${ins.join(', ')}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function mermaid(pipeline: PipelineSpec): string {
  const id = (s: string): string => s.replace(/[^A-Za-z0-9_]/g, '_');
  const lines = ['flowchart LR'];
  for (const s of pipeline.stages) lines.push(`  ${id(s.id)}["${s.id}<br/><small>${s.kind}</small>"]`);
  for (const e of edges(pipeline)) lines.push(`  ${id(e.from)} -->|${e.label}| ${id(e.to)}`);
  return `${lines.join('\n')}\n`;
}

function dot(pipeline: PipelineSpec): string {
  const lines = [`digraph "${pipeline.name}" {`, '  rankdir=LR;', '  node [shape=box];'];
  for (const s of pipeline.stages) lines.push(`  "${s.id}" [label="${s.id}\\n${s.kind}"];`);
  for (const e of edges(pipeline)) lines.push(`  "${e.from}" -> "${e.to}" [label="${e.label}"];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
