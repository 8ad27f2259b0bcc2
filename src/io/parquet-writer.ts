/**
 * Writes tradelab's Parquet files straight from typed arrays, one row group at a time:
 * 1. the first row group fixes the schema (names and kinds); later ones must match it;
 * 2. numeric columns are REQUIRED and PLAIN: a float column's bytes go to disk as they lie
 *    in memory, no copy, no wasm, no Arrow; strings get a dictionary page per row group
 *    (only the entries used) and RLE indices; pages hold at most `PAGE_ROWS` values;
 * 3. `close` appends the footer: schema with logical types, key-value metadata, a fixed
 *    `created_by`. Uncompressed: feature columns are high-entropy floats that Snappy barely
 *    shrinks (2 %), and writing them as they are is what makes a 2 GB table cheap.
 * Deterministic: the same columns and row groups give the same bytes.
 */
import { closeSync, openSync, rmSync } from 'node:fs';
import { endianness } from 'node:os';
import type { Column, ColumnKind } from './column.js';
import { columnLength, sliceColumn } from './column.js';
import {
  Codec,
  ConvertedType,
  Encoding,
  MAGIC,
  PageType,
  PhysicalType,
  Repetition,
  encodeFileMetaData,
  encodePageHeader,
  type ColumnChunkMeta,
  type RowGroupMeta,
  type SchemaLeaf,
} from './parquet-format.js';
import { PooledFileSink } from './pooled-file-sink.js';
import { bitWidthFor, encodeRleRuns } from './rle-hybrid.js';

/** Fixed footer string: a library version here would change artifact bytes on upgrades. */
export const PARQUET_CREATED_BY = 'tradelab';
/** Values per data page: 1 MB of doubles, the size readers are tuned for. */
export const PAGE_ROWS = 131_072;
/** Rows per row group when a whole table is written at once. */
export const ROW_GROUP_ROWS = 131_072;

if (endianness() !== 'LE') throw new Error('tradelab writes Parquet from typed-array memory and needs a little-endian machine');

const utf8 = new TextEncoder();

export class ParquetFileWriter {
  private readonly fd: number;
  private readonly sink: PooledFileSink;
  private schema: { name: string; kind: ColumnKind }[] | undefined;
  private readonly groups: RowGroupMeta[] = [];
  private rows = 0;
  private closed = false;

  constructor(
    readonly file: string,
    private readonly metadata: Record<string, string> = {},
  ) {
    this.fd = openSync(file, 'w');
    this.sink = new PooledFileSink(this.fd);
  }

  /** Length of the file's prefix already on disk (in the page cache): safe to read back. */
  get written(): number {
    return this.sink.written;
  }

  private get offset(): number {
    return this.sink.length;
  }

  /**
   * Appends one row group (every column of the same length). The columns' bytes are copied
   * before it resolves, so the caller may reuse its buffers at once.
   */
  async writeRowGroup(columns: readonly [string, Column][]): Promise<void> {
    const rows = columns.length > 0 ? columnLength(columns[0]![1]) : 0;
    this.checkSchema(columns, rows);
    if (this.offset === 0) await this.write(utf8.encode(MAGIC));
    if (rows === 0) return;
    const chunks: ColumnChunkMeta[] = [];
    for (const [name, column] of columns) chunks.push(await this.writeColumnChunk(name, column, rows));
    this.groups.push({ columns: chunks, totalByteSize: chunks.reduce((n, c) => n + c.uncompressedSize, 0), numRows: rows });
    this.rows += rows;
  }

  /** Writes the footer, waits for every write and closes the file; returns its length. */
  async close(): Promise<number> {
    if (this.closed) return this.offset;
    if (this.offset === 0) await this.write(utf8.encode(MAGIC));
    const leaves = (this.schema ?? []).map(({ name, kind }) => leafFor(name, kind));
    const footer = encodeFileMetaData({
      version: 1,
      leaves,
      numRows: this.rows,
      rowGroups: this.groups,
      keyValues: new Map(Object.entries(this.metadata)),
      createdBy: PARQUET_CREATED_BY,
    });
    await this.write(footer);
    const tail = new Uint8Array(8);
    new DataView(tail.buffer).setUint32(0, footer.length, true);
    tail.set(utf8.encode(MAGIC), 4);
    await this.write(tail);
    await this.sink.flush();
    closeSync(this.fd);
    this.closed = true;
    return this.offset;
  }

