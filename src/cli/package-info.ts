/** tradelab's own version, read once from package.json. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../engine/contract.js';

let version: string | undefined;

export function tradelabVersion(): string {
  version ??= (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
