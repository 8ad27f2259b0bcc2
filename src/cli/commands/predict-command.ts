/**
 * `tradelab predict <run> --model <stage> --data <prices> [--out file] [--backend b]`: the
 * trained model of one stage of a recorded run applied to new prices.
 * 1. find the run (an id prefix) and the model stage in its manifest;
 * 2. walk the manifest's resolved stages upstream of the model to the `normalize`, `split`,
 *    `indicators` and `ingest` stages that made its inputs, with their recorded params, and
 *    find the model and scaling-statistics artifacts in the store;
 * 3. hand that to the inference code (reached through the stage registry, loaded lazily) on
 *    the backend the run trained on, unless `--backend` says otherwise;
 * 4. print each ticker's signal for its latest date, and write them to `--out` (CSV,
 *    Parquet or JSON). Data the model cannot use is an `E_DATA` error: exit 2.
 * An RL policy (train-ppo, train-dqn) is replayed greedily over each ticker's rows from
 * flat, and its signal is the action decided at the last date's close with the position and
 * equity then (`predictPolicySignals`).
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ArtifactStore } from '../../engine/artifact-store.js';
import { suggestion } from '../../engine/did-you-mean.js';
import { fail } from '../../engine/errors.js';
import { findRun } from '../../engine/run-history.js';
import type { ResolvedStage, RunManifest } from '../../engine/run-manifest.js';
import { loadInference } from '../../../stages/registry.js';
import { storeRoot } from '../store-location.js';

// The inference types come through the registry's loader, so the CLI imports no stage file but the registry.
type PredictSignals = Awaited<ReturnType<typeof loadInference>>['predictSignals'];
type PredictRequest = Parameters<PredictSignals>[0];
type PredictResult = Awaited<ReturnType<PredictSignals>>;
type PolicyResult = Awaited<ReturnType<Awaited<ReturnType<typeof loadInference>>['predictPolicySignals']>>;
type RecordedStage = PredictRequest['ingest'];

export interface PredictOptions {
  model: string;
  data: string;
  out?: string;
  backend?: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  json?: boolean;
  store?: string;
}

const RL_KINDS = ['train-ppo', 'train-dqn'];
const UPSTREAM_KINDS = ['normalize', 'split', 'indicators', 'ingest'] as const;

export async function predictCommand(runPrefix: string, options: PredictOptions): Promise<number> {
  const outFormat = options.out === undefined ? undefined : formatOf(options.out);
  const store = new ArtifactStore(storeRoot(options.store));
  const run = findRun(store, runPrefix);
  const request = requestFor(store, run, options);
  const inference = await loadInference();
  if (RL_KINDS.includes(run.resolved.find((s) => s.id === options.model)!.kind)) {
    const policy = await inferred(() => inference.predictPolicySignals(request));
    const rows = policy.signals.map((s) => ({ ticker: s.ticker, date: s.date, action: s.action, action_name: s.actionName, position: s.position, equity: s.equity, from: s.from, steps: s.steps }));
    if (options.json) process.stdout.write(`${JSON.stringify({ run: run.id, model: options.model, kind: policy.modelKind, backend: policy.backend, signals: rows }, null, 2)}\n`);
    else process.stdout.write(renderPolicy(run, options.model, policy));
    if (options.out && outFormat) {
      await writeSignals(options.out, outFormat, rows);
      if (!options.json) process.stdout.write(`wrote ${options.out} (${rows.length} row${rows.length === 1 ? '' : 's'})\n`);
    }
    return 0;
  }
  const result: PredictResult = await inferred(() => inference.predictSignals(request));
  const records = result.signals.map((s) => ({
    ticker: s.ticker,
    date: s.date,
    predicted: s.predicted,
    ...Object.fromEntries(s.probabilities.map((p, c) => [`prob_${c}`, p])),
  }));
  if (options.json) process.stdout.write(`${JSON.stringify({ run: run.id, model: options.model, kind: result.modelKind, backend: result.backend, classes: result.classNames, ...(result.horizon === undefined ? {} : { horizon: result.horizon }), signals: records }, null, 2)}\n`);
  else process.stdout.write(renderSignals(run, options.model, result));
  if (options.out && outFormat) {
    await writeSignals(options.out, outFormat, records);
    if (!options.json) process.stdout.write(`wrote ${options.out} (${records.length} row${records.length === 1 ? '' : 's'})\n`);
  }
  return 0;
}

/** Runs the inference, turning its `InferenceInputError` into an `E_DATA` (or, for the backend, `E_USAGE`) error. */
async function inferred<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const e = error as Error & { hint?: string; file?: string; problem?: 'data' | 'backend' };
    if (e.name !== 'InferenceInputError') throw error;
    return fail(e.problem === 'backend' ? 'E_USAGE' : 'E_DATA', e.message, { ...(e.file ? { file: e.file } : {}), ...(e.hint ? { hint: e.hint } : {}) });
  }
}

