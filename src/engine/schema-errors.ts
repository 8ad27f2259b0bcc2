/**
 * Turns ajv's errors into problems a person can act on: the JSON pointer of the offending
 * value, a message that says what was expected and what was found, and a hint.
 */
import { suggestion } from './did-you-mean.js';
import type { ErrorCode } from './errors.js';
import type { ProblemList } from './problem-list.js';
import type { SchemaError } from './schema-validators.js';

export function reportSchemaErrors(
  errors: readonly SchemaError[],
  base: string,
  code: ErrorCode,
  problems: ProblemList,
  /** Locate every problem at `base` itself (a variant key), naming the param in the message. */
  atBase = false,
): void {
  const seen = new Set<string>();
  // Errors of the branches of an anyOf/oneOf say the same thing several ways: keep the one
  // summary per value, with the schema's description as the hint.
  const alternatives = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  for (const error of errors) {
    // ajv reports a bad property name twice: the name's own error (carrying `propertyName`)
    // located at the parent object, and the `propertyNames` error that names it. Keep the latter.
    if (error.keyword === 'if' || 'propertyName' in error) continue;
    if (alternatives.has(error.instancePath) && error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue;
    const described = describe(error);
    const pointer = atBase ? base : base + described.pointer;
    const message = atBase && described.pointer ? `${described.pointer.slice(1)}: ${described.message}` : described.message;
    const dedupe = `${pointer}|${message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    problems.at(pointer, code, message, { hint: described.hint, at: atBase ? 'key' : described.at });
  }
}

interface Described {
  pointer: string;
  message: string;
  hint?: string;
  at?: 'key' | 'value';
}

function describe(error: SchemaError): Described {
  const p = error.params;
  const path = error.instancePath;
  const name = path.split('/').at(-1);
  const described = typeof error.parentSchema?.description === 'string' ? error.parentSchema.description : undefined;
  const doc = described && name && !/^\d+$/.test(name) ? `${name}: ${described}` : described;
  switch (error.keyword) {
    case 'required': {
      const name = String(p.missingProperty);
      const property = (error.parentSchema?.properties as Record<string, { description?: string }> | undefined)?.[name];
      return { pointer: path, message: `missing required property '${name}'`, hint: property?.description && `${name}: ${property.description}`, at: 'key' };
    }
    case 'anyOf':
    case 'oneOf':
      return { pointer: path, message: `${kindOf(error.data)} is not an accepted form`, hint: doc };
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return {
        pointer: `${path}/${escape(name)}`,
        message: `unknown property '${name}'`,
        hint: suggestion(name, known, 'properties'),
        at: 'key',
      };
    }
    case 'type':
      return { pointer: path, message: `must be ${article(String(p.type))}, got ${kindOf(error.data)}`, hint: doc };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return { pointer: path, message: `must be one of ${allowed}, got ${JSON.stringify(error.data)}`, hint: doc };
    }
    case 'const':
      return { pointer: path, message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'propertyNames':
      return {
        pointer: `${path}/${escape(String(p.propertyName))}`,
        message: `invalid name '${String(p.propertyName)}'`,
        hint: nameHint(path, String(p.propertyName)),
        at: 'key',
      };
    case 'pattern':
      return { pointer: path, message: `${JSON.stringify(error.data)} ${error.message ?? 'does not match'}`, hint: patternHint(path) };
    case 'minProperties':
    case 'minItems':
    case 'minLength': {
      const limit = Number(p.limit);
      const [one, many] = error.keyword === 'minProperties' ? ['entry', 'entries'] : error.keyword === 'minItems' ? ['item', 'items'] : ['character', 'characters'];
      return { pointer: path, message: limit === 1 ? `must not be empty (at least one ${one})` : `must have at least ${limit} ${many}`, hint: doc };
    }
    default:
      return { pointer: path, message: `${error.message ?? 'is invalid'}${valueSuffix(error.data)}`, hint: doc };
  }
}

function patternHint(path: string): string | undefined {
  if (path.includes('/in/')) return 'write an input as `stage.port`, e.g. `prices.prices`';
  if (path === '/pipeline') return 'a pipeline name starts with a letter or digit and uses letters, digits, _, . and -';
  return undefined;
}

/** What a valid name looks like where `name` was found (the parent object is at `path`). */
function nameHint(path: string, name: string): string {
  if (/^\/variants\/[^/]+$/.test(path) || path === '/sweep') {
    const [stage, ...rest] = name.split('.');
    if (rest.length > 0 && !rest.includes('with')) return `did you mean '${stage}.with.${rest.join('.')}'? an override is written <stage>.with.<param>`;
    return `an override is written <stage>.with.<param>, e.g. ${stage || 'prices'}.with.seed`;
  }
  if (path === '/variants') return 'variant names start with a letter or digit and use letters, digits, _, . and -';
  if (path === '/vars') return 'var names start with a letter or _ and use letters, digits and _';
  if (path === '/stages') return 'stage ids start with a letter and use letters, digits, _ and -';
  return 'names start with a letter and use letters, digits, _ and -';
}

function article(type: string): string {
  return type.includes(',') ? `one of ${type}` : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number') return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  return `${typeof value} ${String(value)}`;
}

function valueSuffix(data: unknown): string {
  return typeof data === 'number' || typeof data === 'string' ? ` (got ${JSON.stringify(data)})` : '';
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
