import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const QUANT = path.resolve(import.meta.dirname, '../../../src/quant');

describe('labels, splits and scaling dependencies', () => {
  it('import only node built-ins and src/quant (of data, only the price table and float array vocabulary), nothing of engine, stages, cli or io', () => {
    for (const folder of ['labels', 'splits', 'scaling']) {
      for (const name of readdirSync(path.join(QUANT, folder)).filter((f) => f.endsWith('.ts'))) {
        const text = readFileSync(path.join(QUANT, folder, name), 'utf8');
        for (const m of text.matchAll(/^(import|export)\s(type\s)?[^;]*?\sfrom\s+'([^']+)'/gms)) {
          const spec = m[3]!;
          const where = `${folder}/${name}: ${spec}`;
          expect(spec, where).toMatch(/^node:|^\.\/|^\.\.\/(labels|splits|scaling|data)\//);
          // The date helpers of price-table.ts and the FloatArray type are shared vocabulary; the rest of data/ (parsers, generators) is not used here.
          if (spec.startsWith('../data/')) expect(['../data/price-table.js', '../data/float-array.js'], where).toContain(spec);
        }
        expect(text, `${folder}/${name}`).not.toMatch(/\bimport\(|Math\.random/);
      }
    }
  });
});
