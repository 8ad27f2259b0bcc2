/**
 * The stage SDK: everything a stage kind declares and everything its `run` receives.
 * This is the only engine file a stage imports.
 *
 * A stage kind is split in two so the CLI starts fast:
 * 1. a `StageDefinition` (metadata: ports, params schema, resource class, the path of its
 *    run module), imported by the registry on every CLI start;
 * 2. a run module exporting `run(ctx)`, imported only inside the stage's child process.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Column, ColumnTable } from '../io/column.js';
import type { TableSource } from '../io/table-file.js';

/**
 * A port type names what flows along an edge (`prices`, `features`, `dataset`, `model`,
 * `predictions`, `actions`, `backtest`, `report`, `file`, ...). The engine only compares
 * them: an output may feed an input of the same type, or an input typed `any`.
 */
export type PortType = string;

export interface InputPort {
  type: PortType;
  /** The port takes a list of artifacts (`in: { signals: [a.x, b.y] }`). */
  multiple?: boolean;
  /** The stage can run without it. */
  optional?: boolean;
  /**
   * The stage sees each artifact's upstream `stage.port` (`InputArtifact.from`), e.g. to
   * label models in a comparison; those names then join the stage key, so renaming an
   * upstream stage re-runs this one instead of serving results under stale names.
   */
  named?: boolean;
  description?: string;
}

export interface OutputPort {
  type: PortType;
  description?: string;
}

export type ResourceClass = 'cpu' | 'gpu';

/** A JSON Schema object (draft 2020-12 subset understood by ajv). */
export type JsonSchema = Record<string, unknown>;

export type Params = Record<string, unknown>;

export interface StageDefinition {
  kind: string;
  /** Bumped by hand when the stage's semantics change; part of every key. */
  version: number;
  description: string;
  inputs: Record<string, InputPort> | ((params: Params) => Record<string, InputPort>);
  outputs: Record<string, OutputPort> | ((params: Params) => Record<string, OutputPort>);
  /** JSON Schema of `with:`; ajv fills defaults. Property `description`s are the docs. */
  params: JsonSchema;
  resource: ResourceClass;
  /** Absolute path of the compiled module that exports `run(ctx)`. */
  runModule: string;
  /**
   * Fingerprint of the stage's own source; part of every key so a code change re-runs
   * the stage. Built-in stages get it from the build; tests may set it directly.
   */
  codeFingerprint: string;
  /**
   * Checks of params that a JSON Schema cannot say (one value against another), run by
   * `validate` after the schema check with defaults filled. Pure: no I/O.
   */
  check?: (params: Params) => ParamProblem[];
}

/** A problem `check` found: `param` is a path under `with:` such as `label/horizon`. */
export interface ParamProblem {
  param: string;
  message: string;
  hint?: string;
}

/** A stage registry: kind -> definition. The CLI builds it; the engine receives it. */
export type StageRegistry = ReadonlyMap<string, StageDefinition>;

/** One input artifact as the stage sees it: a readable file in the store. */
export interface InputArtifact {
  path: string;
  type: PortType;
  /** Content id (SHA-256 hex) of the artifact. */
  id: string;
  /** `parquet`, `json` or `bytes`. */
  format: ArtifactFormat;
  /** The upstream `stage.port` it came from; set only on ports declared `named`. */
  from?: string;
}

export type ArtifactFormat = 'parquet' | 'json' | 'bytes';

/** What a stage may hand to `ctx.output`. */
export type OutputValue =
  | { file: string; format?: ArtifactFormat }
  | { bytes: Uint8Array; format?: ArtifactFormat }
  | { json: unknown }
  | { columns: readonly [string, Column][]; metadata?: Record<string, string> };

/**
 * A table output written row group by row group, so a stage never holds the whole table:
 * `write` appends one row group (same columns every time; the buffers may be reused once
 * it resolves), `close` finishes the artifact.
 */
export interface TableWriter {
  write(columns: readonly [string, Column][]): Promise<void>;
  close(): Promise<void>;
}

