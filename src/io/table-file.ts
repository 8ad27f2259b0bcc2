/**
 * Tables on disk as stages see them: typed-array columns in, typed-array columns out.
 * 1. tradelab's own files (and any flat, uncompressed Parquet) go through the built-in
 *    reader, by row range, straight into typed arrays;
 * 2. other Parquet (Snappy, ZSTD, nested, timestamps: what pandas or DuckDB write) is
 *    decoded by parquet-wasm through Arrow, loaded whole, and served the same way.
 * Tables are written by `parquet-writer.ts`.
 */
import { columnLength, sliceColumn, type Column, type ColumnKind, type ColumnTable } from './column.js';
import { ParquetFileReader, type ReadOptions } from './parquet-reader.js';

/** An open table: read any columns over any row range, as often as needed. */
export interface TableSource {
  readonly rows: number;
  readonly metadata: Record<string, string>;
  readonly columns: { name: string; kind: ColumnKind }[];
  /** Rows per row group: natural batch boundaries for streaming. */
  readonly rowGroupRows: number[];
  read(options?: ReadOptions): Map<string, Column>;
  close(): void;
}

export async function openTableFile(file: string): Promise<TableSource> {
  const reader = ParquetFileReader.open(file);
  if (!reader.unsupported) return reader;
  reader.close();
  return loadedTable(await readWithArrow(file));
}

export async function readTableFile(file: string, columns?: readonly string[]): Promise<ColumnTable> {
  const source = await openTableFile(file);
  try {
    return { columns: source.read(columns ? { columns } : {}), metadata: source.metadata, rows: source.rows };
  } finally {
    source.close();
  }
}

async function readWithArrow(file: string): Promise<ColumnTable> {
  const [{ readParquetFile }, { tableColumns, tableMetadata }] = await Promise.all([import('./parquet-file.js'), import('./typed-columns.js')]);
  const table = await readParquetFile(file);
  return { columns: tableColumns(table), metadata: tableMetadata(table), rows: table.numRows };
}

function loadedTable(table: ColumnTable): TableSource {
  return {
    rows: table.rows,
    metadata: table.metadata,
    columns: [...table.columns].map(([name, column]) => ({ name, kind: column.kind })),
    rowGroupRows: [table.rows],
    read(options = {}) {
      const start = options.start ?? 0;
      const end = options.end ?? table.rows;
      const out = new Map<string, Column>();
      for (const name of options.columns ?? [...table.columns.keys()]) {
        const column = table.columns.get(name);
        if (!column) throw new Error(`no column '${name}' (columns: ${[...table.columns.keys()].join(', ')})`);
        const view = sliceColumn(column, start, end);
        const into = options.into?.get(name);
        out.set(name, into ? copyInto(view, into) : view);
      }
      return out;
    },
    close() {},
  };
}

function copyInto(view: Column, into: Column): Column {
  const n = columnLength(view);
  const target = sliceColumn(into, 0, n);
  if (target.kind !== view.kind) throw new Error(`the buffer is a ${target.kind} array, the column ${view.kind}`);
  if (target.kind === 'strings' && view.kind === 'strings') {
    target.indices.set(view.indices);
    return { ...target, dictionary: view.dictionary };
  }
  if (target.kind === 'date' && view.kind === 'date') target.days.set(view.days);
  else (target as { values: Float64Array }).values.set((view as { values: Float64Array }).values);
  return target;
}
