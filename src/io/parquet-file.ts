/**
 * Parquet files of any size, streamed through parquet-wasm so that neither side ever holds a
 * whole table in wasm memory (capped at 4 GiB; a 4-million-row feature table is 2 GB):
 * 1. writing slices the Arrow table into row groups of `ROW_GROUP_ROWS` rows and streams
 *    them through `transformParquetStream` to disk; the schema metadata is also written as
 *    Parquet key-value metadata;
 * 2. reading decodes a file of up to `IN_MEMORY_BYTES` in one call (several times faster);
 *    a larger one is opened as a Blob (only the byte ranges a row group needs are read)
 *    and decoded one row group at a time; either way the schema metadata is restored.
 * Deterministic: the same table gives the same bytes (fixed row groups and writer settings).
 */
import { openAsBlob, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { RecordBatch, Schema, Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { ParquetFile, Table as WasmTable, transformParquetStream } from 'parquet-wasm';
import { readParquet, writerProperties } from './parquet.js';

/** Rows per row group: small enough to bound memory, large enough for efficient columns. */
export const ROW_GROUP_ROWS = 131_072;

/** Files up to this size are decoded in one call; the input and its Arrow copy fit wasm's 4 GiB. */
export const IN_MEMORY_BYTES = 512 * 1024 * 1024;

export async function writeParquetFile(table: Table, file: string): Promise<void> {
  let start = 0;
  const batches = new ReadableStream({
    pull(controller) {
      if (start >= table.numRows) {
        controller.close();
        return;
      }
      const part = table.slice(start, Math.min(start + ROW_GROUP_ROWS, table.numRows));
      start += ROW_GROUP_ROWS;
      for (const batch of WasmTable.fromIPCStream(tableToIPC(part, 'stream')).recordBatches()) controller.enqueue(batch);
    },
  });
  const metadata = new Map([...table.schema.metadata].filter(([key]) => key !== 'ARROW:schema'));
  const bytes = await transformParquetStream(batches, writerProperties(metadata));
  const handle = await open(file, 'w');
  try {
    for await (const chunk of bytes as unknown as AsyncIterable<Uint8Array>) await handle.write(chunk);
  } finally {
    await handle.close();
  }
}

export async function readParquetFile(file: string, options: { inMemoryBytes?: number } = {}): Promise<Table> {
  if (statSync(file).size <= (options.inMemoryBytes ?? IN_MEMORY_BYTES)) return readParquet(readFileSync(file));
  const parquet = await ParquetFile.fromFile(await openAsBlob(file));
  const meta = parquet.metadata();
  const groups = meta.numRowGroups();
  const keyValues = (meta.fileMetadata().keyValueMetadata() ?? new Map()) as Map<string, string>;
  const batches: RecordBatch[] = [];
  let schema: Schema | undefined;
  for (let g = 0; g < groups; g++) {
    const part = tableFromIPC((await parquet.read({ rowGroups: [g] })).intoIPCStream());
    schema ??= part.schema;
    batches.push(...part.batches);
  }
  if (!schema) schema = tableFromIPC((await parquet.read({ limit: 0 })).intoIPCStream()).schema;
  const restored = new Schema(schema.fields, new Map([...keyValues].filter(([key]) => key !== 'ARROW:schema')));
  return new Table(restored, batches.map((b) => new RecordBatch(restored, b.data)));
}
