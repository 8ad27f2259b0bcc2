/**
 * Expands a path pattern relative to a root: `data/*.csv`, `data/**\/prices-?.parquet`.
 * `*` and `?` match within one path segment, `**` any number of directories. A path
 * without wildcards expands to itself when the file exists. Results are sorted, so the
 * same files always come in the same order.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function expandPattern(root: string, pattern: string): string[] {
  const absolute = path.resolve(root, pattern);
  if (!/[*?]/.test(pattern)) return existsSync(absolute) && statSync(absolute).isFile() ? [absolute] : [];
  const { root: fsRoot } = path.parse(absolute);
  const segments = path.relative(fsRoot, absolute).split(path.sep);
  const out: string[] = [];
  walk(fsRoot, segments, out);
  return [...new Set(out)].sort();
}

function walk(dir: string, segments: string[], out: string[]): void {
  if (segments.length === 0) return;
  const [head, ...rest] = segments as [string, ...string[]];
  if (head === '**') {
    walk(dir, rest, out);
    for (const entry of list(dir)) if (entry.isDirectory()) walk(path.join(dir, entry.name), segments, out);
    return;
  }
  if (!/[*?]/.test(head)) {
    const next = path.join(dir, head);
    if (rest.length === 0) {
      if (existsSync(next) && statSync(next).isFile()) out.push(next);
    } else if (existsSync(next)) walk(next, rest, out);
    return;
  }
  const matcher = new RegExp(`^${head.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  for (const entry of list(dir)) {
    if (!matcher.test(entry.name)) continue;
    const next = path.join(dir, entry.name);
    if (rest.length === 0) {
      if (entry.isFile()) out.push(next);
    } else if (entry.isDirectory()) walk(next, rest, out);
  }
}

function list(dir: string): import('node:fs').Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
