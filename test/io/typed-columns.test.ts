import { describe, expect, it } from 'vitest';
import { readParquet, writeParquet } from '../../src/io/parquet.js';
import { columnsToTable, tableColumns, tableMetadata } from '../../src/io/typed-columns.js';

describe('typed columns <-> Arrow tables', () => {
  it('round-trips floats with NaN, ints, dates, dictionary strings and metadata through Parquet', () => {
    const table = columnsToTable(
      [
        ['ticker', { kind: 'strings', indices: Int32Array.from([0, 0, 1]), dictionary: ['AA', 'MSFT'] }],
        ['date', { kind: 'date', days: Int32Array.from([11000, 11001, 11000]) }],
        ['close', { kind: 'float64', values: Float64Array.from([1.5, Number.NaN, 3]) }],
        ['label', { kind: 'int8', values: Int8Array.from([1, -1, 0]) }],
        ['fold', { kind: 'int32', values: Int32Array.from([0, 1, 2]) }],
      ],
      { 'tradelab.skipped': '[]' },
    );
    const back = readParquet(writeParquet(table));
    expect(tableMetadata(back)['tradelab.skipped']).toBe('[]');
    const cols = tableColumns(back);
    expect(cols.get('ticker')).toEqual({ kind: 'strings', indices: Int32Array.from([0, 0, 1]), dictionary: ['AA', 'MSFT'] });
    expect(cols.get('date')).toEqual({ kind: 'date', days: Int32Array.from([11000, 11001, 11000]) });
    expect(cols.get('close')).toEqual({ kind: 'float64', values: Float64Array.from([1.5, Number.NaN, 3]) });
    expect(cols.get('label')).toEqual({ kind: 'int8', values: Int8Array.from([1, -1, 0]) });
    expect(cols.get('fold')).toEqual({ kind: 'int32', values: Int32Array.from([0, 1, 2]) });
    expect(writeParquet(columnsToTable([['x', { kind: 'float64', values: Float64Array.from([1]) }]]))).toEqual(
      writeParquet(columnsToTable([['x', { kind: 'float64', values: Float64Array.from([1]) }]])),
    );
  });

  it('reads timestamp columns (as pandas writes dates) as calendar days', async () => {
    const { Table, TimestampMillisecond, vectorFromArray } = await import('apache-arrow');
    const ms = [Date.UTC(2001, 0, 2), Date.UTC(2001, 0, 3, 15)];
    const table = new Table({ date: vectorFromArray(ms.map((m) => new Date(m)), new TimestampMillisecond()) });
    expect(tableColumns(readParquet(writeParquet(table))).get('date')).toEqual({ kind: 'date', days: Int32Array.from([11324, 11325]) });
  });

  it('reads plain (non-dictionary) string columns from other writers', async () => {
    const { tableFromArrays } = await import('apache-arrow');
    const cols = tableColumns(readParquet(writeParquet(tableFromArrays({ ticker: ['B', 'A', 'B'] }))));
    expect(cols.get('ticker')).toEqual({ kind: 'strings', indices: Int32Array.from([0, 1, 0]), dictionary: ['B', 'A'] });
  });
});
