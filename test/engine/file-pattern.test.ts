import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPattern } from '../../src/engine/file-pattern.js';
import { fileParams } from '../../src/engine/stage-key.js';
import { tempDir } from '../helpers/engine-harness.js';

describe('file params and patterns', () => {
  it('expands *, ? and ** in sorted order, and plain paths only when the file exists', () => {
    const root = tempDir();
    for (const f of ['data/b.csv', 'data/a.csv', 'data/a.txt', 'data/x/c.csv', 'data/x/y/d.csv']) {
      mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      writeFileSync(path.join(root, f), f);
    }
    const rel = (files: string[]) => files.map((f) => path.relative(root, f));
    expect(rel(expandPattern(root, 'data/*.csv'))).toEqual(['data/a.csv', 'data/b.csv']);
    expect(rel(expandPattern(root, 'data/?.txt'))).toEqual(['data/a.txt']);
    expect(rel(expandPattern(root, 'data/**/*.csv'))).toEqual(['data/a.csv', 'data/b.csv', 'data/x/c.csv', 'data/x/y/d.csv']);
    expect(rel(expandPattern(root, 'data/a.csv'))).toEqual(['data/a.csv']);
    expect(expandPattern(root, 'data/nope.csv')).toEqual([]);
    expect(expandPattern(root, 'data')).toEqual([]);
  });

  it('reads x-file params from the schema, skipping the words a param may hold instead', () => {
    const schema = {
      properties: {
        source: { 'x-file': { except: ['synthetic'] } },
        deps: { type: 'array', 'x-file': true },
        other: { type: 'string' },
      },
    };
    expect(fileParams(schema, { source: 'data/*.csv', deps: ['a.py', 'b.R'], other: 'x' })).toEqual([
      { param: 'source', patterns: ['data/*.csv'] },
      { param: 'deps', patterns: ['a.py', 'b.R'] },
    ]);
    expect(fileParams(schema, { source: 'synthetic', deps: [] })).toEqual([]);
  });
});
