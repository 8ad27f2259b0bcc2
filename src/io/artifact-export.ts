import { tableToCsv } from './csv.js';
import { jsonToTable } from './json-table.js';
import { readParquet, writeParquet } from './parquet.js';

/** How an artifact's bytes are encoded in the store. */
export type ArtifactFormat = 'parquet' | 'json' | 'bytes';

/** The table formats an artifact can be exported to. */
export type ExportFormat = 'csv' | 'parquet';

/** Options for {@link exportArtifact}. */
export interface ExportArtifactOptions {
  /** The artifact's stored bytes. */
  bytes: Uint8Array;
  /** How `bytes` are encoded. */
  format: ArtifactFormat;
  /** The format to convert to. */
  to: ExportFormat;
}

/**
 * Converts a stored artifact to a table file's bytes.
 *
 * - parquet -> parquet returns `bytes` unchanged (the same array), so an export
 *   is byte-identical to the stored artifact.
 * - parquet -> csv decodes and renders with {@link tableToCsv}.
 * - json (UTF-8) must be an array of records, or of numbers, which becomes one
 *   `value` column; see {@link jsonToTable}.
 *
 * @throws Error for `bytes` artifacts, invalid JSON, or JSON that is not tabular.
 */
export function exportArtifact(options: ExportArtifactOptions): Uint8Array {
  const { bytes, format, to } = options;
  if (format === 'bytes') {
    throw new Error(
      `binary artifacts cannot be exported as tables (requested ${to}); only parquet and json artifacts can`,
    );
  }
  if (format === 'parquet' && to === 'parquet') return bytes;
  const table = format === 'parquet' ? readParquet(bytes) : jsonToTable(parseJson(bytes));
  return to === 'csv' ? new TextEncoder().encode(tableToCsv(table)) : writeParquet(table);
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new Error(`json artifact is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}
