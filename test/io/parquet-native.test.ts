import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/io/column.js';
import { readParquet, writeParquet } from '../../src/io/parquet.js';
import { readParquetFile } from '../../src/io/parquet-file.js';
import { ParquetFileReader } from '../../src/io/parquet-reader.js';
import { PAGE_ROWS, ParquetFileWriter, writeParquetColumns } from '../../src/io/parquet-writer.js';
import { openTableFile, readTableFile } from '../../src/io/table-file.js';
import { columnsToTable, tableColumns, tableMetadata } from '../../src/io/typed-columns.js';
import { tempDir } from '../helpers/engine-harness.js';

function table(n: number): [string, Column][] {
  return [
    ['ticker', { kind: 'strings', indices: Int32Array.from({ length: n }, (_, i) => Math.floor(i / 2520)), dictionary: Array.from({ length: Math.ceil(n / 2520) + 3 }, (_, i) => `T${i}-é`) }],
    ['date', { kind: 'date', days: Int32Array.from({ length: n }, (_, i) => 10_000 + (i % 2520)) }],
    ['x', { kind: 'float64', values: Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? Number.NaN : i / 7 - 3000)) }],
    ['segment', { kind: 'int8', values: Int8Array.from({ length: n }, (_, i) => (i % 4) - 1) }],
    ['count', { kind: 'int32', values: Int32Array.from({ length: n }, (_, i) => i * 3 - 5) }],
  ];
}

/** Byte-equal values (toEqual walks 260k elements one by one, which takes seconds). */
function bytes(c: Column): Buffer {
  const v = c.kind === 'date' ? c.days : c.kind === 'strings' ? c.indices : c.values;
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function expectSame(actual: Map<string, Column>, expected: [string, Column][], start = 0, end?: number): void {
  expect([...actual.keys()]).toEqual(expected.map(([n]) => n));
  for (const [name, column] of expected) {
    const got = actual.get(name)!;
    expect(got.kind, name).toBe(column.kind);
    if (column.kind === 'strings' && got.kind === 'strings') {
      const names = (c: typeof column, from: number, to: number) => Array.from(c.indices.subarray(from, to), (i) => c.dictionary[i]);
      expect(names(got, 0, got.indices.length)).toEqual(names(column, start, end ?? column.indices.length));
    } else {
      const want = column.kind === 'date' ? { ...column, days: column.days.subarray(start, end) } : { ...column, values: column.values.subarray(start, end) };
      expect(bytes(got).equals(bytes(want as Column)), name).toBe(true);
    }
  }
}

describe('the built-in Parquet writer and reader', () => {
  const n = PAGE_ROWS * 2 + 4_567;

  it('round-trips every column kind over several row groups and pages, metadata included', async () => {
    const file = path.join(tempDir(), 't.parquet');
    const columns = table(n);
    await writeParquetColumns(file, columns, { 'tradelab.features': '["x"]' }, 100_000);
    const reader = ParquetFileReader.open(file);
    expect(reader.unsupported).toBeUndefined();
    expect(reader.rows).toBe(n);
    expect(reader.rowGroupRows).toEqual([100_000, 100_000, n - 200_000]);
    expect(reader.metadata).toEqual({ 'tradelab.features': '["x"]' });
    expect(reader.createdBy).toBe('tradelab');
    expectSame(reader.read(), columns);
    reader.close();
  });

  it('reads any row range across row-group and page boundaries, into reused buffers', async () => {
    const file = path.join(tempDir(), 't.parquet');
    const m = PAGE_ROWS + 4_567;
    const columns = table(m);
    await writeParquetColumns(file, columns, {}, 50_000);
    const reader = ParquetFileReader.open(file);
    const into = new Map<string, Column>([['x', { kind: 'float64', values: new Float64Array(m) }]]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: m }), fc.integer({ min: 0, max: m }), (a, b) => {
        const [start, end] = [Math.min(a, b), Math.max(a, b)];
        expectSame(reader.read({ start, end }), columns, start, end);
        const x = reader.read({ columns: ['x'], start, end, into }).get('x') as { values: Float64Array };
        expect(x.values.buffer).toBe((into.get('x') as { values: Float64Array }).values.buffer);
      }),
      { numRuns: 15 },
    );
    reader.close();
  });

  it('writes files other readers decode to the same values and types (parquet-wasm, through Arrow)', async () => {
    const file = path.join(tempDir(), 't.parquet');
    const columns = table(10_000);
    await writeParquetColumns(file, columns, { a: 'b' });
    const arrow = readParquet(readFileSync(file));
    expect(arrow.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual(['ticker:Utf8', 'date:Date32<DAY>', 'x:Float64', 'segment:Int8', 'count:Int32']);
    expect(tableMetadata(arrow)).toEqual({ a: 'b' });
    expectSame(tableColumns(arrow), columns);
  });

  it('writes the same bytes for the same table, and only the dictionary entries a row group uses', async () => {
    const dir = tempDir();
    await writeParquetColumns(path.join(dir, 'a.parquet'), table(20_000), {}, 5_000);
    await writeParquetColumns(path.join(dir, 'b.parquet'), table(20_000), {}, 5_000);
    const a = readFileSync(path.join(dir, 'a.parquet'));
    expect(a.equals(readFileSync(path.join(dir, 'b.parquet')))).toBe(true);
    // T9-é is in the dictionary but on no row.
    expect(a.includes(Buffer.from('T9-é'))).toBe(false);
  });

  it('refuses a row group whose columns differ from the first, and a column of another length', async () => {
    const writer = new ParquetFileWriter(path.join(tempDir(), 't.parquet'));
    await writer.writeRowGroup([['x', { kind: 'float64', values: new Float64Array(3) }]]);
    await expect(writer.writeRowGroup([['x', { kind: 'int32', values: new Int32Array(3) }]])).rejects.toThrow(/row group 1 has columns \(x:int32\) but the file started with \(x:float64\)/);
    await expect(
      writer.writeRowGroup([
        ['x', { kind: 'float64', values: new Float64Array(3) }],
        ['y', { kind: 'float64', values: new Float64Array(2) }],
      ]),
    ).rejects.toThrow(/column 'y' has 2 rows, but 'x' has 3/);
    await writer.abort();
  });

  it('stores float32 columns as FLOAT, read back bit for bit here and as Float32 by other readers', async () => {
    const file = path.join(tempDir(), 'f32.parquet');
    const values = Float32Array.from({ length: PAGE_ROWS + 9 }, (_, i) => (i % 89 === 0 ? Number.NaN : Math.fround(i / 3 - 1e4)));
    await writeParquetColumns(file, [['x', { kind: 'float32', values }]]);
    const back = ParquetFileReader.open(file).read().get('x')!;
    expect(back.kind).toBe('float32');
    expect(bytes(back).equals(bytes({ kind: 'float32', values }))).toBe(true);
    const arrow = readParquet(readFileSync(file));
    expect(String(arrow.schema.fields[0]!.type)).toBe('Float32');
    expect(Float64Array.from(values)).toEqual((tableColumns(arrow).get('x') as { values: Float64Array }).values);
  });

  it('names the file when it is not Parquet or its footer is damaged', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'text.parquet'), 'ticker,date\nA,2020-01-02\n');
    expect(() => ParquetFileReader.open(path.join(dir, 'text.parquet'))).toThrow(/text\.parquet is not a Parquet file \(no PAR1 footer\)/);
    const good = path.join(dir, 'good.parquet');
    await writeParquetColumns(good, table(100));
    const damaged = readFileSync(good);
    damaged.fill(0xff, damaged.length - 60, damaged.length - 8);
    writeFileSync(path.join(dir, 'bad.parquet'), damaged);
    expect(() => ParquetFileReader.open(path.join(dir, 'bad.parquet'))).toThrow(/bad\.parquet: cannot decode the Parquet footer/);
  });
});

