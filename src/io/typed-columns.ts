/**
 * Arrow tables <-> typed-array columns, without per-row objects. The domain library works
 * on typed arrays; stages use this to read and write their Parquet artifacts.
 * Strings are stored dictionary-encoded (a ticker column of millions of rows holds each
 * name once); dates as Arrow Date32 (days since the epoch).
 */
import {
  DateDay,
  DateUnit,
  Dictionary,
  Int32,
  Schema,
  Field,
  RecordBatch,
  Table,
  TimeUnit,
  Timestamp,
  Type,
  Utf8,
  makeData,
  makeVector,
  vectorFromArray,
  type Data,
  type DataType,
  type Vector,
} from 'apache-arrow';

import type { Column } from './column.js';

export type { Column } from './column.js';

/** Builds a table from named columns (in order) with optional schema metadata. */
export function columnsToTable(columns: [string, Column][], metadata: Record<string, string> = {}): Table {
  const plain = new Table(Object.fromEntries(columns.map(([name, column]) => [name, toVector(column)])));
  const fields = plain.schema.fields.map((f, i) => new Field(f.name, f.type, columnNullable(columns[i]![1])));
  const schema = new Schema(fields, new Map(Object.entries(metadata)));
  return new Table(schema, plain.batches.map((batch) => new RecordBatch(schema, batch.data)));
}

function columnNullable(column: Column): boolean {
  return column.kind === 'float64' || column.kind === 'float32';
}

function toVector(column: Column): Vector {
  switch (column.kind) {
    case 'float64':
    case 'float32':
      return makeVector(column.values);
    case 'int32':
      return makeVector(column.values);
    case 'int8':
      return makeVector(column.values);
    case 'date':
      return makeVector(makeData({ type: new DateDay(), length: column.days.length, nullCount: 0, data: column.days }));
    case 'strings': {
      const dictionary = vectorFromArray(column.dictionary, new Utf8());
      const type = new Dictionary(new Utf8(), new Int32());
      return makeVector(makeData({ type, length: column.indices.length, nullCount: 0, data: column.indices, dictionary }));
    }
  }
}

/** Reads every column of a table into typed arrays (chunks concatenated). */
export function tableColumns(table: Table): Map<string, Column> {
  const out = new Map<string, Column>();
  for (const field of table.schema.fields) {
    const vector = table.getChild(field.name);
    if (vector) out.set(field.name, fromVector(field.name, vector));
  }
  return out;
}

/** Schema metadata of a table as a plain object. */
export function tableMetadata(table: Table): Record<string, string> {
  return Object.fromEntries(table.schema.metadata);
}

function fromVector(name: string, vector: Vector): Column {
  const type = vector.type as DataType & { bitWidth?: number };
  switch (type.typeId) {
    case Type.Dictionary:
      return dictionaryColumn(vector);
    case Type.Utf8:
    case Type.LargeUtf8:
      return stringColumn(vector);
    case Type.Date:
      if ((type as DateDay).unit === DateUnit.DAY) return { kind: 'date', days: concat(vector.data, Int32Array) };
      return { kind: 'date', days: daysOf(vector, 86_400_000) };
    case Type.Timestamp:
      return { kind: 'date', days: daysOf(vector, 86_400 * TIMESTAMP_PER_SECOND[(type as Timestamp).unit]!) };
    case Type.Float:
      return { kind: 'float64', values: floats(vector) };
    case Type.Int:
      if (type.bitWidth === 8) return { kind: 'int8', values: concat(vector.data, Int8Array) };
      if (type.bitWidth === 32) return { kind: 'int32', values: concat(vector.data, Int32Array) };
      break;
    default:
      break;
  }
  throw new Error(`column '${name}' has type ${String(type)}, which tradelab does not read`);
}

const TIMESTAMP_PER_SECOND: Record<number, number> = { [TimeUnit.SECOND]: 1, [TimeUnit.MILLISECOND]: 1e3, [TimeUnit.MICROSECOND]: 1e6, [TimeUnit.NANOSECOND]: 1e9 };

/** Timestamps and Date64 (pandas, DuckDB) as epoch days: the UTC calendar day of each value. */
function daysOf(vector: Vector, unitsPerDay: number): Int32Array {
  const out = new Int32Array(vector.length);
  let offset = 0;
  for (const chunk of vector.data) {
    const raw = chunk.values as BigInt64Array | Int32Array;
    const stride = raw.length / chunk.length === 2 ? 2 : 1;
    for (let i = 0; i < chunk.length; i++) {
      const value = raw instanceof BigInt64Array ? Number(raw[i]) : stride === 2 ? raw[2 * i]! + raw[2 * i + 1]! * 2 ** 32 : raw[i]!;
      out[offset + i] = Math.floor(value / unitsPerDay);
    }
    offset += chunk.length;
  }
  return out;
}

/** Float columns as Float64Array, nulls as NaN. */
function floats(vector: Vector): Float64Array {
  const out = new Float64Array(vector.length);
  let offset = 0;
  for (const chunk of vector.data) {
    const values = chunk.values as Float64Array | Float32Array;
    if (chunk.nullCount === 0) {
      out.set(values.subarray(0, chunk.length), offset);
    } else {
      for (let i = 0; i < chunk.length; i++) out[offset + i] = chunk.getValid(i) ? values[i]! : Number.NaN;
    }
    offset += chunk.length;
  }
  return out;
}

function concat<T extends Int32Array | Int8Array>(chunks: readonly Data[], Ctor: { new (n: number): T }): T {
  const out = new Ctor(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set((chunk.values as T).subarray(0, chunk.length), offset);
    offset += chunk.length;
  }
  return out;
}

/** Numbers distinct strings in order of first appearance: the dictionary of a strings column. */
class StringInterner {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();

  id(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.index.set(name, i);
    }
    return i;
  }
}

/** Dictionary chunks may each have their own dictionary; they are merged into one. */
function dictionaryColumn(vector: Vector): Column {
  const interner = new StringInterner();
  const indices = new Int32Array(vector.length);
  let offset = 0;
  for (const chunk of vector.data) {
    const remap = (chunk.dictionary!.toArray() as string[]).map((name) => interner.id(name));
    const keys = chunk.values as ArrayLike<number>;
    for (let i = 0; i < chunk.length; i++) indices[offset + i] = remap[Number(keys[i])]!;
    offset += chunk.length;
  }
  return { kind: 'strings', indices, dictionary: interner.names };
}

function stringColumn(vector: Vector): Column {
  const interner = new StringInterner();
  const indices = new Int32Array(vector.length);
  let row = 0;
  for (const value of vector) indices[row++] = interner.id(String(value));
  return { kind: 'strings', indices, dictionary: interner.names };
}
