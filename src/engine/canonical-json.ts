/**
 * Canonical JSON: the one serialization every hash in tradelab is computed over.
 * 1. object keys sorted by code point, at every depth;
 * 2. numbers in the shortest round-trip form, so `1e-3` and `0.001` (and `-0` and `0`)
 *    are one value; non-finite numbers become tagged strings instead of `null`;
 * 3. `undefined` object members dropped, as JSON does.
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return canonicalNumber(value);
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return JSON.stringify(`${value.toString()}n`);
    case 'object':
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      return canonicalObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`cannot hash a value of type ${typeof value}`);
  }
}

function canonicalNumber(n: number): string {
  if (Number.isNaN(n)) return '"NaN"';
  if (n === Infinity) return '"Infinity"';
  if (n === -Infinity) return '"-Infinity"';
  if (Object.is(n, -0)) return '0';
  return JSON.stringify(n);
}

function canonicalObject(obj: Record<string, unknown>): string {
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** SHA-256 hex of a value's canonical JSON. */
export function hashValue(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
