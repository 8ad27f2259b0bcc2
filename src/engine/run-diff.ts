/**
 * What changed between two recorded runs, stage by stage.
 * 1. pair the stages of both manifests by id (stages only in one run are listed as such);
 * 2. a stage whose key is the same in both is unchanged;
 * 3. otherwise explain the key change from the two cache entries' key preimages (param path
 *    old -> new, input changed because upstream X changed, code, version, file content);
 *    when an entry is gone (gc), fall back to the manifests' resolved stages.
 * Knows nothing of markets: metrics are the caller's business.
 */
import type { ArtifactStore } from './artifact-store.js';
import type { ResolvedStage, RunManifest } from './run-manifest.js';
import { diffPreimages, type KeyDifference, type KeyPreimage } from './stage-key.js';

/** One stage of a run diff. */
export interface StageDiff {
  id: string;
  kind: string;
  /** `both`, or the one run (`a` or `b`) the stage appears in. */
  presence: 'both' | 'a' | 'b';
  keyA?: string;
  keyB?: string;
  /** True when the stage's key differs (or it is in one run only). */
  changed: boolean;
  /** Why, in words: `param by: 0.5 -> 0.25`, `input 'numbers' changed because upstream 'd' changed`. */
  reasons: string[];
  /** The machine-readable differences behind `reasons` (empty when unknown). */
  differences: KeyDifference[];
}

/** The result of `diffRuns`. */
export interface RunDiff {
  a: RunManifest;
  b: RunManifest;
  stages: StageDiff[];
}

type ManifestStage = RunManifest['stages'][number];

/** Compares two runs of the same store stage by stage. */
export function diffRuns(store: ArtifactStore, a: RunManifest, b: RunManifest): RunDiff {
  const stagesA = new Map(a.stages.map((s) => [s.id, s]));
  const stagesB = new Map(b.stages.map((s) => [s.id, s]));
  const resolvedA = new Map(a.resolved.map((s) => [s.id, s]));
  const resolvedB = new Map(b.resolved.map((s) => [s.id, s]));
  const ids = [...new Set([...b.resolved.map((s) => s.id), ...a.resolved.map((s) => s.id), ...stagesB.keys(), ...stagesA.keys()])];
  const context: DiffContext = { store, stagesA, stagesB, resolvedA, resolvedB };
  return { a, b, stages: ids.map((id) => diffStage(id, context)) };
}

interface DiffContext {
  store: ArtifactStore;
  stagesA: Map<string, ManifestStage>;
  stagesB: Map<string, ManifestStage>;
  resolvedA: Map<string, ResolvedStage>;
  resolvedB: Map<string, ResolvedStage>;
}

function diffStage(id: string, c: DiffContext): StageDiff {
  const sa = c.stagesA.get(id);
  const sb = c.stagesB.get(id);
  const ra = c.resolvedA.get(id);
  const rb = c.resolvedB.get(id);
  const kind = sb?.kind ?? rb?.kind ?? sa?.kind ?? ra?.kind ?? '?';
  const keys = { ...(sa?.key ? { keyA: sa.key } : {}), ...(sb?.key ? { keyB: sb.key } : {}) };
  if (!(sa || ra)) return { id, kind, presence: 'b', ...keys, changed: true, reasons: ['only in run B'], differences: [] };
  if (!(sb || rb)) return { id, kind, presence: 'a', ...keys, changed: true, reasons: ['only in run A'], differences: [] };
  if (sa?.key && sa.key === sb?.key) return { id, kind, presence: 'both', ...keys, changed: false, reasons: [], differences: [] };
  const entryA = sa?.key ? c.store.readCacheEntry(sa.key) : undefined;
  const entryB = sb?.key ? c.store.readCacheEntry(sb.key) : undefined;
  const exact = Boolean(entryA && entryB);
  const before = exact ? entryA!.preimage : fromManifest(ra);
  const after = exact ? entryB!.preimage : fromManifest(rb);
  const differences = before && after ? diffPreimages(before, after) : [];
  const reasons = differences.flatMap((d) => (d.what === 'input' ? inputReasons(d, rb ?? ra, c) : [describeDifference(d)]));
  if (!exact) reasons.push(...upstreamReasons(rb ?? ra, c, reasons));
  if (!sa?.key || !sb?.key) reasons.push(`no key in run ${sa?.key ? 'B' : 'A'} (the stage did not get to run: ${(sa?.key ? sb : sa)?.status ?? 'unknown'})`);
  if (reasons.length === 0) reasons.push(exact ? 'key changed' : 'code or file contents changed (cache entries are gone, so the exact cause is unknown)');
  return { id, kind, presence: 'both', ...keys, changed: true, reasons, differences };
}

