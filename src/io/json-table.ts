import { Bool, Float64, Table, Utf8, vectorFromArray, type DataType, type Vector } from 'apache-arrow';

/**
 * Builds an Arrow table from an array of JSON records.
 *
 * Columns appear in first-seen key order; a record without a key gives null.
 * Each column's type is inferred from its non-null values: all numbers give
 * Float64, all booleans Bool, all strings Utf8. Anything else (mixed types,
 * nested objects or arrays, or only nulls) gives Utf8, with non-string values
 * written as their JSON text, so an export never drops data.
 *
 * @throws Error when `records` is not an array of plain objects.
 */
export function recordsToTable(records: Record<string, unknown>[]): Table {
  assertRecords(records);
  const names = new Set<string>();
  for (const record of records) for (const name of Object.keys(record)) names.add(name);
  // fromEntries defines own properties, so a key such as "__proto__" stays a column.
  const columns = Object.fromEntries(
    [...names].map((name) => [name, columnVector(records.map((record) => cell(record, name)))]),
  );
  return new Table(columns as Record<string, Vector>);
}

/**
 * Builds a one-column table named `value` from an array of numbers
 * (nulls allowed), as Float64.
 *
 * @throws Error when `values` holds anything other than numbers and nulls.
 */
export function numbersToTable(values: unknown[]): Table {
  const bad = values.findIndex((value) => value !== null && typeof value !== 'number');
  if (bad >= 0) {
    throw new Error(`expected an array of numbers, but element ${bad} is ${describe(values[bad])}`);
  }
  return new Table({ value: vectorFromArray(values as (number | null)[], new Float64()) });
}

/**
 * Builds a table from parsed JSON: an array of numbers becomes a single `value`
 * column ({@link numbersToTable}), any other array is read as records
 * ({@link recordsToTable}).
 *
 * @throws Error when `json` is not an array of numbers or of records.
 */
export function jsonToTable(json: unknown): Table {
  if (!Array.isArray(json)) {
    throw new Error(`expected a JSON array of records or numbers, got ${describe(json)}`);
  }
  const isNumbers = json.length > 0 && json.every((value) => value === null || typeof value === 'number');
  return isNumbers ? numbersToTable(json) : recordsToTable(json as Record<string, unknown>[]);
}

function assertRecords(records: unknown): asserts records is Record<string, unknown>[] {
  if (!Array.isArray(records)) {
    throw new Error(`expected a JSON array of records, got ${describe(records)}`);
  }
  records.forEach((record: unknown, index) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new Error(`expected a JSON array of records, but element ${index} is ${describe(record)}`);
    }
  });
}

// Own keys only: a record without "constructor" must not yield Object.prototype's.
function cell(record: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(record, name) ? (record[name] ?? null) : null;
}

function columnVector(values: unknown[]): Vector {
  const present = values.filter((value) => value !== null);
  const type = inferType(present);
  if (type instanceof Utf8) {
    const texts = values.map((value) => (value === null || typeof value === 'string' ? value : JSON.stringify(value)));
    return vectorFromArray(texts, type);
  }
  return vectorFromArray(values, type);
}

function inferType(present: unknown[]): DataType {
  if (present.length > 0 && present.every((value) => typeof value === 'number')) return new Float64();
  if (present.length > 0 && present.every((value) => typeof value === 'boolean')) return new Bool();
  return new Utf8();
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
