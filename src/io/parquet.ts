import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
// The bare specifier resolves to parquet-wasm's `node` build (CommonJS), which
// compiles its wasm synchronously at import time: no `await initWasm()` needed.
import {
  Compression,
  EnabledStatistics,
  Table as WasmTable,
  WriterPropertiesBuilder,
  WriterVersion,
  readParquet as readParquetWasm,
  writeParquet as writeParquetWasm,
} from 'parquet-wasm';
import { PARQUET_CREATED_BY } from './parquet-writer.js';

/**
 * The parquet-wasm writer configuration, for `tradelab export` of JSON artifacts as Parquet
 * (store artifacts are written by parquet-writer.ts). Built per write because parquet-wasm
 * consumes (frees) the properties it is given.
 */
function writerProperties() {
  return (
    new WriterPropertiesBuilder()
      // Snappy: pandas' and pyarrow's default, read everywhere, and in this wasm build about
      // twice as fast as ZSTD both ways (ZSTD is ~1.5x smaller on rounded prices, no
      // smaller on float features, which are most of our bytes).
      .setCompression(Compression.SNAPPY)
      // V1 data pages are the format every reader handles; V2 also switches
      // fallback encodings to DELTA_*, which some older readers reject.
      .setWriterVersion(WriterVersion.V1)
      .setStatisticsEnabled(EnabledStatistics.Page)
      // Dictionary encoding hashes every value before it gives up on high-cardinality
      // floats (most of our columns); compression alone is smaller and several times faster.
      .setDictionaryEnabled(false)
      .setCreatedBy(PARQUET_CREATED_BY)
      .build()
  );
}

/**
 * Encodes an Arrow table as Parquet bytes.
 *
 * Deterministic: equal tables give identical bytes in every process and on every
 * host. The writer is pinned (Snappy, writer version 1, fixed `created_by`, no
 * extra key-value metadata), and parquet-rs writes no timestamps or host data.
 */
export function writeParquet(table: Table): Uint8Array {
  const wasmTable = WasmTable.fromIPCStream(tableToIPC(table, 'stream'));
  // writeParquet takes ownership of both wasm handles and frees them.
  return writeParquetWasm(wasmTable, writerProperties());
}

/**
 * Decodes Parquet bytes into an Arrow table. Arrow types written by
 * {@link writeParquet} come back unchanged (the writer embeds the Arrow schema).
 */
export function readParquet(bytes: Uint8Array): Table {
  // intoIPCStream consumes the wasm table, so no wasm memory is left behind.
  return tableFromIPC(readParquetWasm(bytes).intoIPCStream());
}
