/** `tradelab status [file]`: each stage cached or stale, and exactly why. */
import { ArtifactStore } from '../../engine/artifact-store.js';
import { pipelineStatus } from '../../engine/stage-status.js';
import { openPipeline } from '../open-pipeline.js';
import { problemSummary, renderProblems } from '../render-problems.js';
import { projectRoot, storeRoot } from '../store-location.js';

export async function statusCommand(file: string, options: { json?: boolean; store?: string }): Promise<number> {
  const store = new ArtifactStore(storeRoot(options.store));
  const opened = await openPipeline(file, [], { store });
  if (!opened.ok) {
    process.stderr.write(renderProblems(opened.problems, 'text'));
    process.stderr.write(`${problemSummary(opened.problems, 1)}\n`);
    return 2;
  }
  const states = await pipelineStatus(opened.pipeline, store, projectRoot());
  store.saveStatCache();
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ pipeline: opened.pipeline.name, stages: states }, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...states.map((s) => s.id.length));
  for (const s of states) {
    const mark = s.state === 'cached' ? '=' : '*';
    process.stdout.write(`${mark} ${s.id.padEnd(width)}  ${s.state.padEnd(6)}  ${s.reasons.join('; ')}\n`);
  }
  const stale = states.filter((s) => s.state === 'stale').length;
  process.stdout.write(`${states.length - stale} cached, ${stale} stale\n`);
  return 0;
}
