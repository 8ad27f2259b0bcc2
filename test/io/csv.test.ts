import {
  Bool,
  DateDay,
  DateMillisecond,
  Float64,
  Int32,
  Int64,
  Table,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Utf8,
  makeData,
  makeVector,
  vectorFromArray,
  type Timestamp,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { tableToCsv } from '../../src/io/csv.js';

/** A timestamp column from exact raw int64 ticks (arrow-js builders take float ms). */
function timestamps(type: Timestamp, ticks: bigint[]) {
  return makeVector(makeData({ type, length: ticks.length, data: BigInt64Array.from(ticks) }));
}

describe('tableToCsv', () => {
  it('writes a header row, one line per row and a trailing newline', () => {
    const table = new Table({
      a: vectorFromArray([1, 2], new Int32()),
      b: vectorFromArray(['x', 'y'], new Utf8()),
    });
    expect(tableToCsv(table)).toBe('a,b\n1,x\n2,y\n');
  });

  it('quotes fields holding commas, quotes, CR or LF and doubles the quotes', () => {
    const text = ['plain', 'a,b', 'say "hi"', 'line\nbreak', 'cr\rhere', ' spaced '];
    const table = new Table({ 'name, "quoted"': vectorFromArray(text, new Utf8()) });
    expect(tableToCsv(table)).toBe(
      '"name, ""quoted"""\nplain\n"a,b"\n"say ""hi"""\n"line\nbreak"\n"cr\rhere"\n spaced \n',
    );
  });

  it('writes null and NaN as empty fields but an empty string as ""', () => {
    const table = new Table({
      x: vectorFromArray([Number.NaN, null, 1.5], new Float64()),
      s: vectorFromArray([null, '', 'v'], new Utf8()),
    });
    expect(tableToCsv(table)).toBe('x,s\n,\n,""\n1.5,v\n');
  });

  it('writes numbers in shortest round-trip form, bigints exactly and booleans as words', () => {
    const table = new Table({
      f: vectorFromArray([0.1 + 0.2, 1e21, -0, 5e-324, Number.POSITIVE_INFINITY], new Float64()),
      i: vectorFromArray([9_007_199_254_740_993n, -1n, null, 0n, 2n ** 63n - 1n], new Int64()),
      b: vectorFromArray([true, false, null, true, false], new Bool()),
    });
    expect(tableToCsv(table)).toBe(
      'f,i,b\n' +
        '0.30000000000000004,9007199254740993,true\n' +
        '1e+21,-1,false\n' +
        '0,,\n' +
        '5e-324,0,true\n' +
        'Infinity,9223372036854775807,false\n',
    );
  });

  it('writes date32 and date64 columns as YYYY-MM-DD', () => {
    const days = [Date.UTC(2024, 1, 29), null, Date.UTC(1969, 11, 31)];
    const table = new Table({
      d32: vectorFromArray(days, new DateDay()),
      d64: vectorFromArray(days, new DateMillisecond()),
    });
    expect(tableToCsv(table)).toBe('d32,d64\n2024-02-29,2024-02-29\n,\n1969-12-31,1969-12-31\n');
  });

  it('writes timestamps as UTC ISO 8601 with the precision of their unit', () => {
    const table = new Table({
      s: timestamps(new TimestampSecond(), [1_704_164_645n, -1n]),
      ms: vectorFromArray([Date.UTC(2024, 0, 2, 3, 4, 5, 6), null], new TimestampMillisecond()),
      us: timestamps(new TimestampMicrosecond('UTC'), [1_704_164_645_000_001n, -1n]),
      ns: timestamps(new TimestampNanosecond(), [1_704_164_645_123_456_789n, 0n]),
    });
    expect(tableToCsv(table)).toBe(
      's,ms,us,ns\n' +
        '2024-01-02T03:04:05Z,2024-01-02T03:04:05.006Z,2024-01-02T03:04:05.000001Z,2024-01-02T03:04:05.123456789Z\n' +
        '1969-12-31T23:59:59Z,,1969-12-31T23:59:59.999999Z,1970-01-01T00:00:00.000000000Z\n',
    );
  });

  it('reads every chunk of a multi-batch column and honours slices', () => {
    const part = (values: number[]) => new Table({ v: vectorFromArray(values, new Float64()) });
    const table = part([1, 2]).concat(part([3, 4]));
    expect(tableToCsv(table)).toBe('v\n1\n2\n3\n4\n');
    expect(tableToCsv(table.slice(1, 3))).toBe('v\n2\n3\n');
    const stamps = new Table({ t: timestamps(new TimestampSecond(), [0n, 60n, 120n]) }).slice(1);
    expect(tableToCsv(stamps)).toBe('t\n1970-01-01T00:01:00Z\n1970-01-01T00:02:00Z\n');
  });

  it('writes only the header for a table without rows', () => {
    const table = new Table({ a: vectorFromArray([], new Int32()), b: vectorFromArray([], new Utf8()) });
    expect(tableToCsv(table)).toBe('a,b\n');
  });
});
