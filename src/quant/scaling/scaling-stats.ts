/**
 * Fitted normalization statistics as their own value: per feature and, when per ticker, per
 * ticker — center, scale, count and the rule that produced them — with a deterministic JSON
 * form (fixed key order, NaN as null) so the same fit always serializes to the same bytes.
 */

export type ScalingMethod = 'zscore' | 'robust';
export type ScalingScope = 'pooled' | 'per-ticker';

/** How one (feature, group) was fitted; `rule` holds these codes. */
export const SCALE_RULE = {
  /** z-score: mean and population std; robust: median and 1.4826 x MAD. */
  fitted: 0,
  /** robust with MAD 0 but values not all equal: scale = sqrt(pi / 2) x mean |x - median|. */
  meanAbsDeviation: 1,
  /** every fitted value equal: center = that value, scale 0, output 0 for any non-NaN input. */
  constant: 2,
  /** no finite value to fit on (e.g. a ticker with no train rows): center and scale NaN, output NaN. */
  unfitted: 3,
} as const;

export type ScaleRule = (typeof SCALE_RULE)[keyof typeof SCALE_RULE];

const RULE_NAMES = ['fitted', 'meanAbsDeviation', 'constant', 'unfitted'] as const;

export interface ScalingStats {
  method: ScalingMethod;
  scope: ScalingScope;
  /** Outputs are clipped to [-clip, clip]; null: not clipped. */
  clip: number | null;
  features: string[];
  /** per-ticker: group g is tickers[g]; pooled: null (one group). */
  tickers: string[] | null;
  /** Entry of feature f, group g at f * groups + g, in each of the four arrays. */
  center: Float64Array;
  scale: Float64Array;
  /** Finite fit-segment values the entry was fitted on. */
  count: Int32Array;
  rule: Uint8Array;
}

export function scalingGroups(stats: Pick<ScalingStats, 'tickers'>): number {
  return stats.tickers === null ? 1 : stats.tickers.length;
}

interface FeatureJson {
  name: string;
  center: (number | null)[];
  scale: (number | null)[];
  count: number[];
  rule: number[];
}

/** Deterministic JSON text of the stats. */
export function serializeScalingStats(stats: ScalingStats): string {
  const groups = scalingGroups(stats);
  const features: FeatureJson[] = stats.features.map((name, f) => {
    const from = f * groups;
    const to = from + groups;
    return {
      name,
      center: Array.from(stats.center.subarray(from, to), finiteOrNull),
      scale: Array.from(stats.scale.subarray(from, to), finiteOrNull),
      count: Array.from(stats.count.subarray(from, to)),
      rule: Array.from(stats.rule.subarray(from, to)),
    };
  });
  return JSON.stringify({ method: stats.method, scope: stats.scope, clip: stats.clip, tickers: stats.tickers, features });
}

/** Inverse of `serializeScalingStats`; throws a RangeError on a shape it did not write. */
export function parseScalingStats(text: string): ScalingStats {
  const json = JSON.parse(text) as { method: ScalingMethod; scope: ScalingScope; clip: number | null; tickers: string[] | null; features: FeatureJson[] };
  const groups = scalingGroups(json);
  const size = json.features.length * groups;
  const stats: ScalingStats = {
    method: json.method, scope: json.scope, clip: json.clip, tickers: json.tickers,
    features: json.features.map((f) => f.name),
    center: new Float64Array(size), scale: new Float64Array(size), count: new Int32Array(size), rule: new Uint8Array(size),
  };
  json.features.forEach((f, i) => {
    if ([f.center, f.scale, f.count, f.rule].some((a) => a.length !== groups)) {
      throw new RangeError(`scaling stats for '${f.name}' hold a wrong number of entries (want ${groups})`);
    }
    stats.center.set(f.center.map(nullToNaN), i * groups);
    stats.scale.set(f.scale.map(nullToNaN), i * groups);
    stats.count.set(f.count, i * groups);
    stats.rule.set(f.rule, i * groups);
  });
  return stats;
}

/**
 * Joins stats fitted feature by feature (same method, scope, clip and tickers) into one, in
 * the order given: a caller that fits one column at a time never holds every column.
 */
export function concatScalingStats(parts: readonly ScalingStats[]): ScalingStats {
  const first = parts[0];
  if (!first) throw new RangeError('no scaling stats to join');
  for (const part of parts) {
    if (part.method !== first.method || part.scope !== first.scope || part.clip !== first.clip || JSON.stringify(part.tickers) !== JSON.stringify(first.tickers)) {
      throw new RangeError('scaling stats to join must share method, scope, clip and tickers');
    }
  }
  const join = <T extends Float64Array | Int32Array | Uint8Array>(pick: (s: ScalingStats) => T): T => {
    const out = new (pick(first).constructor as new (n: number) => T)(parts.reduce((n, p) => n + pick(p).length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(pick(part), at);
      at += pick(part).length;
    }
    return out;
  };
  return {
    method: first.method, scope: first.scope, clip: first.clip, tickers: first.tickers,
    features: parts.flatMap((p) => p.features),
    center: join((s) => s.center), scale: join((s) => s.scale), count: join((s) => s.count), rule: join((s) => s.rule),
  };
}

export interface ScalingNote {
  feature: string;
  /** null when pooled. */
  ticker: string | null;
  rule: 'meanAbsDeviation' | 'constant' | 'unfitted';
}

/** Every entry fitted by other than the plain rule, for a stage to log. */
export function scalingNotes(stats: ScalingStats): ScalingNote[] {
  const groups = scalingGroups(stats);
  const notes: ScalingNote[] = [];
  for (let i = 0; i < stats.rule.length; i++) {
    const rule = RULE_NAMES[stats.rule[i]!]!;
    if (rule === 'fitted') continue;
    const g = i % groups;
    notes.push({ feature: stats.features[(i - g) / groups]!, ticker: stats.tickers?.[g] ?? null, rule });
  }
  return notes;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function nullToNaN(x: number | null): number {
  return x === null ? Number.NaN : x;
}
