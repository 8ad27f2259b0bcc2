/**
 * Runs of one model that differ only by seed, found from variant names: `lstm[seed=3]` and
 * `lstm[lr=0.001,seed=4]` belong to `lstm` and `lstm[lr=0.001]` (the names sweeps and
 * `seeds:` give variants). Groups of two or more are reported as mean ± std across seeds.
 */

/** The model name with its `seed=` override removed; undefined when it has none. */
export function seedlessName(name: string): string | undefined {
  const m = /^(.*)\[([^\]]*)\]$/.exec(name);
  if (!m) return undefined;
  const overrides = m[2]!.split(',').map((s) => s.trim());
  const rest = overrides.filter((o) => !/^(?:[\w.-]+\.)?seed=/.test(o));
  if (rest.length === overrides.length) return undefined;
  return rest.length > 0 ? `${m[1]}[${rest.join(',')}]` : m[1]!;
}

/** Groups of names (indices into `names`) that share a seedless name, for groups of >= 2. */
export function seedGroups(names: readonly string[]): { model: string; members: number[] }[] {
  const groups = new Map<string, number[]>();
  names.forEach((name, i) => {
    const key = seedlessName(name);
    if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return [...groups].filter(([, members]) => members.length >= 2).map(([model, members]) => ({ model, members }));
}