export interface ProgressUpdate {
  done: number;
  total?: number;
  /** Short text such as `epoch 3/20 loss 0.6931`. */
  message?: string;
}

export interface StageContext {
  stageId: string;
  kind: string;
  params: Params;
  /** Inputs by port; a `multiple` port gives several artifacts. */
  inputs: Record<string, InputArtifact[]>;
  /** Convenience: the single artifact of a port (throws when the port is a list or empty). */
  input(port: string): InputArtifact;
  /**
   * The files a file param (`"x-file"` in the params schema) names, as absolute paths with
   * patterns expanded, in sorted order: exactly the files whose content is in the key.
   */
  files(param: string): string[];
  /** Reads a table input whole (or only `columns`) as typed-array columns. */
  readTable(port: string, columns?: readonly string[]): Promise<ColumnTable>;
  /** Opens a table input for reading by row range (streaming through a large table). */
  openTable(port: string): Promise<TableSource>;
  /** Starts a table output written one row group at a time; `metadata` is the schema's. */
  tableWriter(port: string, metadata?: Record<string, string>): TableWriter;
  /** Reads a JSON input. */
  readJson(port: string): Promise<unknown>;
  /** Writes an output port; every declared output must be written exactly once. */
  output(port: string, value: OutputValue): Promise<void>;
  /** A directory that survives an interrupted run of the same key (checkpoints). */
  scratchDir: string;
  /** A directory for files the stage writes before handing them to `output`. */
  workDir: string;
  /**
   * Where training stages write TensorBoard event files:
   * `<store>/logs/tensorboard/<pipeline>/<stage id>@<key prefix>/`, created on first use
   * by the writer (`tensorboard --logdir artifacts/logs/tensorboard`).
   */
  eventsDir: string;
  /** Facts about this execution for the cache entry and the run manifest (e.g. the compute backend). */
  recordRuntime(facts: Record<string, unknown>): void;
  /** The project root: the directory the pipeline's relative paths are resolved against. */
  projectRoot: string;
  /** Deterministic random numbers in [0, 1), seeded from `params.seed` or the stage key. */
  random(): number;
  seed: number;
  log(message: string): void;
  progress(update: ProgressUpdate): void;
  /** Aborted when the run is cancelled or times out. */
  signal: AbortSignal;
}

export type StageRun = (ctx: StageContext) => Promise<void>;

/** Resolves the ports of a definition for given params. */
export function portsOf(definition: StageDefinition, params: Params): {
  inputs: Record<string, InputPort>;
  outputs: Record<string, OutputPort>;
} {
  const inputs = typeof definition.inputs === 'function' ? definition.inputs(params) : definition.inputs;
  const outputs = typeof definition.outputs === 'function' ? definition.outputs(params) : definition.outputs;
  return { inputs, outputs };
}

/**
 * An input accepts an output when the types match, the input takes `any`, or the input
 * names alternatives (`predictions|actions`) and the output is one of them.
 */
export function portAccepts(input: PortType, output: PortType): boolean {
  return input === 'any' || input === output || input.split('|').includes(output);
}

/** The types an input accepts, for messages: `'predictions' or 'actions'`. */
export function describePortType(input: PortType): string {
  return input.split('|').map((t) => `'${t}'`).join(' or ');
}

/**
 * The compiled `.js` path of a module next to `moduleUrl`. When the caller runs from
 * TypeScript source (tests), the path is mapped into `dist/`, where the child process
 * can load it.
 */
export function compiledSibling(moduleUrl: string, relative: string): string {
  const here = fileURLToPath(moduleUrl);
  const target = path.resolve(path.dirname(here), relative.replace(/\.ts$/, '.js'));
  if (!here.endsWith('.ts')) return target;
  return path.join(packageRoot(), 'dist', path.relative(packageRoot(), target));
}

/** The directory holding tradelab's package.json (the source checkout or the installed package). */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the tradelab package root');
    dir = parent;
  }
  root = dir;
  return dir;
}

let root: string | undefined;
