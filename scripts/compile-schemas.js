// Build step: compiles the pipeline schema and every built-in stage's params schema to
// standalone validator code (dist/schemas/validators.cjs), so the CLI never runs ajv's
// compiler on start. Exports are named by schema hash; see src/engine/schema-validators.ts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { AJV_OPTIONS, ANNOTATION_KEYWORDS, schemaId } = await import(path.join(root, 'dist/src/engine/schema-validators.js'));
const { BUILTIN_STAGES } = await import(path.join(root, 'dist/stages/registry.js'));

const schemas = [JSON.parse(readFileSync(path.join(root, 'schemas/pipeline.schema.json'), 'utf8')), ...BUILTIN_STAGES.map((s) => s.params)];
const ajv = new Ajv2020(AJV_OPTIONS);
ajv.addVocabulary(ANNOTATION_KEYWORDS);
const exports = {};
for (const schema of schemas) {
  const id = schemaId(schema);
  const { $id: _ignored, ...rest } = schema;
  ajv.addSchema({ ...rest, $id: id });
  exports[id] = id;
}
const out = path.join(root, 'dist/schemas/validators.cjs');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, standaloneCode.default(ajv, exports));
