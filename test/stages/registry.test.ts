import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_STAGES } from '../../stages/registry.js';
import { fingerprintFiles, fingerprintSources } from '../../stages/stage-files.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the stage registry', () => {
  it('gives every stage a params schema file and every schema file a stage', () => {
    const schemaKinds = readdirSync(path.join(ROOT, 'schemas', 'stages')).map((f) => f.replace('.params.json', '')).sort();
    expect(BUILTIN_STAGES.map((s) => s.kind).sort()).toEqual(schemaKinds);
  });

  it('gives every stage folder a registry entry, and every entry a folder with definition and run module', () => {
    const folders = readdirSync(path.join(ROOT, 'stages'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(BUILTIN_STAGES.map((s) => s.kind).sort()).toEqual(folders);
    for (const kind of folders) {
      expect(readdirSync(path.join(ROOT, 'stages', kind))).toEqual(expect.arrayContaining(['definition.ts', 'run.ts']));
    }
  });

  it('fingerprints the code a stage runs on, not only its own folder', () => {
    const indicators = BUILTIN_STAGES.find((s) => s.kind === 'indicators')!;
    expect(indicators.codeFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(indicators.codeFingerprint).toBe(fingerprintSources('indicators'));
    expect(fingerprintSources('command')).not.toBe(fingerprintSources('test-map'));
    // Found by following imports, not listed by hand: a helper two imports away counts.
    expect(fingerprintFiles('indicators')).toEqual(expect.arrayContaining(['stages/indicators/run.ts', 'src/quant/indicators/rolling-sum.ts', 'stages/feature-table.ts', 'src/io/parquet-reader.ts']));
    expect(fingerprintFiles('split')).toContain('stages/row-batches.ts');
    expect(fingerprintFiles('train-lstm')).toEqual(expect.arrayContaining(['src/quant/data/random-stream.ts', 'src/quant/models/kernels/lstm-sequence.ts', 'stages/test-stage-hooks.ts']));
    expect(fingerprintFiles('indicators')).not.toContain('src/quant/models/adam.ts');
    expect(fingerprintFiles('train-lstm').filter((f) => f.startsWith('src/engine/'))).toEqual([]);
  });

  it('documents every param of every stage', () => {
    for (const stage of BUILTIN_STAGES) {
      for (const [name, schema] of Object.entries((stage.params.properties ?? {}) as Record<string, { description?: string }>)) {
        expect(schema.description, `${stage.kind}.${name}`).toBeTruthy();
      }
    }
  });
});
