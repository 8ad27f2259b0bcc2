/** Messages a stage's child process sends to the runner over IPC. */
import type { ProgressUpdate } from './contract.js';
import type { ExecutionResult } from './executor.js';

export type WorkerMessage =
  | ({ type: 'progress' } & ProgressUpdate)
  | ({ type: 'done' } & ExecutionResult)
  | { type: 'error'; message: string; code?: string; stack?: string };

export const JOB_FILE = 'job.json';
