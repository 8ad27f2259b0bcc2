import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = path.resolve(import.meta.dirname, '../../../src/quant/rl');
/** The trading environment's own files (other files of src/quant/rl belong to the agents). */
const FILES = readdirSync(DIR).filter((name) => /^(trading-env.*|env-.*|episode-stats|differential-sharpe)\.ts$/.test(name));
const ALLOWED = /^(\.\/[a-z0-9-]+|\.\.\/data\/(random-stream|price-table)|\.\.\/splits\/split-plan|\.\.\/metrics\/[a-z-]+)\.js$/;

describe('the trading environment modules', () => {
  it('import only each other and a few pure quant modules (no engine, stages, cli, io or npm packages)', () => {
    expect(FILES.length).toBeGreaterThan(10);
    for (const file of FILES) {
      const text = readFileSync(path.join(DIR, file), 'utf8');
      for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) expect(spec, file).toMatch(ALLOWED);
    }
  });

  it('never print', () => {
    for (const file of FILES) expect(readFileSync(path.join(DIR, file), 'utf8'), file).not.toMatch(/console\.|process\.(stdout|stderr)/);
  });
});
