import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = path.resolve(import.meta.dirname, '../../../src/quant/data');

describe('src/quant/data dependencies', () => {
  it('imports only its own folder and the rest of src/quant, and no file system or processes', () => {
    for (const name of readdirSync(DIR).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(path.join(DIR, name), 'utf8');
      const statics = [...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gms)];
      const dynamics = [...text.matchAll(/\bimport\(\s*'([^']+)'/g)];
      const specs = [...statics, ...dynamics].map((m) => m[1]!);
      for (const spec of specs) expect(spec, name).toMatch(/^\.\/|^\.\.\/[a-z-]+\//);
    }
  });
});
