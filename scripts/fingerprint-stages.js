// Build step: records the code fingerprint of every built-in stage (a hash of its folder's
// sources) in dist/stages/fingerprints.json; stage keys include it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { BUILTIN_STAGES } = await import(path.join(root, 'dist/stages/registry.js'));
const { fingerprintSources } = await import(path.join(root, 'dist/stages/stage-files.js'));

const fingerprints = Object.fromEntries(BUILTIN_STAGES.map((s) => [s.kind, fingerprintSources(s.kind)]));
writeFileSync(path.join(root, 'dist/stages/fingerprints.json'), `${JSON.stringify(fingerprints, null, 2)}\n`);
