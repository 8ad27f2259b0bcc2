import { DateDay, Float64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { exportArtifact } from '../../src/io/artifact-export.js';
import { readParquet, writeParquet } from '../../src/io/parquet.js';

const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const rows = (table: Table) => table.toArray().map((row) => row.toJSON());

const prices = new Table({
  day: vectorFromArray([Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)], new DateDay()),
  close: vectorFromArray([101.5, Number.NaN], new Float64()),
  symbol: vectorFromArray(['AAPL', 'B,C'], new Utf8()),
});

describe('exportArtifact', () => {
  it('renders a parquet artifact as csv', () => {
    const csv = exportArtifact({ bytes: writeParquet(prices), format: 'parquet', to: 'csv' });
    expect(decode(csv)).toBe('day,close,symbol\n2024-01-02,101.5,AAPL\n2024-01-03,,"B,C"\n');
  });

  it('returns a parquet artifact exported to parquet byte for byte', () => {
    const bytes = writeParquet(prices);
    expect(exportArtifact({ bytes, format: 'parquet', to: 'parquet' })).toBe(bytes);
  });

  it('renders a json array of records as csv, in first-seen key order, nulls for missing keys', () => {
    const json = [{ fold: 1, sharpe: 1.25 }, { fold: 2, note: 'short, "noisy"', ok: true }, { ok: false }];
    const csv = exportArtifact({ bytes: encode(json), format: 'json', to: 'csv' });
    expect(decode(csv)).toBe('fold,sharpe,note,ok\n1,1.25,,\n2,,"short, ""noisy""",true\n,,,false\n');
  });

  it('converts a json array of records to parquet with inferred column types', () => {
    const json = [{ fold: 1, name: 'a', ok: true, extra: { k: 1 } }, { fold: 2.5, name: null, ok: false, extra: 'x' }];
    const table = readParquet(exportArtifact({ bytes: encode(json), format: 'json', to: 'parquet' }));
    expect(table.schema.fields.map((field) => `${field.name}:${field.type}`)).toEqual([
      'fold:Float64',
      'name:Utf8',
      'ok:Bool',
      'extra:Utf8',
    ]);
    expect(rows(table)).toEqual([
      { fold: 1, name: 'a', ok: true, extra: '{"k":1}' },
      { fold: 2.5, name: null, ok: false, extra: 'x' },
    ]);
  });

  it('turns a json array of numbers into a single value column', () => {
    const bytes = encode([0.5, -1, null, 3]);
    expect(decode(exportArtifact({ bytes, format: 'json', to: 'csv' }))).toBe('value\n0.5\n-1\n\n3\n');
    const table = readParquet(exportArtifact({ bytes, format: 'json', to: 'parquet' }));
    expect(String(table.schema.fields[0]!.type)).toBe('Float64');
    expect([...table.getChild('value')!]).toEqual([0.5, -1, null, 3]);
  });

  it('treats keys named like Object.prototype members as ordinary columns', () => {
    const bytes = encode('[{"constructor": "c", "__proto__": 1}, {"toString": true}]');
    const csv = exportArtifact({ bytes, format: 'json', to: 'csv' });
    expect(decode(csv)).toBe('constructor,__proto__,toString\nc,1,\n,,true\n');
  });

  it('writes the same parquet bytes for the same json twice', () => {
    const bytes = encode([{ a: 1, b: 'x' }]);
    const first = exportArtifact({ bytes, format: 'json', to: 'parquet' });
    expect(exportArtifact({ bytes: encode([{ a: 1, b: 'x' }]), format: 'json', to: 'parquet' })).toEqual(first);
  });

  it('refuses binary artifacts with a clear error', () => {
    for (const to of ['csv', 'parquet'] as const) {
      expect(() => exportArtifact({ bytes: new Uint8Array([1, 2, 3]), format: 'bytes', to })).toThrow(
        /binary artifacts cannot be exported as tables/,
      );
    }
  });

  it('refuses json that is invalid or not an array of records or numbers', () => {
    const attempt = (text: string) => () => exportArtifact({ bytes: encode(text), format: 'json', to: 'csv' });
    expect(attempt('{"a": 1')).toThrow(/json artifact is not valid JSON/);
    expect(attempt('{"a": 1}')).toThrow('expected a JSON array of records or numbers, got an object');
    expect(attempt('[{"a": 1}, 2]')).toThrow('expected a JSON array of records, but element 1 is a number');
    expect(attempt('[[1, 2]]')).toThrow('expected a JSON array of records, but element 0 is an array');
  });
});
