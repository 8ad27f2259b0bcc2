import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readParquet, writeParquet } from '../../src/io/parquet.js';
import { tableColumns, tableMetadata } from '../../src/io/typed-columns.js';
import { harness, type Harness } from '../helpers/engine-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function table(h: Harness, result: Awaited<ReturnType<Harness['run']>>, stage = 'prices') {
  const out = result.stages.find((s) => s.id === stage)!.outputs!.prices!;
  const t = readParquet(readFileSync(h.store.objectPath(out.id)));
  return { id: out.id, columns: tableColumns(t), metadata: tableMetadata(t), rows: t.numRows };
}

function pipeline(withBlock: string): string {
  return `pipeline: ingest-test\nstages:\n  prices:\n    uses: ingest\n    with:\n${withBlock.replace(/^/gm, '      ')}\n`;
}

describe('the ingest stage', () => {
  it('reads the bundled Dow Jones closes as close-only data, sorted, with missing columns recorded', async () => {
    const h = harness();
    mkdirSync(path.join(h.root, 'data'));
    copyFileSync(path.join(ROOT, 'data/dowjones30_1991_2001_close.csv'), path.join(h.root, 'data/dj.csv'));
    const result = await h.run(pipeline('source: data/dj.csv'));
    expect(result.status).toBe('succeeded');
    const t = table(h, result);
    expect(t.rows).toBe(75_870);
    expect(JSON.parse(t.metadata['tradelab.missing']!)).toEqual(['open', 'high', 'low', 'volume']);
    const ticker = t.columns.get('ticker');
    expect(ticker?.kind === 'strings' && ticker.dictionary.length).toBe(30);
  });

  it('merges files named by a glob and reads Parquet written by another tool', async () => {
    const h = harness();
    mkdirSync(path.join(h.root, 'data'));
    writeFileSync(path.join(h.root, 'data/b.csv'), 'Date,Symbol,Close\n2001-01-03,BBB,11\n2001-01-02,BBB,10\n');
    writeFileSync(path.join(h.root, 'data/a.csv'), 'Date,Symbol,Close\n2001-01-02,AAA,5\n');
    const csv = table(h, await h.run(pipeline('source: data/*.csv\ncolumns: { ticker: Symbol }')));
    expect(csv.rows).toBe(3);
    expect(csv.columns.get('date')).toEqual({ kind: 'date', days: Int32Array.from([11324, 11324, 11325]) });
    const { vectorFromArray, TimestampMillisecond, Table } = await import('apache-arrow');
    const external = new Table({
      date: vectorFromArray([new Date(Date.UTC(2001, 0, 2)), new Date(Date.UTC(2001, 0, 3))], new TimestampMillisecond()),
      ticker: vectorFromArray(['ZZZ', 'ZZZ']),
      close: vectorFromArray([1.5, 1.75]),
    });
    writeFileSync(path.join(h.root, 'data/ext.parquet'), writeParquet(external));
    const pq = table(h, await h.run(pipeline('source: data/ext.parquet')));
    expect(pq.columns.get('close')).toEqual({ kind: 'float64', values: Float64Array.from([1.5, 1.75]) });
    // Uncompressed, with float32 prices: the built-in reader's path, not Arrow's.
    const { writeParquetColumns } = await import('../../src/io/parquet-writer.js');
    await writeParquetColumns(path.join(h.root, 'data/f32.parquet'), [
      ['ticker', { kind: 'strings', indices: Int32Array.of(0, 0), dictionary: ['YYY'] }],
      ['date', { kind: 'date', days: Int32Array.of(11324, 11325) }],
      ['close', { kind: 'float32', values: Float32Array.of(2.5, 2.75) }],
    ]);
    const f32 = table(h, await h.run(pipeline('source: data/f32.parquet')));
    expect(f32.columns.get('close')).toEqual({ kind: 'float64', values: Float64Array.from([2.5, 2.75]) });
  });

  it('writes a byte-identical synthetic market for the same seed, and a different one for another seed', async () => {
    const spec = (seed: number) => pipeline(`source: synthetic\nseed: ${seed}\nsynthetic: { tickers: 3, days: 300, signal_strength: 0.2, regimes: {} }`);
    const h1 = harness();
    const h2 = harness();
    const one = table(h1, await h1.run(spec(1)));
    const two = table(h2, await h2.run(spec(1)));
    expect(two.id).toBe(one.id);
    expect(one.rows).toBe(900);
    expect(one.columns.has('signal')).toBe(true);
    const h3 = harness();
    expect(table(h3, await h3.run(spec(2))).id).not.toBe(one.id);
  });

  it('fails with every bad row named and writes nothing', async () => {
    const h = harness();
    mkdirSync(path.join(h.root, 'data'));
    writeFileSync(
      path.join(h.root, 'data/bad.csv'),
      ['date,ticker,open,high,low,close,volume', '2001-01-02,AA,10,11,9,10.5,100', '2001-13-40,AA,10,11,9,10.5,100', '2001-01-02,AA,10,11,9,10.5,100', '2001-01-04,AA,10,9,11,10,100', '2001-01-05,AA,10,11,9,-1,100'].join('\n'),
    );
    const result = await h.run(pipeline('source: data/bad.csv'));
    const stage = result.stages.find((s) => s.id === 'prices')!;
    expect(stage.status).toBe('failed');
    const message = stage.error!.message;
    expect(message).toMatch(/bad price data: 4 problems/);
    expect(message).toMatch(/data\/bad.csv:3 date: /);
    expect(message).toMatch(/data\/bad.csv:4 date: duplicate \(AA, 2001-01-02\)/);
    expect(message).toMatch(/data\/bad.csv:5 .*high/);
    expect(message).toMatch(/data\/bad.csv:6 close: non-positive/);
    expect(h.store.listCacheKeys()).toEqual([]);
    const objects = path.join(h.root, 'artifacts', 'objects');
    expect(existsSync(objects) ? readdirSync(objects) : []).toEqual([]);
  });

  it('names a source file that does not exist before running anything', async () => {
    const h = harness();
    const result = await h.run(pipeline('source: data/missing.csv'));
    const stage = result.stages.find((s) => s.id === 'prices')!;
    expect(stage.status).toBe('failed');
    expect(stage.error!.code).toBe('E_FILE');
    expect(stage.error!.message).toMatch(/param 'source' names a file that does not exist: data\/missing.csv/);
  });
});

