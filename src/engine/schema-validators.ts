/**
 * JSON Schema validators for the pipeline file and every stage kind's params.
 * 1. `npm run build` compiles the built-in schemas to standalone code (scripts/compile-schemas.js),
 *    so a CLI start loads generated functions instead of running ajv's compiler;
 * 2. a schema without compiled code (a test registry, a plugin) is compiled by ajv on demand.
 * Both use the same ajv options, so they accept the same documents.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hashValue } from './canonical-json.js';
import { compiledSibling, type JsonSchema } from './contract.js';

export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** Present because validators are built with `verbose`. */
  parentSchema?: Record<string, unknown>;
  data?: unknown;
}

export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

/** The ajv options shared by the build-time compiler and the on-demand one. */
export const AJV_OPTIONS = {
  allErrors: true,
  useDefaults: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  verbose: true,
  code: { source: true },
} as const;

/** Annotation keywords tradelab adds to JSON Schema. `x-file`: the param names input files. */
export const ANNOTATION_KEYWORDS = ['x-file'];

const ids = new WeakMap<JsonSchema, string>();

/** A stable name for a schema: its content hash (memoized per schema object). */
export function schemaId(schema: JsonSchema): string {
  let id = ids.get(schema);
  if (!id) {
    id = `h${hashValue(schema).slice(0, 24)}`;
    ids.set(schema, id);
  }
  return id;
}

const compiledModulePath = compiledSibling(import.meta.url, '../../schemas/validators.cjs');

export class SchemaValidators {
  private readonly validators = new Map<string, SchemaValidator>();

  /** Makes validators for these schemas available to `get`; compiles only what the build did not. */
  async prepare(schemas: Iterable<JsonSchema>): Promise<void> {
    const wanted = new Map<string, JsonSchema>();
    for (const schema of schemas) {
      const id = schemaId(schema);
      if (!this.validators.has(id)) wanted.set(id, schema);
    }
    if (wanted.size === 0) return;
    if (existsSync(compiledModulePath)) {
      const compiled = createRequire(import.meta.url)(compiledModulePath) as Record<string, SchemaValidator>;
      for (const id of [...wanted.keys()]) {
        const fn = compiled[id];
        if (fn) {
          this.validators.set(id, fn);
          wanted.delete(id);
        }
      }
    }
    if (wanted.size === 0) return;
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: false } });
    ajv.addVocabulary(ANNOTATION_KEYWORDS);
    for (const [id, schema] of wanted) {
      const { $id: _ignored, ...rest } = schema;
      this.validators.set(id, ajv.compile(rest) as SchemaValidator);
    }
  }

  get(schema: JsonSchema): SchemaValidator {
    const validator = this.validators.get(schemaId(schema));
    if (!validator) throw new Error('schema validator requested before prepare()');
    return validator;
  }
}
