// Build step: records the code fingerprint of every built-in stage (a hash of its folder's
// sources and of the code it runs on, see stages/stage-files.ts) in
// dist/stages/fingerprints.json; stage keys include it. The old file is removed first, so
// the registry computes every fingerprint from the sources as they are now.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'dist/stages/fingerprints.json');
rmSync(target, { force: true });
const { BUILTIN_STAGES } = await import(path.join(root, 'dist/stages/registry.js'));
const fingerprints = Object.fromEntries(BUILTIN_STAGES.map((s) => [s.kind, s.codeFingerprint]));
writeFileSync(target, `${JSON.stringify(fingerprints, null, 2)}\n`);
