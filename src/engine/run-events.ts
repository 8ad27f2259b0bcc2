/**
 * What a run reports while it goes. The terminal view, the plain-line printer, the JSON
 * summary and the tests are all observers of this one union.
 */
import type { Problem } from './errors.js';
import type { StoredOutput } from './artifact-store.js';

/** The one status vocabulary of tradelab. */
export type StageStatus = 'pending' | 'running' | 'cached' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface StageOutcome {
  id: string;
  kind: string;
  status: StageStatus;
  key?: string;
  outputs?: Record<string, StoredOutput>;
  seconds: number;
  /** Why the stage ended as it did: "unchanged", "early cutoff: ...", "upstream 'x' failed". */
  reason?: string;
  error?: Problem;
  log?: string;
  /** What the stage process reported about itself (peak RSS in MB, CPU seconds, backend). */
  runtime?: Record<string, unknown>;
  /** Wall-clock start and end of execution (ms since epoch), for executed stages. */
  startedAt?: number;
  finishedAt?: number;
}

export type RunStatus = 'succeeded' | 'failed' | 'cancelled';

export interface RunResult {
  runId: string;
  pipeline: string;
  status: RunStatus;
  stages: StageOutcome[];
  /** Stages actually executed (not served from the cache). */
  executed: number;
  /** Files and objects read to compute their hash (stat-cache misses). */
  filesHashed: number;
  dryRun: boolean;
}

export type RunEvent =
  | { type: 'run-started'; pipeline: string; stages: { id: string; kind: string }[]; jobs: number }
  | { type: 'stage-started'; id: string; kind: string; key: string }
  | { type: 'stage-progress'; id: string; done: number; total?: number; message?: string }
  | { type: 'stage-log'; id: string; line: string }
  | { type: 'stage-finished'; outcome: StageOutcome }
  | { type: 'run-finished'; result: RunResult };

export type RunObserver = (event: RunEvent) => void;
