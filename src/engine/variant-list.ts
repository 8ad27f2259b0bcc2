/**
 * The variants a pipeline expands into, before any stage is copied:
 * 1. the variant sets: the base (no overrides) and each named `variants:` entry;
 * 2. each crossed with the cartesian product of the axes (`sweep:`, stages' `seeds:`,
 *    multirun `--set a.with.x=1,2`); a later axis or override of the same key wins;
 * 3. variants with the same overrides are one; each gets an id (hash of its sorted
 *    overrides) and a readable name (`[units=128,lr=0.0003]`).
 * Pure: no filesystem, no processes.
 */
import { canonicalJson, hashValue } from './canonical-json.js';

/** One variant: the base pipeline with these `stage.with.param` overrides. */
export interface Variant {
  /** Hash of the sorted overrides (16 hex digits); the base's is the hash of `[]`. */
  id: string;
  /** `[units=128,lr=0.0003]`, or `base` for no overrides; `from` prefixes a named variant. */
  name: string;
  /** The named `variants:` entry it starts from, if any. */
  from?: string;
  /** Override key -> value, in a stable order (named variant's keys, then the axes'). */
  overrides: Record<string, unknown>;
}

/** What a plan expands: named variants and the cartesian axes. */
export interface VariantSource {
  variants: Record<string, Record<string, unknown>>;
  axes: Record<string, readonly unknown[]>;
}

/** How many variants `listVariants` would give at most, without listing them. */
export function countVariants(source: VariantSource): number {
  const sets = 1 + Object.keys(source.variants).length;
  return Object.values(source.axes).reduce((n, values) => n * values.length, sets);
}

/** Every variant of the plan, deduplicated, base first, then named variants, each crossed with the axes. */
export function listVariants(source: VariantSource): Variant[] {
  const sets: [string | undefined, Record<string, unknown>][] = [[undefined, {}], ...Object.entries(source.variants)];
  const points = cartesian(Object.entries(source.axes));
  const seen = new Map<string, Variant>();
  for (const [from, fixed] of sets) {
    for (const point of points) {
      const overrides = { ...fixed, ...point };
      const id = variantId(overrides);
      if (seen.has(id)) continue;
      const label = overrideLabel(overrides);
      seen.set(id, { id, name: from ? `${from}${label}` : label || 'base', ...(from ? { from } : {}), overrides });
    }
  }
  return [...seen.values()];
}

/** Hash of the overrides sorted by key, so their order never changes the id. */
export function variantId(overrides: Record<string, unknown>): string {
  return hashValue(Object.keys(overrides).sort().map((key) => [key, overrides[key]])).slice(0, 16);
}

/**
 * `[units=128,lr=0.0003]`: the last path segment of each key with its value, in the given
 * order; a segment two keys share is written as the whole key (`lstm.with.seed=1`).
 * `labels` maps keys to the label to use (see `overrideLabels`). Empty for no overrides.
 */
export function overrideLabel(overrides: Record<string, unknown>, labels = overrideLabels(Object.keys(overrides))): string {
  const keys = Object.keys(overrides);
  if (keys.length === 0) return '';
  return `[${keys.map((key) => `${labels.get(key) ?? key}=${valueLabel(overrides[key])}`).join(',')}]`;
}

/** Key -> short label: its last segment, or the whole key where two keys share the segment. */
export function overrideLabels(keys: Iterable<string>): Map<string, string> {
  const all = [...new Set(keys)];
  const last = (key: string): string => key.slice(key.lastIndexOf('.') + 1);
  const counts = new Map<string, number>();
  for (const key of all) counts.set(last(key), (counts.get(last(key)) ?? 0) + 1);
  return new Map(all.map((key) => [key, counts.get(last(key))! > 1 ? key : last(key)]));
}

/** A value as it reads in a name: plain for simple scalars, escaped where it could break a name or a path. */
export function valueLabel(value: unknown): string {
  const text = typeof value === 'string' ? value : canonicalJson(value);
  return text.replace(/[^\w.:+-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function cartesian(axes: [string, readonly unknown[]][]): Record<string, unknown>[] {
  let points: Record<string, unknown>[] = [{}];
  for (const [key, values] of axes) {
    const next: Record<string, unknown>[] = [];
    for (const point of points) for (const value of values) next.push({ ...point, [key]: value });
    points = next;
  }
  return points;
}
