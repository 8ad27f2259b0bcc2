import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = path.resolve(import.meta.dirname, '../../../src/quant/metrics');
const FILES = readdirSync(DIR).filter((name) => name.endsWith('.ts'));

describe('src/quant/metrics', () => {
  it('imports only its own modules (no engine, stages, cli, io or npm packages)', () => {
    expect(FILES.length).toBeGreaterThan(0);
    for (const file of FILES) {
      const text = readFileSync(path.join(DIR, file), 'utf8');
      for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        expect(spec, file).toMatch(/^\.\/[a-z0-9-]+\.js$/);
      }
    }
  });

  it('does no I/O and reads no clock or global randomness', () => {
    for (const file of FILES) {
      expect(readFileSync(path.join(DIR, file), 'utf8'), file).not.toMatch(/console\.|process\.|node:|Date\.now|new Date|Math\.random/);
    }
  });
});
