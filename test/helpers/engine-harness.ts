/**
 * Runs pipelines in-process against a temp store, as the CLI would, for engine tests.
 * Stage processes run the compiled stages in dist/ (built by `npm test`'s pretest).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { ArtifactStore } from '../../src/engine/artifact-store.js';
import { LocalExecutor } from '../../src/engine/local-executor.js';
import { loadPipeline } from '../../src/engine/load-pipeline.js';
import type { Override } from '../../src/engine/overrides.js';
import type { RunResult } from '../../src/engine/run-events.js';
import { runPipeline, type RunPipelineOptions } from '../../src/engine/run-pipeline.js';
import { validatePipeline, type PipelineSpec } from '../../src/engine/validate-pipeline.js';
import { openWorkspace } from '../../src/cli/open-pipeline.js';

export const REFERENCE_YAML = readFileSync(path.join(import.meta.dirname, '../fixtures/pipelines/reference.yaml'), 'utf8');

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp directory, removed after the test file's tests. */
export function tempDir(prefix = 'tradelab-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export async function specOf(text: string, overrides: Override[] = [], file = 'reference.yaml'): Promise<PipelineSpec> {
  const ws = await openWorkspace();
  const result = validatePipeline(loadPipeline(file, text), { ...ws, overrides });
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.code} ${p.message}`).join('\n'));
  return result.pipeline;
}

export interface Harness {
  root: string;
  store: ArtifactStore;
  run(text: string, options?: Partial<RunPipelineOptions> & { overrides?: Override[]; env?: Record<string, string>; maxMemoryMb?: number }): Promise<RunResult>;
}

export function harness(root = tempDir()): Harness {
  const storeDir = path.join(root, 'artifacts');
  return {
    root,
    get store() {
      return new ArtifactStore(storeDir);
    },
    async run(text, options = {}) {
      const { overrides, env, maxMemoryMb, ...rest } = options;
      return runPipeline({
        pipeline: await specOf(text, overrides),
        store: new ArtifactStore(storeDir),
        projectRoot: root,
        executor: new LocalExecutor({ ...(env ? { env } : {}), ...(maxMemoryMb ? { maxMemoryMb } : {}) }),
        jobs: 2,
        ...rest,
      });
    },
  };
}

export function executedIds(result: RunResult): string[] {
  return result.stages.filter((s) => s.status === 'succeeded').map((s) => s.id).sort();
}

export function keysOf(result: RunResult): Record<string, string | undefined> {
  return Object.fromEntries(result.stages.map((s) => [s.id, s.key]));
}

/** path -> "size:mtime" of every file under dir, to prove a run changed nothing. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const s = statSync(full);
        out[path.relative(dir, full)] = `${s.size}:${s.mtimeMs}`;
      }
    }
  };
  walk(dir);
  return out;
}