function formatOf(out: string): 'csv' | 'parquet' | 'json' {
  const ext = path.extname(out).toLowerCase();
  if (ext === '.csv' || ext === '.json') return ext.slice(1) as 'csv' | 'json';
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  return fail('E_USAGE', `cannot tell the format of '${out}'`, { hint: 'name the output *.csv, *.parquet or *.json' });
}

/** Everything the inference needs from the run: recorded params, artifact paths, the backend. */
function requestFor(store: ArtifactStore, run: RunManifest, options: PredictOptions): PredictRequest {
  const byId = new Map(run.resolved.map((s) => [s.id, s]));
  const model = byId.get(options.model);
  const models = run.resolved.filter((s) => s.kind.startsWith('train-')).map((s) => s.id);
  if (!model) fail('E_NOT_FOUND', `run ${run.id} has no stage '${options.model}'`, { hint: suggestion(options.model, models.length ? models : [...byId.keys()], 'model stages') });
  if (model.kind !== 'train-lstm' && model.kind !== 'train-transformer' && !RL_KINDS.includes(model.kind)) {
    fail('E_USAGE', `stage '${model.id}' is a ${model.kind} stage, not a trained model`, { hint: `name one of the run's model stages with --model: ${models.join(', ') || '(none)'}` });
  }
  const upstream = upstreamOf(model, byId);
  const ingest = upstream.get('ingest');
  const indicators = upstream.get('indicators');
  if (!ingest || !indicators) {
    fail('E_USAGE', `the inputs of '${model.id}' do not come from an ingest -> indicators chain in run ${run.id}`, { hint: 'predict recomputes features with the run\'s ingest and indicators settings; a model fed by other stages (e.g. `command`) cannot be served' });
  }
  const normalize = upstream.get('normalize');
  const split = upstream.get('split');
  const backend = recordedBackend(run, model.id);
  return {
    model: { ...recorded(model), artifact: artifactPath(store, run, model.id, 'model') },
    ingest: recorded(ingest),
    indicators: recorded(indicators),
    ...(split ? { split: recorded(split) } : {}),
    ...(normalize ? { normalize: { ...recorded(normalize), stats: artifactPath(store, run, normalize.id, 'stats') } } : {}),
    data: { path: path.resolve(options.data), name: options.data },
    backend: options.backend ?? backend.name ?? ((model.params.backend as PredictRequest['backend'] | undefined) ?? 'auto'),
    ...(backend.threads && !options.backend ? { threads: backend.threads } : {}),
    log: (message) => process.stderr.write(`${message}\n`),
  };
}

