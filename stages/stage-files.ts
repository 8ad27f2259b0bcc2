/**
 * What every built-in stage definition needs from disk: its params schema
 * (`schemas/stages/<kind>.params.json`) and its code fingerprint (computed by the build
 * into `dist/stages/fingerprints.json` from the stage folder's sources).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { packageRoot, type JsonSchema } from '../src/engine/contract.js';

let fingerprints: Record<string, string> | undefined;

export function paramsSchema(kind: string): JsonSchema {
  return JSON.parse(readFileSync(path.join(packageRoot(), 'schemas', 'stages', `${kind}.params.json`), 'utf8')) as JsonSchema;
}

/** The fingerprint the build recorded, or (running from source) one computed now. */
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

/** SHA-256 over the stage folder's TypeScript sources: names and bytes, in sorted order. */
export function fingerprintSources(kind: string): string {
  const dir = path.join(packageRoot(), 'stages', kind);
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts')).sort()) {
    hash.update(name).update('\0').update(readFileSync(path.join(dir, name))).update('\0');
  }
  return hash.digest('hex');
}