/** A key preimage rebuilt from the manifest's resolved stage, inputs as wiring (`stage.port`). */
function fromManifest(resolved: ResolvedStage | undefined): KeyPreimage | undefined {
  if (!resolved) return undefined;
  return { kind: resolved.kind, version: resolved.version, code: '', params: resolved.params, inputs: resolved.inputs, files: {} };
}

/** For a changed input port: which upstream stages made it change, or that it was rewired. */
function inputReasons(d: KeyDifference, resolved: ResolvedStage | undefined, c: DiffContext): string[] {
  const port = d.path;
  const refs = resolved?.inputs[port] ?? [];
  const upstream = [...new Set(refs.map((r) => r.split('.')[0]!))];
  const changed = upstream.filter((s) => outputsDiffer(s, c));
  const rewired = JSON.stringify(c.resolvedA.get(resolved?.id ?? '')?.inputs[port] ?? []) !== JSON.stringify(c.resolvedB.get(resolved?.id ?? '')?.inputs[port] ?? []);
  if (rewired) {
    const from = c.resolvedA.get(resolved!.id)?.inputs[port]?.join(', ') || '(none)';
    const to = c.resolvedB.get(resolved!.id)?.inputs[port]?.join(', ') || '(none)';
    return [`input '${port}' rewired: ${from} -> ${to}`];
  }
  if (changed.length === 0) return [`input '${port}' changed`];
  return changed.map((s) => `input '${port}' changed because upstream '${s}' ${keyOf(c.stagesA, s) === keyOf(c.stagesB, s) ? 'produced different output with the same key' : 'changed'}`);
}

/** Without exact preimages: name upstream stages whose key changed (once each). */
function upstreamReasons(resolved: ResolvedStage | undefined, c: DiffContext, already: string[]): string[] {
  if (!resolved) return [];
  const out: string[] = [];
  for (const [port, refs] of Object.entries(resolved.inputs)) {
    for (const stage of new Set(refs.map((r) => r.split('.')[0]!))) {
      const text = `input '${port}' changed because upstream '${stage}' changed`;
      if (keyOf(c.stagesA, stage) !== keyOf(c.stagesB, stage) && !already.includes(text) && !out.includes(text)) out.push(text);
    }
  }
  return out;
}

function outputsDiffer(stage: string, c: DiffContext): boolean {
  const ids = (m: Map<string, ManifestStage>): string => JSON.stringify(Object.entries(m.get(stage)?.outputs ?? {}).map(([p, o]) => [p, o.id]));
  return ids(c.stagesA) !== ids(c.stagesB) || keyOf(c.stagesA, stage) !== keyOf(c.stagesB, stage);
}

function keyOf(stages: Map<string, ManifestStage>, id: string): string | undefined {
  return stages.get(id)?.key;
}

/** One key difference in words (inputs are explained by `diffRuns` with their upstream). */
export function describeDifference(d: KeyDifference): string {
  const short = (v: unknown): string => (v === undefined ? '(unset)' : JSON.stringify(v));
  switch (d.what) {
    case 'param':
      return `param ${d.path}: ${short(d.before)} -> ${short(d.after)}`;
    case 'input':
      return `input '${d.path}' changed`;
    case 'file': {
      const cut = d.path.indexOf(':');
      const change = d.before === undefined ? 'added' : d.after === undefined ? 'no longer named' : 'content changed';
      return `file ${d.path.slice(cut + 1)} (param ${d.path.slice(0, cut)}) ${change}`;
    }
    case 'code':
      return `stage code changed (fingerprint ${String(d.before).slice(0, 12)} -> ${String(d.after).slice(0, 12)})`;
    case 'version':
      return `stage version ${short(d.before)} -> ${short(d.after)}`;
    default:
      return `stage kind ${short(d.before)} -> ${short(d.after)}`;
  }
}
