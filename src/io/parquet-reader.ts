/**
 * Reads Parquet files into typed arrays, any row range, without Arrow or wasm:
 * 1. `open` reads the footer and maps each leaf to a column kind (DOUBLE -> float64, FLOAT ->
 *    float32, INT32 as date, int8 or int32, UTF-8 BYTE_ARRAY -> strings); `unsupported` says why a
 *    file needs another reader (compression, nesting, other types), checked up front;
 * 2. `read({ columns, start, end })` walks the pages of the row groups overlapping the
 *    range; a PLAIN page of REQUIRED fixed-width values is read from disk straight into the
 *    output array (only the bytes in range), anything else is decoded from page bytes;
 * 3. strings keep one dictionary per read, merged across row groups.
 * Optional columns read their definition levels: a missing float becomes NaN; a missing
 * value in any other kind is an error naming the column.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { allocateColumn, columnLength, sliceColumn, type Column, type ColumnKind } from './column.js';
import { ConvertedType, Codec, Encoding, MAGIC, PageType, PhysicalType, Repetition, decodeFileMetaData, decodePageHeader, type FileMetaData, type PageHeader, type SchemaLeaf } from './parquet-format.js';
import { decodeRleHybrid } from './rle-hybrid.js';

export interface ReadOptions {
  /** Column names to read, in the order wanted; all by default. */
  columns?: readonly string[];
  /** First row (inclusive), default 0. */
  start?: number;
  /** Last row (exclusive), default the row count. */
  end?: number;
  /**
   * Arrays to read into, by column name (at least `end - start` long; the result holds
   * views of them): a stage streaming batch after batch reuses one set of buffers instead
   * of allocating, and first-touching, fresh memory for every batch.
   */
  into?: ReadonlyMap<string, Column>;
}

interface Layout {
  leaf: SchemaLeaf;
  kind: ColumnKind | undefined;
}

const utf8 = new TextDecoder();
/** Value and level encodings the built-in reader decodes (BIT_PACKED only ever names levels). */
const READABLE_ENCODINGS = new Set<number>([Encoding.PLAIN, Encoding.PLAIN_DICTIONARY, Encoding.RLE, Encoding.BIT_PACKED, Encoding.RLE_DICTIONARY]);

