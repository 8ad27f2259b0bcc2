/** Where the store lives: `--store`, else $TRADELAB_STORE, else `artifacts/` in the working directory. */
import path from 'node:path';

export function storeRoot(option?: string): string {
  return path.resolve(option ?? process.env.TRADELAB_STORE ?? 'artifacts');
}

export function projectRoot(): string {
  return process.cwd();
}
