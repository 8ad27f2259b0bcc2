/**
 * Stage keys. A key is the SHA-256 of the canonical JSON of everything that can change a
 * stage's outputs: kind, version, code fingerprint, params after defaults, the ids of
 * its input artifacts by port, and the content hashes of the files its params name.
 * Stage ids, YAML formatting, paths of the checkout, hosts and times are not in it.
 */
import type { JsonSchema, Params } from './contract.js';
import { hashValue } from './canonical-json.js';

export interface KeyPreimage {
  kind: string;
  version: number;
  code: string;
  params: Params;
  /** Input artifact ids by port; a list for ports that take several. */
  inputs: Record<string, string | string[]>;
  /** Upstream `stage.port` names by port, for ports declared `named` only (absent otherwise). */
  names?: Record<string, string[]>;
  /** SHA-256 of each file the params name, by `<param>:<path relative to the project root>`. */
  files: Record<string, string>;
}

export function stageKey(preimage: KeyPreimage): string {
  return hashValue(preimage);
}

/** The paths or glob patterns one param names (schema property annotated `x-file`). */
export interface FileParam {
  param: string;
  /** As written: relative to the project root unless absolute; `*`, `?` and `**` expand. */
  patterns: string[];
}

/**
 * The files named by top-level params whose schema carries `"x-file": true`, or
 * `"x-file": { "except": [...] }` for params that may instead hold one of those words
 * (e.g. `source: synthetic`).
 */
export function fileParams(schema: JsonSchema, params: Params): FileParam[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const out: FileParam[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const marker = property['x-file'] as boolean | { except?: string[] } | undefined;
    if (!marker) continue;
    const except = typeof marker === 'object' ? (marker.except ?? []) : [];
    const value = params[name];
    const patterns = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && !except.includes(v));
    if (patterns.length > 0) out.push({ param: name, patterns });
  }
  return out;
}

export interface KeyDifference {
  what: 'kind' | 'version' | 'code' | 'param' | 'input' | 'file';
  path: string;
  before?: unknown;
  after?: unknown;
}

/** What changed between two preimages: each param path old -> new, each input, each file. */
export function diffPreimages(before: KeyPreimage, after: KeyPreimage): KeyDifference[] {
  const out: KeyDifference[] = [];
  if (before.kind !== after.kind) out.push({ what: 'kind', path: 'kind', before: before.kind, after: after.kind });
  if (before.version !== after.version) out.push({ what: 'version', path: 'version', before: before.version, after: after.version });
  if (before.code !== after.code) out.push({ what: 'code', path: 'code', before: before.code, after: after.code });
  diffValues(before.params, after.params, '', out);
  diffRecords(before.inputs, after.inputs, 'input', out);
  diffRecords(before.names ?? {}, after.names ?? {}, 'input', out);
  diffRecords(before.files, after.files, 'file', out);
  return out;
}

function diffRecords(a: Record<string, unknown>, b: Record<string, unknown>, what: 'input' | 'file', out: KeyDifference[]): void {
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (hashValue(a[name] ?? null) !== hashValue(b[name] ?? null)) out.push({ what, path: name, before: a[name], after: b[name] });
  }
}

function diffValues(a: unknown, b: unknown, path: string, out: KeyDifference[]): void {
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      diffValues(a[k], b[k], path ? `${path}.${k}` : k, out);
    }
    return;
  }
  if (hashValue(a ?? null) !== hashValue(b ?? null)) out.push({ what: 'param', path, before: a, after: b });
}
