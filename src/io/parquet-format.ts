/**
 * Parquet's file metadata and page headers (parquet-format's parquet.thrift), the subset
 * tradelab writes and reads:
 * 1. the enums, with the numbers the format fixes;
 * 2. `encodeFileMetaData` / `encodePageHeader` for the writer;
 * 3. `decodeFileMetaData` / `decodePageHeader` for the reader, into plain typed objects.
 */
import { ThriftWriter, readThriftStruct, type ThriftStruct, type ThriftValue } from './thrift-compact.js';

export const MAGIC = 'PAR1';

export const PhysicalType = { BOOLEAN: 0, INT32: 1, INT64: 2, INT96: 3, FLOAT: 4, DOUBLE: 5, BYTE_ARRAY: 6, FIXED_LEN_BYTE_ARRAY: 7 } as const;
export const Repetition = { REQUIRED: 0, OPTIONAL: 1, REPEATED: 2 } as const;
export const ConvertedType = { UTF8: 0, DATE: 6, INT_8: 15, INT_32: 17 } as const;
export const Encoding = { PLAIN: 0, PLAIN_DICTIONARY: 2, RLE: 3, BIT_PACKED: 4, RLE_DICTIONARY: 8 } as const;
export const Codec = { UNCOMPRESSED: 0, SNAPPY: 1 } as const;
export const PageType = { DATA_PAGE: 0, DICTIONARY_PAGE: 2, DATA_PAGE_V2: 3 } as const;

/** LogicalType union members tradelab writes: STRING (1), DATE (6), INTEGER (10). */
export type LogicalType = { kind: 'string' } | { kind: 'date' } | { kind: 'integer'; bitWidth: number; signed: boolean };

export interface SchemaLeaf {
  name: string;
  type: number;
  repetition: number;
  convertedType?: number;
  logicalType?: LogicalType;
}

export interface ColumnChunkMeta {
  type: number;
  encodings: number[];
  path: string[];
  codec: number;
  numValues: number;
  uncompressedSize: number;
  compressedSize: number;
  dataPageOffset: number;
  dictionaryPageOffset?: number;
}

export interface RowGroupMeta {
  columns: ColumnChunkMeta[];
  totalByteSize: number;
  numRows: number;
}

export interface FileMetaData {
  version: number;
  /** The leaf columns in order (tradelab's tables are flat). */
  leaves: SchemaLeaf[];
  /** The schema has groups (lists, structs): its leaves are not a flat table's columns. */
  nested?: boolean;
  numRows: number;
  rowGroups: RowGroupMeta[];
  keyValues: Map<string, string>;
  createdBy?: string;
}

export interface PageHeader {
  type: number;
  uncompressedSize: number;
  compressedSize: number;
  numValues: number;
  encoding: number;
  /** Data page v2 only: byte lengths of the level sections, which are never compressed. */
  levelsBytes?: { definition: number; repetition: number };
  /** Data page v2 only: false when the values section is stored uncompressed. */
  compressed?: boolean;
  numNulls?: number;
}

export function encodeFileMetaData(meta: FileMetaData): Uint8Array {
  const w = new ThriftWriter();
  w.i32(1, meta.version);
  const root = { name: 'schema', children: meta.leaves.length };
  w.structList(2, [root, ...meta.leaves], (s, item) => {
    if ('children' in item) {
      s.binary(4, item.name).i32(5, item.children);
      return;
    }
    s.i32(1, item.type).i32(3, item.repetition).binary(4, item.name);
    if (item.convertedType !== undefined) s.i32(6, item.convertedType);
    if (item.logicalType) writeLogicalType(s, item.logicalType);
  });
  w.i64(3, meta.numRows);
  w.structList(4, meta.rowGroups, (g, group) => {
    g.structList(1, group.columns, (c, column) => {
      c.i64(2, column.dictionaryPageOffset ?? column.dataPageOffset);
      c.struct(3);
      c.i32(1, column.type).i32List(2, column.encodings).binaryList(3, column.path).i32(4, column.codec);
      c.i64(5, column.numValues).i64(6, column.uncompressedSize).i64(7, column.compressedSize).i64(9, column.dataPageOffset);
      if (column.dictionaryPageOffset !== undefined) c.i64(11, column.dictionaryPageOffset);
      c.end();
    });
    g.i64(2, group.totalByteSize).i64(3, group.numRows);
  });
  if (meta.keyValues.size > 0) w.structList(5, [...meta.keyValues], (kv, [key, value]) => kv.binary(1, key).binary(2, value));
  if (meta.createdBy !== undefined) w.binary(6, meta.createdBy);
  // Column orders: TYPE_DEFINED_ORDER for every leaf, as current writers declare.
  w.structList(7, meta.leaves, (o) => o.struct(1).end());
  return w.end().finish();
}

function writeLogicalType(w: ThriftWriter, logical: LogicalType): void {
  w.struct(10);
  if (logical.kind === 'string') w.struct(1).end();
  else if (logical.kind === 'date') w.struct(6).end();
  else w.struct(10).i8(1, logical.bitWidth).bool(2, logical.signed).end();
  w.end();
}

