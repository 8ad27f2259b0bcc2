import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../../src/io/parquet.js';
import { readTableFile } from '../../src/io/table-file.js';
import { tableColumns, tableMetadata } from '../../src/io/typed-columns.js';
import { STANDARD_COLUMNS } from '../../src/quant/indicators/standard-set.js';
import { harness } from '../helpers/engine-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the indicators stage', () => {
  it('lists exactly the standard set in its params schema', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/stages/indicators.params.json'), 'utf8'));
    expect(schema.properties.columns.items.enum).toEqual(STANDARD_COLUMNS.map((c) => c.name));
  });

  it('computes the close-only subset of the Dow Jones closes and records what it skipped and why', async () => {
    const h = harness();
    mkdirSync(path.join(h.root, 'data'));
    copyFileSync(path.join(ROOT, 'data/dowjones30_1991_2001_close.csv'), path.join(h.root, 'data/dj.csv'));
    const result = await h.run(
      'pipeline: t\nstages:\n  prices: { uses: ingest, with: { source: data/dj.csv } }\n  features: { uses: indicators, in: { prices: prices.prices } }\n',
    );
    expect(result.status).toBe('succeeded');
    const out = result.stages.find((s) => s.id === 'features')!.outputs!.features!;
    const table = readParquet(readFileSync(h.store.objectPath(out.id)));
    const meta = tableMetadata(table);
    const features = JSON.parse(meta['tradelab.features']!) as string[];
    const skipped = JSON.parse(meta['tradelab.skipped']!) as { name: string; reason: string }[];
    expect(features.length + skipped.length).toBe(61);
    expect(features).toContain('rsi_14');
    expect(skipped).toContainEqual({ name: 'atr_14', reason: expect.stringMatching(/needs high and low/) });
    const rsi = tableColumns(table).get('rsi_14');
    expect(rsi?.kind).toBe('float64');
    const values = rsi!.kind === 'float64' ? rsi!.values : new Float64Array();
    expect(Number.isNaN(values[0]!)).toBe(true);
    expect(values.every((v) => Number.isNaN(v) || (v >= 0 && v <= 100))).toBe(true);
  });

  it('stores features as float32 by default and as float64 with precision: float64, both from the same float64 computation', async () => {
    const h = harness();
    const stages = (precision: string) =>
      `pipeline: t\nstages:\n  prices: { uses: ingest, with: { source: synthetic, synthetic: { tickers: 3, days: 300, signal_strength: 0.2 } } }\n  features: { uses: indicators, in: { prices: prices.prices }, with: { columns: [rsi_14, sma_20_rel], passthrough: true${precision} } }\n`;
    const read = async (precision: string) => {
      const result = await h.run(stages(precision));
      expect(result.status).toBe('succeeded');
      return (await readTableFile(h.store.objectPath(result.stages.find((s) => s.id === 'features')!.outputs!.features!.id))).columns;
    };
    const [narrow, wide] = [await read(''), await read(', precision: float64')];
    for (const name of ['rsi_14', 'sma_20_rel', 'signal']) {
      const [a, b] = [narrow.get(name)!, wide.get(name)!];
      expect(a.kind, name).toBe('float32');
      expect(b.kind, name).toBe('float64');
      expect((a as { values: Float32Array }).values).toEqual(Float32Array.from((b as { values: Float64Array }).values));
    }
  });

  it('carries a synthetic market planted signal through as a feature', async () => {
    const h = harness();
    const result = await h.run(
      'pipeline: t\nstages:\n  prices: { uses: ingest, with: { source: synthetic, synthetic: { tickers: 2, days: 260, signal_strength: 0.3 } } }\n  features: { uses: indicators, in: { prices: prices.prices }, with: { columns: [rsi_14, atr_14] } }\n',
    );
    const out = result.stages.find((s) => s.id === 'features')!.outputs!.features!;
    const meta = tableMetadata(readParquet(readFileSync(h.store.objectPath(out.id))));
    expect(JSON.parse(meta['tradelab.features']!)).toEqual(['rsi_14', 'atr_14', 'signal']);
  });
});