describe('bad price data through the CLI', () => {
  const header = 'date,ticker,open,high,low,close,volume';
  const good = '2001-01-02,AA,10,11,9,10.5,100';
  const cases: [kind: string, row: string, says: RegExp][] = [
    ['unparseable date', '2001-02-30,AA,10,11,9,10.5,100', /data\/prices.csv:3 date: /],
    ['duplicate (ticker, date)', good, /data\/prices.csv:3 date: duplicate \(AA, 2001-01-02\): already at line 2/],
    ['non-positive price', '2001-01-03,AA,10,11,9,0,100', /data\/prices.csv:3 close: non-positive price 0/],
    ['high < low', '2001-01-03,AA,10,9,11,10,100', /data\/prices.csv:3 .*high .*low/],
  ];
  it.each(cases)('%s: run exits 1 naming the file and row, and stores nothing', async (_kind, row, says) => {
    const { execFile } = await import('node:child_process');
    const dir = harness().root;
    mkdirSync(path.join(dir, 'data'));
    mkdirSync(path.join(dir, 'pipelines'));
    writeFileSync(path.join(dir, 'data/prices.csv'), [header, good, row].join('\n'));
    writeFileSync(path.join(dir, 'pipelines/baseline.yaml'), pipeline('source: data/prices.csv'));
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.join(ROOT, 'bin/tradelab.js'), 'run'], { cwd: dir }, (error, _stdout, stderr) =>
        resolve({ code: (error as { code?: number } | null)?.code ?? 0, stderr }),
      );
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(says);
    expect(stderr).toMatch(/nothing was written/);
    const list = (sub: string) => (existsSync(path.join(dir, 'artifacts', sub)) ? readdirSync(path.join(dir, 'artifacts', sub)) : []);
    expect(list('cache')).toEqual([]);
    expect(list('objects')).toEqual([]);
  });
});