/** A data page v1 header (values PLAIN or RLE_DICTIONARY, levels RLE) or a dictionary page header. */
export function encodePageHeader(header: PageHeader): Uint8Array {
  const w = new ThriftWriter();
  w.i32(1, header.type).i32(2, header.uncompressedSize).i32(3, header.compressedSize);
  if (header.type === PageType.DICTIONARY_PAGE) w.struct(7).i32(1, header.numValues).i32(2, header.encoding).end();
  else w.struct(5).i32(1, header.numValues).i32(2, header.encoding).i32(3, Encoding.RLE).i32(4, Encoding.RLE).end();
  return w.end().finish();
}

export function decodeFileMetaData(bytes: Uint8Array): FileMetaData {
  const s = readThriftStruct(bytes).value;
  const schema = list(s[2]).map(struct);
  const leaves = schema.filter((e) => e[5] === undefined || num(e[5]) === 0).map(
    (e): SchemaLeaf => ({
      name: text(e[4]),
      type: num(e[1]),
      repetition: e[3] === undefined ? Repetition.REQUIRED : num(e[3]),
      ...(e[6] !== undefined ? { convertedType: num(e[6]) } : {}),
      ...(e[10] !== undefined ? { logicalType: readLogicalType(struct(e[10])) } : {}),
    }),
  );
  const rowGroups = list(s[4]).map(struct).map(
    (g): RowGroupMeta => ({
      columns: list(g[1]).map(struct).map((c) => readColumnMeta(struct(c[3]))),
      totalByteSize: num(g[2]),
      numRows: num(g[3]),
    }),
  );
  const keyValues = new Map<string, string>();
  for (const kv of list(s[5] ?? []).map(struct)) keyValues.set(text(kv[1]), kv[2] === undefined ? '' : text(kv[2]));
  return { version: num(s[1]), leaves, nested: schema.length - 1 !== leaves.length, numRows: num(s[3]), rowGroups, keyValues, ...(s[6] !== undefined ? { createdBy: text(s[6]) } : {}) };
}

function readLogicalType(s: ThriftStruct): LogicalType | undefined {
  if (s[1] !== undefined) return { kind: 'string' };
  if (s[6] !== undefined) return { kind: 'date' };
  if (s[10] !== undefined) {
    const int = struct(s[10]);
    return { kind: 'integer', bitWidth: num(int[1]), signed: int[2] === true };
  }
  return undefined;
}

function readColumnMeta(c: ThriftStruct): ColumnChunkMeta {
  return {
    type: num(c[1]),
    encodings: list(c[2]).map(num),
    path: list(c[3]).map(text),
    codec: num(c[4]),
    numValues: num(c[5]),
    uncompressedSize: num(c[6]),
    compressedSize: num(c[7]),
    dataPageOffset: num(c[9]),
    ...(c[11] !== undefined ? { dictionaryPageOffset: num(c[11]) } : {}),
  };
}

/** Decodes a page header at `offset`; `end` is where the page's data starts. */
export function decodePageHeader(bytes: Uint8Array, offset: number): { header: PageHeader; end: number } {
  const { value: s, end } = readThriftStruct(bytes, offset);
  const type = num(s[1]);
  const base = { type, uncompressedSize: num(s[2]), compressedSize: num(s[3]) };
  if (type === PageType.DATA_PAGE) {
    const d = struct(s[5]);
    return { header: { ...base, numValues: num(d[1]), encoding: num(d[2]) }, end };
  }
  if (type === PageType.DICTIONARY_PAGE) {
    const d = struct(s[7]);
    return { header: { ...base, numValues: num(d[1]), encoding: num(d[2]) }, end };
  }
  if (type === PageType.DATA_PAGE_V2) {
    const d = struct(s[8]);
    return {
      header: {
        ...base,
        numValues: num(d[1]),
        numNulls: num(d[2]),
        encoding: num(d[4]),
        levelsBytes: { definition: num(d[5]), repetition: num(d[6]) },
        compressed: d[7] === undefined ? true : d[7] === true,
      },
      end,
    };
  }
  return { header: { ...base, numValues: 0, encoding: -1 }, end };
}

function num(v: ThriftValue | undefined): number {
  if (typeof v !== 'number') throw new Error('malformed Parquet metadata: expected a number');
  return v;
}

function list(v: ThriftValue | undefined): ThriftValue[] {
  if (!Array.isArray(v)) throw new Error('malformed Parquet metadata: expected a list');
  return v;
}

function struct(v: ThriftValue | undefined): ThriftStruct {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Uint8Array) throw new Error('malformed Parquet metadata: expected a struct');
  return v as ThriftStruct;
}

const utf8 = new TextDecoder();
function text(v: ThriftValue | undefined): string {
  if (!(v instanceof Uint8Array)) throw new Error('malformed Parquet metadata: expected a string');
  return utf8.decode(v);
}