/** The nearest stage of each upstream kind, walking `in:` references breadth-first from the model. */
function upstreamOf(model: ResolvedStage, byId: Map<string, ResolvedStage>): Map<string, ResolvedStage> {
  const found = new Map<string, ResolvedStage>();
  const queue = [model];
  const seen = new Set<string>([model.id]);
  while (queue.length > 0) {
    const stage = queue.shift()!;
    for (const refs of Object.values(stage.inputs)) {
      for (const ref of refs) {
        const parent = byId.get(ref.slice(0, ref.lastIndexOf('.')));
        if (!parent || seen.has(parent.id)) continue;
        seen.add(parent.id);
        if ((UPSTREAM_KINDS as readonly string[]).includes(parent.kind) && !found.has(parent.kind)) found.set(parent.kind, parent);
        queue.push(parent);
      }
    }
  }
  return found;
}

function recorded(stage: ResolvedStage): RecordedStage {
  return { id: stage.id, kind: stage.kind, params: stage.params };
}

function artifactPath(store: ArtifactStore, run: RunManifest, stageId: string, port: string): string {
  const output = run.stages.find((s) => s.id === stageId)?.outputs?.[port];
  if (!output) fail('E_NOT_FOUND', `run ${run.id} recorded no '${port}' output of stage '${stageId}' (it did not finish)`, { hint: 'predict with a run whose model stage succeeded: `tradelab runs`' });
  const file = store.objectPath(output.id);
  if (!existsSync(file)) fail('E_STORE', `artifact ${output.id.slice(0, 16)} (${stageId}.${port}) is no longer in ${store.root}`, { hint: `re-create it: tradelab run ${run.file} --only ${stageId}` });
  return file;
}

function recordedBackend(run: RunManifest, stageId: string): { name?: 'tensorflow' | 'wasm' | 'cpu'; threads?: number } {
  const backend = run.runtime[stageId]?.backend as { name?: 'tensorflow' | 'wasm' | 'cpu'; threads?: number } | undefined;
  return backend ?? {};
}

function renderSignals(run: RunManifest, stage: string, result: PredictResult): string {
  const ahead = result.horizon === undefined ? '' : ` of the ${result.horizon}-day forward return`;
  const head = [
    `model ${stage} (${result.modelKind}) of run ${run.id}, ${result.backend}, windows of ${result.lookback} days`,
    `classes${ahead}: ${result.classNames.map((name, c) => `prob_${c} ${name}`).join(', ')}; each signal is decided at the close of its date`,
  ].join('\n');
  const classes = Array.from({ length: result.classes }, (_, c) => `prob_${c}`);
  const rows = [['ticker', 'date', 'predicted', ...classes], ...result.signals.map((s) => [s.ticker, s.date, String(s.predicted), ...s.probabilities.map((p) => p.toFixed(6))])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return `${head}\n${rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n')}\n`;
}

function renderPolicy(run: RunManifest, stage: string, result: PolicyResult): string {
  const head = [
    `policy ${stage} (${result.modelKind}) of run ${run.id}, ${result.backend}, ${result.observation === 'window' ? `windows of ${result.lookback} days` : 'the last row'}`,
    `replayed greedily from flat (${result.initialCash} cash) over each ticker's rows, fills at the next ${result.opens ? 'open' : 'close (the file has no opens)'}; each action is decided at the close of its date`,
  ].join('\n');
  const rows = [['ticker', 'date', 'action', 'name', 'position', 'equity', 'from', 'steps'], ...result.signals.map((s) => [s.ticker, s.date, String(s.action), s.actionName, s.position.toFixed(4), s.equity.toFixed(2), s.from, String(s.steps)])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return `${head}\n${rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n')}\n`;
}

async function writeSignals(out: string, format: 'csv' | 'parquet' | 'json', records: Record<string, unknown>[]): Promise<void> {
  if (format === 'json') {
    writeFileSync(out, `${JSON.stringify(records, null, 2)}\n`);
    return;
  }
  const { recordsToTable } = await import('../../io/json-table.js');
  const table = recordsToTable(records);
  if (format === 'csv') writeFileSync(out, (await import('../../io/csv.js')).tableToCsv(table));
  else writeFileSync(out, (await import('../../io/parquet.js')).writeParquet(table));
}