  /** Closes and deletes a file that will not be finished (an error mid-way). */
  async abort(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      // Writes still in flight must finish before the descriptor can be closed and reused.
      await this.sink.flush().catch(() => undefined);
      closeSync(this.fd);
    }
    rmSync(this.file, { force: true });
  }

  private checkSchema(columns: readonly [string, Column][], rows: number): void {
    for (const [name, column] of columns) {
      if (columnLength(column) !== rows) throw new Error(`column '${name}' has ${columnLength(column)} rows, but '${columns[0]![0]}' has ${rows}`);
    }
    const shape = columns.map(([name, column]) => ({ name, kind: column.kind }));
    if (!this.schema) {
      this.schema = shape;
      return;
    }
    const same = shape.length === this.schema.length && shape.every((c, i) => c.name === this.schema![i]!.name && c.kind === this.schema![i]!.kind);
    if (!same) {
      const describe = (s: { name: string; kind: string }[]) => s.map((c) => `${c.name}:${c.kind}`).join(', ');
      throw new Error(`row group ${this.groups.length} has columns (${describe(shape)}) but the file started with (${describe(this.schema)})`);
    }
  }

  private async writeColumnChunk(name: string, column: Column, rows: number): Promise<ColumnChunkMeta> {
    const start = this.offset;
    let dictionaryPageOffset: number | undefined;
    let pageColumn = column;
    if (column.kind === 'strings') {
      dictionaryPageOffset = this.offset;
      pageColumn = await this.writeDictionaryPage(column);
    }
    const dataPageOffset = this.offset;
    for (let from = 0; from < rows; from += PAGE_ROWS) await this.writeDataPage(sliceColumn(pageColumn, from, Math.min(rows, from + PAGE_ROWS)));
    const size = this.offset - start;
    const leaf = leafFor(name, column.kind);
    return {
      type: leaf.type,
      encodings: column.kind === 'strings' ? [Encoding.PLAIN, Encoding.RLE, Encoding.RLE_DICTIONARY] : [Encoding.PLAIN, Encoding.RLE],
      path: [name],
      codec: Codec.UNCOMPRESSED,
      numValues: rows,
      uncompressedSize: size,
      compressedSize: size,
      dataPageOffset,
      ...(dictionaryPageOffset !== undefined ? { dictionaryPageOffset } : {}),
    };
  }

  /** Writes the entries this row group uses; returns the column with indices into them. */
  private async writeDictionaryPage(column: Extract<Column, { kind: 'strings' }>): Promise<Extract<Column, { kind: 'strings' }>> {
    const remap = new Int32Array(column.dictionary.length).fill(-1);
    for (const i of column.indices) remap[i] = 0;
    const used: string[] = [];
    remap.forEach((mark, i) => {
      if (mark === 0) remap[i] = used.push(column.dictionary[i]!) - 1;
    });
    const encoded = used.map((s) => utf8.encode(s));
    const body = new Uint8Array(encoded.reduce((n, b) => n + 4 + b.length, 0));
    const view = new DataView(body.buffer);
    let at = 0;
    for (const bytes of encoded) {
      view.setUint32(at, bytes.length, true);
      body.set(bytes, at + 4);
      at += 4 + bytes.length;
    }
    await this.page(PageType.DICTIONARY_PAGE, used.length, Encoding.PLAIN, [body]);
    return { kind: 'strings', indices: column.indices.map((i) => remap[i]!), dictionary: used };
  }

  private async writeDataPage(column: Column): Promise<void> {
    const count = columnLength(column);
    switch (column.kind) {
      case 'strings': {
        const width = bitWidthFor(Math.max(0, column.dictionary.length - 1));
        await this.page(PageType.DATA_PAGE, count, Encoding.RLE_DICTIONARY, [Uint8Array.of(width), encodeRleRuns(column.indices, width)]);
        return;
      }
      case 'int8':
        await this.page(PageType.DATA_PAGE, count, Encoding.PLAIN, [bytesOf(Int32Array.from(column.values))]);
        return;
      case 'date':
        await this.page(PageType.DATA_PAGE, count, Encoding.PLAIN, [bytesOf(column.days)]);
        return;
      default:
        await this.page(PageType.DATA_PAGE, count, Encoding.PLAIN, [bytesOf(column.values)]);
    }
  }

  private async page(type: number, numValues: number, encoding: number, parts: Uint8Array[]): Promise<void> {
    const size = parts.reduce((n, p) => n + p.length, 0);
    await this.write(encodePageHeader({ type, uncompressedSize: size, compressedSize: size, numValues, encoding }));
    for (const part of parts) await this.write(part);
  }

  private write(bytes: Uint8Array): Promise<void> {
    return this.sink.write(bytes);
  }
}

function bytesOf(values: Float64Array | Float32Array | Int32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** The Parquet schema element of a column kind. */
function leafFor(name: string, kind: ColumnKind): SchemaLeaf {
  const required = Repetition.REQUIRED;
  switch (kind) {
    case 'float64':
      return { name, type: PhysicalType.DOUBLE, repetition: required };
    case 'float32':
      return { name, type: PhysicalType.FLOAT, repetition: required };
    case 'int32':
      return { name, type: PhysicalType.INT32, repetition: required, convertedType: ConvertedType.INT_32, logicalType: { kind: 'integer', bitWidth: 32, signed: true } };
    case 'int8':
      return { name, type: PhysicalType.INT32, repetition: required, convertedType: ConvertedType.INT_8, logicalType: { kind: 'integer', bitWidth: 8, signed: true } };
    case 'date':
      return { name, type: PhysicalType.INT32, repetition: required, convertedType: ConvertedType.DATE, logicalType: { kind: 'date' } };
    case 'strings':
      return { name, type: PhysicalType.BYTE_ARRAY, repetition: required, convertedType: ConvertedType.UTF8, logicalType: { kind: 'string' } };
  }
}

/**
 * A whole table as the row groups tradelab writes it: `rowGroupRows` rows each, and one
 * empty group for an empty table (so its schema is still written). Row-group boundaries
 * are part of an artifact's bytes; every writer of whole tables goes through here.
 */
export function* tableRowGroups(columns: readonly [string, Column][], rowGroupRows = ROW_GROUP_ROWS): Generator<[string, Column][]> {
  const rows = columns.length > 0 ? columnLength(columns[0]![1]) : 0;
  for (let from = 0; from < Math.max(rows, 1); from += rowGroupRows) {
    yield columns.map(([name, c]) => [name, sliceColumn(c, from, Math.min(rows, from + rowGroupRows))]);
  }
}

/** Writes a whole table in row groups of `rowGroupRows` rows. */
export async function writeParquetColumns(file: string, columns: readonly [string, Column][], metadata: Record<string, string> = {}, rowGroupRows = ROW_GROUP_ROWS): Promise<void> {
  const writer = new ParquetFileWriter(file, metadata);
  try {
    for (const group of tableRowGroups(columns, rowGroupRows)) await writer.writeRowGroup(group);
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
