import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = path.resolve(import.meta.dirname, '../../../src/quant/indicators');

describe('src/quant/indicators', () => {
  it('imports only its own modules (no engine, stages, cli, io or npm packages)', () => {
    for (const file of readdirSync(DIR).filter((name) => name.endsWith('.ts'))) {
      const text = readFileSync(path.join(DIR, file), 'utf8');
      for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        expect(spec, file).toMatch(/^\.\/[a-z0-9-]+\.js$/);
      }
    }
  });

  it('never prints', () => {
    for (const file of readdirSync(DIR).filter((name) => name.endsWith('.ts'))) {
      expect(readFileSync(path.join(DIR, file), 'utf8'), file).not.toMatch(/console\.|process\.(stdout|stderr)|emitWarning/);
    }
  });
});
