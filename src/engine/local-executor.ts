/**
 * Runs each stage in its own Node child process (execa), so a crash, an out-of-memory
 * or a timeout ends that stage only. Output goes to the stage's log file; the last lines
 * of it are kept for the error message.
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compiledSibling } from './contract.js';
import { TradelabError } from './errors.js';
import type { ExecuteOptions, ExecutionResult, Executor, StageJob } from './executor.js';
import { JOB_FILE, type WorkerMessage } from './worker-protocol.js';

const WORKER = compiledSibling(import.meta.url, './stage-worker.js');
const TAIL_LINES = 15;

export interface LocalExecutorOptions {
  /** Extra environment for stage processes. */
  env?: Record<string, string>;
  /** Heap limit of each stage process in MiB; past it the stage fails as out of memory. */
  maxMemoryMb?: number;
}

export class LocalExecutor implements Executor {
  constructor(private readonly options: LocalExecutorOptions = {}) {}

  async execute(job: StageJob, options: ExecuteOptions): Promise<ExecutionResult> {
    const { execaNode } = await import('execa');
    const jobFile = path.join(job.workDir, JOB_FILE);
    writeFileSync(jobFile, JSON.stringify(job));
    mkdirSync(path.dirname(job.logPath), { recursive: true });
    const log = createWriteStream(job.logPath, { flags: 'w' });
    const tail: string[] = [];
    let done: ExecutionResult | undefined;
    let reported: string | undefined;

    const child = execaNode(WORKER, [jobFile], {
      cwd: job.projectRoot,
      ipc: true,
      serialization: 'json',
      reject: false,
      buffer: false,
      all: true,
      cancelSignal: options.signal,
      forceKillAfterDelay: 3000,
      ...(job.timeoutSeconds ? { timeout: job.timeoutSeconds * 1000 } : {}),
      nodeOptions: this.options.maxMemoryMb ? [`--max-old-space-size=${this.options.maxMemoryMb}`] : [],
      env: { ...this.options.env, TRADELAB_STAGE_ID: job.stageId },
    });
    child.on('message', (raw: unknown) => {
      const message = raw as WorkerMessage;
      if (message.type === 'progress') options.onProgress(message);
      else if (message.type === 'done') done = { outputs: message.outputs, ...(message.runtime ? { runtime: message.runtime } : {}) };
      else if (message.type === 'error') reported = message.message;
    });
    let pending = '';
    child.all?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        // Stack frames stay in the log file; the console shows the message above them.
        if (/^\s+at .+/.test(line)) continue;
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
        options.onLog(line);
      }
    });
    const result = await child;
    if (pending) tail.push(pending);
    await new Promise<void>((resolve) => log.end(resolve));
    if (result.exitCode === 0 && done) return done;
    throw new TradelabError({
      code: 'E_STAGE_FAILED',
      message: `stage '${job.stageId}' (${job.kind}) ${describeEnd(result, job, reported)}`,
      hint: `${tail.length > 0 ? `last output:\n${tail.map((l) => `    ${l}`).join('\n')}\n` : ''}log: ${job.logPath}`,
    });
  }
}

interface EndState {
  exitCode?: number;
  signal?: string;
  timedOut: boolean;
  isCanceled: boolean;
}

function describeEnd(result: EndState, job: StageJob, reported: string | undefined): string {
  if (result.isCanceled) return 'was cancelled';
  if (result.timedOut) return `timed out after ${job.timeoutSeconds} s and was killed`;
  if (result.signal) return `was killed by ${result.signal}${result.signal === 'SIGKILL' ? ' (out of memory, or killed from outside)' : ''}`;
  if (reported) return `failed: ${reported}`;
  if (result.exitCode === 0) return 'exited without reporting its outputs';
  return `exited with code ${result.exitCode}`;
}
