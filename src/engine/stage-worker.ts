/**
 * The child process that runs one stage: `node stage-worker.js <job.json>`.
 * 1. read the job, import the stage's run module;
 * 2. build the `StageContext` (inputs, outputs written under the job's work dir, seeded
 *    random numbers, progress and logs to the parent);
 * 3. run it; check every declared output was written; report `done` or `error` over IPC.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ParquetFileWriter, tableRowGroups } from '../io/parquet-writer.js';
import type { InputArtifact, OutputValue, StageContext, StageRun, TableWriter } from './contract.js';
import { OutputDigest } from './output-digest.js';
import type { ExecutedOutput, StageJob } from './executor.js';
import { seededRandom } from './seeded-random.js';
import type { WorkerMessage } from './worker-protocol.js';

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });
}

/** What the stage recorded with `ctx.recordRuntime`, sent with `done`. */
const runtimeFacts: Record<string, unknown> = {};

function buildContext(job: StageJob, written: Record<string, ExecutedOutput>, signal: AbortSignal): StageContext {
  const outDir = path.join(job.workDir, 'out');
  mkdirSync(outDir, { recursive: true });
  mkdirSync(job.scratchDir, { recursive: true });
  const single = (port: string): InputArtifact => {
    const list = job.inputs[port];
    if (!list || list.length !== 1) throw new Error(`input '${port}' has ${list?.length ?? 0} artifacts; use ctx.inputs['${port}']`);
    return list[0]!;
  };
  const random = seededRandom(job.seed);
  const claimed = new Set<string>();
  const claim = (port: string): void => {
    if (!(port in job.outputs)) throw new Error(`stage '${job.stageId}' has no output port '${port}'`);
    if (claimed.has(port)) throw new Error(`output '${port}' was written twice`);
    claimed.add(port);
  };
  return {
    stageId: job.stageId,
    kind: job.kind,
    params: job.params,
    inputs: job.inputs,
    input: single,
    files: (param) => job.files[param] ?? [],
    async readTable(port, columns) {
      const { readTableFile } = await import('../io/table-file.js');
      return readTableFile(single(port).path, columns);
    },
    async openTable(port) {
      const { openTableFile } = await import('../io/table-file.js');
      return openTableFile(single(port).path);
    },
    tableWriter(port, metadata = {}) {
      claim(port);
      return tableOutput(path.join(outDir, port), metadata, (output) => (written[port] = output));
    },
    async readJson(port) {
      return JSON.parse(readFileSync(single(port).path, 'utf8')) as unknown;
    },
    async output(port, value) {
      claim(port);
      const target = path.join(outDir, port);
      if (!('columns' in value)) {
        written[port] = writeOutput(target, value);
        return;
      }
      const writer = tableOutput(target, value.metadata ?? {}, (output) => (written[port] = output));
      for (const group of tableRowGroups(value.columns)) await writer.write(group);
      await writer.close();
    },
    scratchDir: job.scratchDir,
    workDir: job.workDir,
    eventsDir: job.eventsDir,
    recordRuntime: (facts) => Object.assign(runtimeFacts, facts),
    projectRoot: job.projectRoot,
    random,
    seed: job.seed,
    log: (message) => process.stdout.write(`${message}\n`),
    progress: (update) => void send({ type: 'progress', ...update }),
    signal,
  };
}

/** A Parquet output hashed and synced on a second thread while it is written. */
function tableOutput(target: string, metadata: Record<string, string>, done: (output: ExecutedOutput) => void): TableWriter {
  const writer = new ParquetFileWriter(target, metadata);
  const digest = new OutputDigest(target);
  const guard = async <T>(step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (error) {
      digest.abort();
      await writer.abort();
      throw error;
    }
  };
  return {
    write: (columns) =>
      guard(async () => {
        await writer.writeRowGroup(columns);
        digest.advance(writer.written);
      }),
    close: async () => {
      const length = await guard(() => writer.close());
      done({ path: target, format: 'parquet', sha256: await digest.finish(length) });
    },
  };
}

function writeOutput(target: string, value: Exclude<OutputValue, { columns: unknown }>): ExecutedOutput {
  if ('file' in value) {
    copyFileSync(value.file, target);
    return { path: target, format: value.format ?? 'bytes' };
  }
  if ('bytes' in value) {
    writeFileSync(target, value.bytes);
    return { path: target, format: value.format ?? 'bytes' };
  }
  writeFileSync(target, `${JSON.stringify(value.json)}\n`);
  return { path: target, format: 'json' };
}

async function main(jobFile: string): Promise<void> {
  const job = JSON.parse(readFileSync(jobFile, 'utf8')) as StageJob;
  const controller = new AbortController();
  process.on('SIGTERM', () => {
    controller.abort();
    process.exit(143);
  });
  const written: Record<string, ExecutedOutput> = {};
  const module = (await import(pathToFileURL(job.runModule).href)) as { run?: StageRun };
  if (typeof module.run !== 'function') throw new Error(`${job.runModule} does not export run(ctx)`);
  await module.run(buildContext(job, written, controller.signal));
  const missing = Object.keys(job.outputs).filter((port) => !(port in written));
  if (missing.length > 0) throw new Error(`stage finished without writing output ${missing.map((m) => `'${m}'`).join(', ')}`);
  const usage = process.resourceUsage();
  await send({
    type: 'done',
    outputs: written,
    runtime: { ...runtimeFacts, maxRssMb: Math.round(usage.maxRSS / 1024), cpuSeconds: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1e4) / 100 },
  });
}

main(process.argv[2]!).then(
  () => process.exit(0),
  async (error: unknown) => {
    const err = error instanceof Error ? error : new Error(String(error));
    process.stderr.write(`${err.stack ?? err.message}\n`);
    await send({ type: 'error', message: err.message, ...(err.stack ? { stack: err.stack } : {}) });
    process.exit(1);
  },
);
