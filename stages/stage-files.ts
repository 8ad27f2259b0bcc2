/**
 * What every built-in stage definition needs from disk: its params schema
 * (`schemas/stages/<kind>.params.json`) and its code fingerprint (computed by the build
 * into `dist/stages/fingerprints.json`): a hash of the stage folder's sources and of the
 * code it runs on (the domain library folders it names, and src/io, which reads and
 * writes every table), so editing an indicator formula or the Parquet writer re-runs the
 * stages that use them.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { packageRoot, type JsonSchema } from '../src/engine/contract.js';

let fingerprints: Record<string, string> | undefined;

export function paramsSchema(kind: string): JsonSchema {
  return JSON.parse(readFileSync(path.join(packageRoot(), 'schemas', 'stages', `${kind}.params.json`), 'utf8')) as JsonSchema;
}

/** Code every stage runs on: Arrow/Parquet I/O and the shared table adapters of stages/. */
const SHARED_CODE = ['src/io', 'stages/price-arrow.ts', 'stages/feature-table.ts'];

/**
 * The fingerprint the build recorded, or (running from source, or while the build itself
 * computes them) one computed now. `uses` names the project paths the stage's code runs on.
 */
export function codeFingerprint(kind: string, uses: readonly string[] = []): string {
  fingerprints ??= readFingerprints();
  return fingerprints[kind] ?? fingerprintSources(kind, uses);
}

function readFingerprints(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(path.join(packageRoot(), 'dist', 'stages', 'fingerprints.json'), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** SHA-256 over the TypeScript sources (relative names and bytes, sorted) of the stage folder and what it uses. */
export function fingerprintSources(kind: string, uses: readonly string[] = []): string {
  const root = packageRoot();
  const files = [`stages/${kind}`, ...uses, ...SHARED_CODE].flatMap((p) => sourceFiles(root, p));
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) hash.update(file).update('\0').update(readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex');
}

function sourceFiles(root: string, relative: string): string[] {
  const full = path.join(root, relative);
  if (relative.endsWith('.ts')) return [relative];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const child = path.posix.join(relative, entry.name);
    if (entry.isDirectory()) return sourceFiles(root, child);
    return entry.name.endsWith('.ts') ? [child] : [];
  });
}
