import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../../src/io/parquet.js';
import { ROW_GROUP_ROWS, readParquetFile, writeParquetFile } from '../../src/io/parquet-file.js';
import { columnsToTable, tableColumns, tableMetadata, type Column } from '../../src/io/typed-columns.js';
import { tempDir } from '../helpers/engine-harness.js';

function bigTable() {
  const n = ROW_GROUP_ROWS * 2 + 17;
  const values = new Float64Array(n).map((_, i) => (i % 97 === 0 ? Number.NaN : i / 7));
  const days = new Int32Array(n).map((_, i) => 10_000 + (i % 2520));
  const ticker = new Int32Array(n).map((_, i) => Math.floor(i / 2520));
  return columnsToTable(
    [
      ['ticker', { kind: 'strings', indices: ticker, dictionary: Array.from({ length: ticker[n - 1]! + 1 }, (_, i) => `T${i}`) }],
      ['date', { kind: 'date', days }],
      ['x', { kind: 'float64', values }],
    ],
    { 'tradelab.features': '["x"]' },
  );
}

/** Byte-equal typed arrays (toEqual walks 260k elements one by one, which takes seconds). */
function expectSameColumns(a: Map<string, Column>, b: Map<string, Column>): void {
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [name, column] of a) {
    const other = b.get(name)!;
    expect(column.kind, name).toBe(other.kind);
    const bytes = (c: Column) => {
      const v = c.kind === 'date' ? c.days : c.kind === 'strings' ? c.indices : c.values;
      return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    };
    expect(bytes(column).equals(bytes(other)), name).toBe(true);
    if (column.kind === 'strings' && other.kind === 'strings') expect(column.dictionary).toEqual(other.dictionary);
  }
}

describe('streamed Parquet files', () => {
  it('round-trips several row groups with schema metadata, and reads the same as the in-memory reader', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.parquet');
    const table = bigTable();
    await writeParquetFile(table, file);
    const back = await readParquetFile(file);
    expect(back.numRows).toBe(table.numRows);
    expect(tableMetadata(back)['tradelab.features']).toBe('["x"]');
    expectSameColumns(tableColumns(back), tableColumns(table));
    expectSameColumns(tableColumns(readParquet(readFileSync(file))), tableColumns(table));
  });

  it('reads a file past the in-memory limit one row group at a time, with the same result', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.parquet');
    const table = bigTable();
    await writeParquetFile(table, file);
    const streamed = await readParquetFile(file, { inMemoryBytes: 0 });
    expect(tableMetadata(streamed)['tradelab.features']).toBe('["x"]');
    expectSameColumns(tableColumns(streamed), tableColumns(table));
  });

  it('writes the same bytes for the same table', async () => {
    const dir = tempDir();
    await writeParquetFile(bigTable(), path.join(dir, 'a.parquet'));
    await writeParquetFile(bigTable(), path.join(dir, 'b.parquet'));
    expect(readFileSync(path.join(dir, 'a.parquet')).equals(readFileSync(path.join(dir, 'b.parquet')))).toBe(true);
  });
});
