import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(rel));
    else if (entry.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
  return specs.filter((s) => s.startsWith('.')).map((s) => path.normalize(path.join(path.dirname(file), s)));
}

describe('dependency direction (DESIGN.md §1)', () => {
  it('keeps src/engine free of stages, cli and quant (it may use io for tables)', () => {
    for (const file of sources('src/engine')) {
      for (const target of imports(file)) expect(target, file).toMatch(/^src\/(engine|io)\//);
    }
  });

  it('keeps src/io free of our own code', () => {
    for (const file of sources('src/io')) for (const target of imports(file)) expect(target, file).toMatch(/^src\/io\//);
  });

  it('lets stages import only the engine contract, quant, io and their own folder', () => {
    for (const file of sources('stages')) {
      for (const target of imports(file)) {
        if (target.startsWith('src/')) expect(target, file).toMatch(/^src\/(engine\/contract|quant\/|io\/)/);
      }
    }
  });

  it('keeps the pure engine parts (load, validate, graph, hash) off the filesystem and processes', () => {
    const pure = ['load-pipeline', 'validate-pipeline', 'graph', 'canonical-json', 'stage-key', 'interpolate', 'source-locator', 'schema-errors', 'overrides'];
    for (const name of pure) {
      const text = readFileSync(path.join(ROOT, 'src/engine', `${name}.ts`), 'utf8');
      expect(text, name).not.toMatch(/from 'node:(fs|child_process)'|from 'execa'/);
    }
  });
});
