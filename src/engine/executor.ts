/**
 * The seam between planning and execution. The runner hands an `Executor` only stale
 * stages; the local executor runs each in a child process on this machine. A distributed
 * executor (a job queue with workers on GPU hosts) would implement the same interface.
 */
import type { ArtifactFormat, InputArtifact, OutputPort, Params, ProgressUpdate } from './contract.js';

export interface StageJob {
  stageId: string;
  kind: string;
  key: string;
  runModule: string;
  params: Params;
  inputs: Record<string, InputArtifact[]>;
  /** Absolute paths of the files each `x-file` param names (patterns expanded), as hashed into the key. */
  files: Record<string, string[]>;
  outputs: Record<string, OutputPort>;
  /** Private staging directory; outputs are written under `<workDir>/out/`. */
  workDir: string;
  scratchDir: string;
  /** TensorBoard event files of this execution (see StageContext.eventsDir). */
  eventsDir: string;
  projectRoot: string;
  seed: number;
  logPath: string;
  timeoutSeconds?: number;
}

export interface ExecutedOutput {
  path: string;
  format: ArtifactFormat;
  /** SHA-256 of the file when the worker computed it while writing (table outputs). */
  sha256?: string;
}

export interface ExecuteOptions {
  signal: AbortSignal;
  onProgress(update: ProgressUpdate): void;
  onLog(line: string): void;
}

export interface ExecutionResult {
  outputs: Record<string, ExecutedOutput>;
  runtime?: Record<string, unknown>;
}

export interface Executor {
  /** Runs one stage; rejects with a `TradelabError` (E_STAGE_FAILED) when it fails. */
  execute(job: StageJob, options: ExecuteOptions): Promise<ExecutionResult>;
}
