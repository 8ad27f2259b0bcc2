/**
 * What every built-in stage definition needs from disk: its params schema
 * (`schemas/stages/<kind>.params.json`) and its code fingerprint (computed by the build
 * into `dist/stages/fingerprints.json`): a hash of every project source the stage's code
 * runs, found by following relative imports from its folder (the engine, which runs every
 * stage, is left out), so editing an indicator formula, the Parquet writer or a shared
 * stage helper re-runs exactly the stages that use it, with no list to keep in step.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { packageRoot, type JsonSchema } from '../src/engine/contract.js';

let fingerprints: Record<string, string> | undefined;

export function paramsSchema(kind: string): JsonSchema {
  return JSON.parse(readFileSync(path.join(packageRoot(), 'schemas', 'stages', `${kind}.params.json`), 'utf8')) as JsonSchema;
}

/**
 * The fingerprint the build recorded, or (running from source, or while the build itself
 * computes them) one computed now.
 */
export function codeFingerprint(kind: string): string {
  fingerprints ??= readFingerprints();
  return fingerprints[kind] ?? fingerprintSources(kind);
}

function readFingerprints(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(path.join(packageRoot(), 'dist', 'stages', 'fingerprints.json'), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** SHA-256 over the sources (relative names and bytes, sorted) of `fingerprintFiles(kind)`. */
export function fingerprintSources(kind: string): string {
  const root = packageRoot();
  const hash = createHash('sha256');
  for (const file of fingerprintFiles(kind)) hash.update(file).update('\0').update(readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex');
}

const RELATIVE_IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)'(\.{1,2}\/[^']+)'/g;

/** The table I/O the engine runs for every stage (ctx.readTable, ctx.openTable, ctx.output, ctx.tableWriter). */
const TABLE_IO = ['src/io/table-file.ts', 'src/io/parquet-writer.ts'];

/**
 * The project sources a stage runs: its folder's TypeScript files, the table I/O, and
 * transitively what they import (not src/engine).
 */
export function fingerprintFiles(kind: string): string[] {
  const root = packageRoot();
  const seen = new Set<string>();
  const pending = [...sourceFiles(root, `stages/${kind}`), ...TABLE_IO];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(path.join(root, file), 'utf8').matchAll(RELATIVE_IMPORT)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1]!.replace(/\.js$/, '.ts')));
      if (!target.startsWith('src/engine/') && existsSync(path.join(root, target))) pending.push(target);
    }
  }
  return [...seen].sort();
}

function sourceFiles(root: string, relative: string): string[] {
  return readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = path.posix.join(relative, entry.name);
    if (entry.isDirectory()) return sourceFiles(root, child);
    return entry.name.endsWith('.ts') ? [child] : [];
  });
}