export class ParquetFileReader {
  readonly rows: number;
  readonly metadata: Record<string, string>;
  readonly createdBy: string | undefined;
  /** Rows of each row group, in file order. */
  readonly rowGroupRows: number[];
  /** Why this reader cannot read the file, or undefined when it can. */
  readonly unsupported: string | undefined;
  private readonly meta: FileMetaData;
  private readonly layout: Layout[];
  private readonly groupStarts: number[];
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly fd: number,
  ) {
    this.meta = readFooter(file, fd);
    this.rows = this.meta.numRows;
    this.metadata = Object.fromEntries([...this.meta.keyValues].filter(([key]) => key !== 'ARROW:schema'));
    this.createdBy = this.meta.createdBy;
    this.rowGroupRows = this.meta.rowGroups.map((g) => g.numRows);
    this.groupStarts = [];
    let at = 0;
    for (const n of this.rowGroupRows) {
      this.groupStarts.push(at);
      at += n;
    }
    this.layout = this.meta.leaves.map((leaf) => ({ leaf, kind: kindOf(leaf) }));
    this.unsupported = this.checkSupported();
  }

  static open(file: string): ParquetFileReader {
    const fd = openSync(file, 'r');
    try {
      return new ParquetFileReader(file, fd);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** Column names and kinds in file order. */
  get columns(): { name: string; kind: ColumnKind }[] {
    return this.layout.map((l) => ({ name: l.leaf.name, kind: l.kind! }));
  }

  read(options: ReadOptions = {}): Map<string, Column> {
    if (this.unsupported) throw new Error(`${this.file}: ${this.unsupported}`);
    const start = options.start ?? 0;
    const end = options.end ?? this.rows;
    if (start < 0 || end > this.rows || start > end) throw new Error(`${this.file}: rows [${start}, ${end}) are outside the table's ${this.rows} rows`);
    const names = options.columns ?? this.layout.map((l) => l.leaf.name);
    const out = new Map<string, Column>();
    for (const name of names) {
      const index = this.layout.findIndex((l) => l.leaf.name === name);
      if (index < 0) throw new Error(`${this.file}: no column '${name}' (columns: ${this.layout.map((l) => l.leaf.name).join(', ')})`);
      out.set(name, this.readColumn(index, start, end, options.into?.get(name)));
    }
    return out;
  }

  close(): void {
    if (!this.closed) closeSync(this.fd);
    this.closed = true;
  }

  private checkSupported(): string | undefined {
    if (this.meta.nested) return 'the schema is nested (lists or structs)';
    for (const { leaf, kind } of this.layout) {
      if (!kind) return `column '${leaf.name}' has Parquet type ${leaf.type}${leaf.convertedType !== undefined ? `/${leaf.convertedType}` : ''}, which the built-in reader does not decode`;
      if (leaf.repetition === Repetition.REPEATED) return `column '${leaf.name}' is repeated (a list)`;
    }
    for (const group of this.meta.rowGroups) {
      for (const column of group.columns) {
        if (column.codec !== Codec.UNCOMPRESSED) return `column '${column.path.join('.')}' is compressed (codec ${column.codec})`;
        const other = column.encodings.find((e) => !READABLE_ENCODINGS.has(e));
        if (other !== undefined) return `column '${column.path.join('.')}' uses encoding ${other}`;
      }
    }
    return undefined;
  }

  private readColumn(index: number, start: number, end: number, into: Column | undefined): Column {
    const { leaf, kind } = this.layout[index]!;
    const n = end - start;
    if (into && (into.kind !== kind || columnLength(into) < n)) throw new Error(`${this.file}: the buffer for column '${leaf.name}' is not a ${kind} array of ${n} rows`);
    const target = into ? sliceColumn(into, 0, n) : allocateColumn(kind!, n);
    const strings = kind === 'strings' ? new Map<string, number>() : undefined;
    for (let g = 0; g < this.meta.rowGroups.length; g++) {
      const groupStart = this.groupStarts[g]!;
      const groupEnd = groupStart + this.rowGroupRows[g]!;
      if (groupEnd <= start || groupStart >= end) continue;
      const chunk = this.meta.rowGroups[g]!.columns[index]!;
      new ChunkReader(this.fd, this.file, leaf, kind!, chunk.dictionaryPageOffset ?? chunk.dataPageOffset, chunk.numValues).readInto(target, {
        from: Math.max(start, groupStart) - groupStart,
        to: Math.min(end, groupEnd) - groupStart,
        at: Math.max(start, groupStart) - start,
        firstRow: start,
        strings,
      });
    }
    if (target.kind === 'strings') target.dictionary = [...strings!.keys()];
    return target;
  }
}

function kindOf(leaf: SchemaLeaf): ColumnKind | undefined {
  const logical = leaf.logicalType;
  switch (leaf.type) {
    case PhysicalType.DOUBLE:
      return 'float64';
    case PhysicalType.FLOAT:
      return 'float32';
    case PhysicalType.INT32:
      if (logical?.kind === 'date' || leaf.convertedType === ConvertedType.DATE) return 'date';
      if ((logical?.kind === 'integer' && logical.bitWidth === 8 && logical.signed) || leaf.convertedType === ConvertedType.INT_8) return 'int8';
      if (logical === undefined && leaf.convertedType === undefined) return 'int32';
      if ((logical?.kind === 'integer' && logical.bitWidth === 32 && logical.signed) || leaf.convertedType === ConvertedType.INT_32) return 'int32';
      return undefined;
    case PhysicalType.BYTE_ARRAY:
      return logical?.kind === 'string' || leaf.convertedType === ConvertedType.UTF8 ? 'strings' : undefined;
    default:
      return undefined;
  }
}

function readFooter(file: string, fd: number): FileMetaData {
  const size = fstatSync(fd).size;
  if (size < 12 || utf8.decode(readAt(fd, size - 4, 4)) !== MAGIC) throw new Error(`${file} is not a Parquet file (no PAR1 footer)`);
  const tail = readAt(fd, size - 8, 8);
  const length = new DataView(tail.buffer, tail.byteOffset).getUint32(0, true);
  if (length > size - 12) throw new Error(`${file}: the Parquet footer length ${length} exceeds the file`);
  try {
    return decodeFileMetaData(readAt(fd, size - 8 - length, length));
  } catch (error) {
    throw new Error(`${file}: cannot decode the Parquet footer (${(error as Error).message}); the file is damaged or not Parquet`);
  }
}

function readAt(fd: number, position: number, length: number, into?: Uint8Array): Uint8Array {
  const bytes = into ?? new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, bytes, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return bytes.subarray(0, done);
}

interface ReadRange {
  /** Rows [from, to) of the chunk, written at `at` in the target. */
  from: number;
  to: number;
  at: number;
  /** The file row that target index 0 holds (for errors). */
  firstRow: number;
  strings: Map<string, number> | undefined;
}

/** One column chunk: its pages in order, the dictionary if any. */
class ChunkReader {
  private dictionary: string[] | Float64Array | Float32Array | Int32Array | undefined;
  private readonly width: number;

  constructor(
    private readonly fd: number,
    private readonly file: string,
    private readonly leaf: SchemaLeaf,
    private readonly kind: ColumnKind,
    private offset: number,
    private readonly numValues: number,
  ) {
    this.width = leaf.type === PhysicalType.DOUBLE ? 8 : leaf.type === PhysicalType.BYTE_ARRAY ? 0 : 4;
  }

  readInto(target: Column, range: ReadRange): void {
    let row = 0;
    while (row < range.to && row < this.numValues) {
      const header = this.nextHeader();
      if (header.type === PageType.DICTIONARY_PAGE) {
        this.dictionary = this.decodeDictionary(readAt(this.fd, this.offset, header.compressedSize), header.numValues);
      } else if (header.type === PageType.DATA_PAGE || header.type === PageType.DATA_PAGE_V2) {
        const pageEnd = row + header.numValues;
        if (pageEnd > range.from) this.readPage(header, target, range, row);
        row = pageEnd;
      }
      this.offset += header.compressedSize;
    }
  }

  private nextHeader(): PageHeader {
    for (let window = 256; ; window *= 4) {
      const bytes = readAt(this.fd, this.offset, window);
      try {
        const { header, end } = decodePageHeader(bytes, 0);
        this.offset += end;
        return header;
      } catch (error) {
        if (bytes.length < window) throw new Error(`${this.file}: column '${this.leaf.name}': bad page header at byte ${this.offset} (${(error as Error).message})`);
      }
    }
  }

  private readPage(header: PageHeader, target: Column, range: ReadRange, pageRow: number): void {
    const from = Math.max(range.from, pageRow) - pageRow;
    const to = Math.min(range.to, pageRow + header.numValues) - pageRow;
    const at = range.at + (pageRow + from - range.from);
    const required = this.leaf.repetition === Repetition.REQUIRED;
    if (required && header.encoding === Encoding.PLAIN && header.type === PageType.DATA_PAGE && this.width > 0 && target.kind !== 'int8') {
      // The fast path: the values' bytes go from disk straight into the output array.
      const values = target.kind === 'date' ? target.days : (target as { values: Float64Array | Float32Array | Int32Array }).values;
      const bytes = new Uint8Array(values.buffer, values.byteOffset + at * this.width, (to - from) * this.width);
      const got = readAt(this.fd, this.offset + from * this.width, bytes.length, bytes);
      if (got.length !== bytes.length) throw new Error(`${this.file}: column '${this.leaf.name}' is truncated`);
      return;
    }
    this.decodePage(readAt(this.fd, this.offset, header.compressedSize), header, target, { from, to, at, firstRow: range.firstRow, strings: range.strings });
  }

  private decodePage(page: Uint8Array, header: PageHeader, target: Column, range: ReadRange): void {
    const count = header.numValues;
    let at = 0;
    let defined: Int32Array | undefined;
    if (this.leaf.repetition === Repetition.OPTIONAL) {
      defined = new Int32Array(count);
      if (header.levelsBytes) {
        decodeRleHybrid(page, header.levelsBytes.repetition, header.levelsBytes.repetition + header.levelsBytes.definition, 1, count, defined);
        at = header.levelsBytes.repetition + header.levelsBytes.definition;
      } else {
        const length = new DataView(page.buffer, page.byteOffset + at).getUint32(0, true);
        decodeRleHybrid(page, 4, 4 + length, 1, count, defined);
        at = 4 + length;
      }
    } else if (header.levelsBytes) {
      at = header.levelsBytes.repetition + header.levelsBytes.definition;
    }
    const present = defined ? defined.reduce((n, d) => n + d, 0) : count;
    if (target.kind === 'strings' && !defined && Array.isArray(this.dictionary) && isDictionaryEncoding(header.encoding)) {
      // Intern each dictionary entry once, not each row.
      const ids = this.dictionary.map((name) => intern(range.strings!, name));
      const indices = new Int32Array(count);
      decodeRleHybrid(page, at + 1, page.length, page[at]!, count, indices);
      for (let i = range.from; i < range.to; i++) target.indices[range.at + i - range.from] = ids[indices[i]!]!;
      return;
    }
    const values = this.decodeValues(page, at, header.encoding, present);
    let v = 0;
    for (let i = 0; i < range.to; i++) {
      const isSet = !defined || defined[i] === 1;
      if (i >= range.from) this.store(target, range.at + i - range.from, isSet ? values : undefined, v, range);
      if (isSet) v++;
    }
  }

  private decodeValues(page: Uint8Array, at: number, encoding: number, count: number): string[] | Float64Array | Float32Array | Int32Array {
    if (isDictionaryEncoding(encoding)) {
      if (!this.dictionary) throw new Error(`${this.file}: column '${this.leaf.name}' uses a dictionary it does not have`);
      const indices = new Int32Array(count);
      decodeRleHybrid(page, at + 1, page.length, page[at]!, count, indices);
      const dictionary = this.dictionary;
      if (Array.isArray(dictionary)) return Array.from(indices, (i) => dictionary[i]!);
      const out = new (dictionary.constructor as Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor)(count);
      for (let i = 0; i < count; i++) out[i] = dictionary[indices[i]!]!;
      return out;
    }
    if (encoding !== Encoding.PLAIN) throw new Error(`${this.file}: column '${this.leaf.name}' uses encoding ${encoding}, which the built-in reader does not decode`);
    return this.decodePlain(page, at, count);
  }

  private decodeDictionary(page: Uint8Array, count: number): string[] | Float64Array | Float32Array | Int32Array {
    return this.decodePlain(page, 0, count);
  }

  private decodePlain(page: Uint8Array, at: number, count: number): string[] | Float64Array | Float32Array | Int32Array {
    const view = new DataView(page.buffer, page.byteOffset);
    switch (this.leaf.type) {
      case PhysicalType.DOUBLE:
        return Float64Array.from({ length: count }, (_, i) => view.getFloat64(at + 8 * i, true));
      case PhysicalType.FLOAT:
        return Float32Array.from({ length: count }, (_, i) => view.getFloat32(at + 4 * i, true));
      case PhysicalType.INT32:
        return Int32Array.from({ length: count }, (_, i) => view.getInt32(at + 4 * i, true));
      default: {
        const out: string[] = [];
        for (let i = 0; i < count; i++) {
          const length = view.getUint32(at, true);
          out.push(utf8.decode(page.subarray(at + 4, at + 4 + length)));
          at += 4 + length;
        }
        return out;
      }
    }
  }

  private store(target: Column, i: number, values: string[] | Float64Array | Float32Array | Int32Array | undefined, v: number, range: ReadRange): void {
    const strings = range.strings;
    if (values === undefined) {
      if (target.kind !== 'float64' && target.kind !== 'float32') throw new Error(`${this.file}: column '${this.leaf.name}' has a missing value at row ${range.firstRow + i + 1}; only float columns may have gaps (read as NaN)`);
      target.values[i] = Number.NaN;
      return;
    }
    const value = values[v]!;
    switch (target.kind) {
      case 'strings':
        target.indices[i] = intern(strings!, value as string);
        return;
      case 'date':
        target.days[i] = value as number;
        return;
      default:
        target.values[i] = value as number;
    }
  }
}

function isDictionaryEncoding(encoding: number): boolean {
  return encoding === Encoding.RLE_DICTIONARY || encoding === Encoding.PLAIN_DICTIONARY;
}

function intern(strings: Map<string, number>, name: string): number {
  let id = strings.get(name);
  if (id === undefined) strings.set(name, (id = strings.size));
  return id;
}
