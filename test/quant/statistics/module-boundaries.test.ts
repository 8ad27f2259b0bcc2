import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = path.resolve(import.meta.dirname, '../../../src/quant/statistics');
const sources = () => readdirSync(DIR).filter((name) => name.endsWith('.ts')).map((file) => ({ file, text: readFileSync(path.join(DIR, file), 'utf8') }));

describe('src/quant/statistics', () => {
  it('imports only its own modules and the seeded random stream (no engine, stages, cli, io or npm packages)', () => {
    for (const { file, text } of sources()) {
      for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        expect(spec, file).toMatch(/^(\.\/[a-z0-9-]+|\.\.\/data\/random-stream)\.js$/);
      }
    }
  });

  it('never prints, reads the clock or draws unseeded random numbers', () => {
    for (const { file, text } of sources()) {
      expect(text, file).not.toMatch(/console\.|process\.|Math\.random|Date\.now|new Date/);
    }
  });
});
