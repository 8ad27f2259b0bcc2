import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../../src/io/parquet.js';
import { tableColumns, tableMetadata } from '../../src/io/typed-columns.js';
import { harness, type Harness } from '../helpers/engine-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SP500 = readFileSync(path.join(ROOT, 'data/sp500_2000_2020_ohlcv.csv'), 'utf8');

const CHAIN = `pipeline: chain
stages:
  prices: { uses: ingest, with: { source: data/prices.csv } }
  features: { uses: indicators, in: { prices: prices.prices } }
  split:
    uses: split
    in: { features: features.features }
    with:
      train: [2000-01-01, 2010-12-31]
      val: [2011-01-01, 2014-12-31]
      test: [2015-01-01, 2020-12-31]
      embargo_days: 5
      label: { horizon: 5 }
  scaled: { uses: normalize, in: { dataset: split.dataset } }
`;

/** The S&P 500 file with every price from `from` on multiplied by `factor`. */
function scaledFrom(from: string, factor: number): string {
  const [header, ...rows] = SP500.trim().split('\n');
  return `${[header, ...rows.map((line) => {
    const f = line.split(',');
    if (f[0]! < from) return line;
    return [f[0], f[1], ...f.slice(2, 6).map((v) => String(Number(v) * factor)), f[6]].join(',');
  })].join('\n')}\n`;
}

async function runChain(csv: string): Promise<{ h: Harness; result: Awaited<ReturnType<Harness['run']>> }> {
  const h = harness();
  mkdirSync(path.join(h.root, 'data'));
  writeFileSync(path.join(h.root, 'data/prices.csv'), csv);
  return { h, result: await h.run(CHAIN) };
}

function artifact(h: Harness, result: Awaited<ReturnType<Harness['run']>>, stage: string, port: string) {
  return result.stages.find((s) => s.id === stage)!.outputs![port]!;
}

describe('ingest -> indicators -> split -> normalize on real S&P 500 data', () => {
  it('fits normalization on train only: test-period prices x1000 leave the statistics byte-identical', async () => {
    const base = await runChain(SP500);
    expect(base.result.status).toBe('succeeded');
    const inflated = await runChain(scaledFrom('2015-01-01', 1000));
    expect(inflated.result.status).toBe('succeeded');
    expect(artifact(inflated.h, inflated.result, 'features', 'features').id).not.toBe(artifact(base.h, base.result, 'features', 'features').id);
    expect(artifact(inflated.h, inflated.result, 'scaled', 'stats').id).toBe(artifact(base.h, base.result, 'scaled', 'stats').id);

    const dataset = readParquet(readFileSync(base.h.store.objectPath(artifact(base.h, base.result, 'scaled', 'dataset').id)));
    const meta = tableMetadata(dataset);
    const split = JSON.parse(meta['tradelab.split']!);
    expect(split.lookback).toBe(199);
    expect(split.counts.train).toBeGreaterThan(2000);
    const cols = tableColumns(dataset);
    const segment = cols.get('segment')!;
    const date = cols.get('date')!;
    expect(segment.kind === 'int8' && date.kind === 'date').toBe(true);
    if (segment.kind !== 'int8' || date.kind !== 'date') return;
    // No train label window [t, t + 5] reaches a val row: at least 5 trading days lie between.
    let lastTrain = -Infinity;
    let firstVal = Infinity;
    segment.values.forEach((s, i) => {
      if (s === 0) lastTrain = Math.max(lastTrain, date.days[i]!);
      if (s === 1) firstVal = Math.min(firstVal, date.days[i]!);
    });
    const tradingDays = SP500.trim().split('\n').slice(1).map((l) => Date.parse(l.slice(0, 10)) / 86_400_000);
    expect(tradingDays.filter((d) => d > lastTrain && d < firstVal).length).toBeGreaterThanOrEqual(5);
    const rsi = cols.get('rsi_14')!;
    // Stored as float32 (the default precision) and widened by the Arrow reader.
    expect(dataset.schema.fields.find((f) => f.name === 'rsi_14')!.type.toString()).toBe('Float32');
    if (rsi.kind !== 'float64') throw new Error('rsi_14 should read as floats');
    const train = rsi.values.filter((_, i) => segment.values[i] === 0);
    const mean = train.reduce((a, b) => a + b, 0) / train.length;
    // z-scored in float64, then rounded once to float32 (relative error <= 6e-8 per value).
    expect(Math.abs(mean)).toBeLessThan(1e-6);
  });

  it('rejects, at validation, a purge gap smaller than the label horizon', async () => {
    const h = harness();
    const bad = CHAIN.replace('embargo_days: 5', 'embargo_days: 0');
    await expect(h.run(bad.replace('train: [2000-01-01, 2010-12-31]', 'train: [2000-01-01, 2010-12-30]'))).rejects.toThrow(/gap between train and val .* label horizon is 5/);
  });
});
