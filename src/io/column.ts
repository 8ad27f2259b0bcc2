/**
 * The typed-array columns stages exchange: no per-row objects, no Arrow in between.
 * Strings are dictionary-encoded (a ticker column of millions of rows holds each name
 * once); dates are days since the epoch; floats use NaN for a missing value. Features may
 * be float32 (what models consume, and half the bytes to write and hash).
 */
export type Column =
  | { kind: 'float64'; values: Float64Array }
  | { kind: 'float32'; values: Float32Array }
  | { kind: 'int32'; values: Int32Array }
  | { kind: 'int8'; values: Int8Array }
  | { kind: 'date'; days: Int32Array }
  | { kind: 'strings'; indices: Int32Array; dictionary: string[] };

export type ColumnKind = Column['kind'];

/** A table as stages hold it: named columns of equal length plus schema metadata. */
export interface ColumnTable {
  columns: Map<string, Column>;
  metadata: Record<string, string>;
  rows: number;
}

export function columnLength(column: Column): number {
  switch (column.kind) {
    case 'date':
      return column.days.length;
    case 'strings':
      return column.indices.length;
    default:
      return column.values.length;
  }
}

/** A zero-filled column of `n` rows (an empty dictionary for strings). */
export function allocateColumn(kind: ColumnKind, n: number): Column {
  switch (kind) {
    case 'float64':
      return { kind, values: new Float64Array(n) };
    case 'float32':
      return { kind, values: new Float32Array(n) };
    case 'int32':
      return { kind, values: new Int32Array(n) };
    case 'int8':
      return { kind, values: new Int8Array(n) };
    case 'date':
      return { kind, days: new Int32Array(n) };
    case 'strings':
      return { kind, indices: new Int32Array(n), dictionary: [] };
  }
}

/** Rows [start, end) of a column, as views where the kind allows (no copies). */
export function sliceColumn(column: Column, start: number, end: number): Column {
  switch (column.kind) {
    case 'date':
      return { kind: 'date', days: column.days.subarray(start, end) };
    case 'strings':
      return { kind: 'strings', indices: column.indices.subarray(start, end), dictionary: column.dictionary };
    case 'float64':
      return { kind: 'float64', values: column.values.subarray(start, end) };
    case 'float32':
      return { kind: 'float32', values: column.values.subarray(start, end) };
    case 'int32':
      return { kind: 'int32', values: column.values.subarray(start, end) };
    case 'int8':
      return { kind: 'int8', values: column.values.subarray(start, end) };
  }
}

/** The values of a float column of either width; throws naming the column otherwise. */
export function floatValues(column: Column | undefined, name: string): Float64Array | Float32Array {
  if (column?.kind === 'float64' || column?.kind === 'float32') return column.values;
  throw new Error(`column '${name}' is ${column ? `a ${column.kind} column` : 'missing'}; a float column was expected`);
}