describe('table files', () => {
  it('reads Parquet written by other tools (Snappy, Arrow types) through parquet-wasm, by row range too', async () => {
    const file = path.join(tempDir(), 'foreign.parquet');
    const columns = table(5_000);
    writeFileSync(file, writeParquet(columnsToTable(columns, { k: 'v' })));
    expect(ParquetFileReader.open(file).unsupported).toMatch(/compressed/);
    const whole = await readTableFile(file);
    expect(whole.rows).toBe(5_000);
    expect(whole.metadata.k).toBe('v');
    expectSame(whole.columns, columns);
    const source = await openTableFile(file);
    expectSame(source.read({ start: 10, end: 3_000 }), columns, 10, 3_000);
  });

  it('leaves nested files to the Arrow reader, which names the column it cannot read', async () => {
    const file = path.join(tempDir(), 'nested.parquet');
    const { tableFromArrays, vectorFromArray, List, Field, Float64, Table } = await import('apache-arrow');
    const lists = vectorFromArray([[1, 2], [3]], new List(new Field('item', new Float64(), true)));
    writeFileSync(file, writeParquet(new Table({ x: tableFromArrays({ x: Float64Array.of(1, 2) }).getChild('x')!, lists })));
    expect(ParquetFileReader.open(file).unsupported).toBe('the schema is nested (lists or structs)');
    await expect(readTableFile(file)).rejects.toThrow(/column 'lists' has type List/);
  });

  it('reads a foreign file past the in-memory limit one row group at a time, with the same result', async () => {
    const file = path.join(tempDir(), 'foreign.parquet');
    const columns = table(5_000);
    writeFileSync(file, writeParquet(columnsToTable(columns)));
    const streamed = await readParquetFile(file, { inMemoryBytes: 0 });
    expectSame(tableColumns(streamed), columns);
  });
});
