/**
 * Parquet files the built-in reader does not decode (compressed, timestamps: what pandas,
 * DuckDB or Spark write), read through parquet-wasm as an Arrow table without ever holding
 * more than wasm's 4 GiB: a file of up to `IN_MEMORY_BYTES` is decoded in one call (several
 * times faster); a larger one is opened as a Blob (only the byte ranges a row group needs
 * are read) and decoded one row group at a time. Either way the schema metadata is restored.
 */
import { openAsBlob, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { RecordBatch, Schema, Table, tableFromIPC } from 'apache-arrow';
import { ParquetFile } from 'parquet-wasm';
import { readParquet } from './parquet.js';

/** Files up to this size are decoded in one call; the input and its Arrow copy fit wasm's 4 GiB. */
export const IN_MEMORY_BYTES = 512 * 1024 * 1024;

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
