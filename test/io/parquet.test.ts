import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DateDay,
  Float64,
  Int32,
  Table,
  TimestampMicrosecond,
  TimestampMillisecond,
  Utf8,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { readParquet, writeParquet } from '../../src/io/parquet.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sampleTable(prices: (number | null)[] = [101.25, Number.NaN, null, -0.5]): Table {
  return new Table({
    price: vectorFromArray(prices, new Float64()),
    qty: vectorFromArray([1, null, -3, 2_147_483_647], new Int32()),
    symbol: vectorFromArray(['AAPL', null, 'a,"b"', ''], new Utf8()),
    day: vectorFromArray([Date.UTC(2024, 0, 2), null, Date.UTC(1969, 11, 31), 0], new DateDay()),
    at: vectorFromArray([Date.UTC(2024, 0, 2, 14, 30), 0, null, -1], new TimestampMillisecond()),
    atMicros: vectorFromArray([1_704_205_800_000.001, null, 0, 1], new TimestampMicrosecond('UTC')),
  });
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const ascii = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

/**
 * Writes `ipc` (an Arrow IPC stream) as Parquet in a fresh Node process, using
 * src/io/parquet.ts transpiled on the fly (it imports only packages, so it runs
 * standalone), and returns the sha256 of the bytes.
 */
function sha256InChildProcess(ipc: Uint8Array): string {
  // The compiled module (npm test builds dist/ first), imported fresh in the child.
  const compiled = pathToFileURL(path.join(ROOT, 'dist/src/io/parquet.js')).href;
  const script = `import { writeParquet } from '${compiled}';
import { createHash as __hash } from 'node:crypto';
import { tableFromIPC as __fromIPC } from 'apache-arrow';
const __ipc = Buffer.from(process.env.IPC_BASE64, 'base64');
process.stdout.write(__hash('sha256').update(writeParquet(__fromIPC(__ipc))).digest('hex'));
`;
  // A different time zone and locale, to catch any dependence on the host.
  const env = {
    ...process.env,
    IPC_BASE64: Buffer.from(ipc).toString('base64'),
    TZ: 'Asia/Kolkata',
    LANG: 'de_DE.UTF-8',
  };
  // cwd = repository root, so the child resolves apache-arrow and parquet-wasm from our node_modules.
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return child.stdout;
}

describe('writeParquet / readParquet', () => {
  it('round-trips floats (with NaN), int32, strings, dates, timestamps and nulls', () => {
    const table = sampleTable();
    const back = readParquet(writeParquet(table));

    expect(back.schema.fields.map((field) => `${field.name}:${field.type}`)).toEqual([
      'price:Float64',
      'qty:Int32',
      'symbol:Utf8',
      'day:Date32<DAY>',
      'at:Timestamp<MILLISECOND>',
      'atMicros:Timestamp<MICROSECOND, UTC>',
    ]);
    expect(back.numRows).toBe(4);
    expect([...back.getChild('price')!]).toEqual([101.25, Number.NaN, null, -0.5]);
    expect([...back.getChild('qty')!]).toEqual([1, null, -3, 2_147_483_647]);
    expect([...back.getChild('symbol')!]).toEqual(['AAPL', null, 'a,"b"', '']);
    expect([...back.getChild('day')!]).toEqual([Date.UTC(2024, 0, 2), null, Date.UTC(1969, 11, 31), 0]);
    expect([...back.getChild('at')!]).toEqual([Date.UTC(2024, 0, 2, 14, 30), 0, null, -1]);
    // Compare raw int64s: arrow-js reads microseconds back as float milliseconds.
    const micros = back.getChild('atMicros')!.data[0]!;
    const raw = [0, 1, 2, 3].map((i) => (micros.getValid(i) ? micros.values[i] : null));
    expect(raw).toEqual([1_704_205_800_000_001n, null, 0n, 1_000n]);
  });

  it('round-trips an empty table with its schema', () => {
    const empty = sampleTable().slice(0, 0);
    const back = readParquet(writeParquet(empty));
    expect(back.numRows).toBe(0);
    expect(back.schema.names).toEqual(empty.schema.names);
  });

  it('writes bytes framed by the Parquet magic PAR1', () => {
    const bytes = writeParquet(sampleTable());
    expect(ascii(bytes.subarray(0, 4))).toBe('PAR1');
    expect(ascii(bytes.subarray(-4))).toBe('PAR1');
  });

  it('pins created_by instead of embedding the library version', () => {
    const footer = ascii(writeParquet(sampleTable()));
    expect(footer).toContain('tradelab');
    expect(footer).not.toContain('parquet-rs version');
  });

  it('writes identical bytes on consecutive writes and for equal tables built separately', () => {
    const first = writeParquet(sampleTable());
    expect(writeParquet(sampleTable())).toEqual(first);
    const table = sampleTable();
    for (let i = 0; i < 3; i++) expect(writeParquet(table)).toEqual(first);
  });

  it('writes identical bytes in a separate Node process with another time zone', () => {
    const table = sampleTable();
    const ipc = tableToIPC(table, 'stream');
    expect(writeParquet(tableFromIPC(ipc))).toEqual(writeParquet(table));
    expect(sha256InChildProcess(ipc)).toBe(sha256(writeParquet(table)));
  });

  it('changes the bytes when a value changes', () => {
    const changed = sampleTable([101.26, Number.NaN, null, -0.5]);
    expect(writeParquet(changed)).not.toEqual(writeParquet(sampleTable()));
  });
});
