/**
 * Builds a stage's key preimage from its spec, the ids of its upstream outputs and the
 * content of the files its params name. Shared by `run` and `status`.
 */
import path from 'node:path';
import { fail } from './errors.js';
import type { StatCache } from './file-hash.js';
import { fileParams, type KeyPreimage } from './stage-key.js';
import type { StageSpec } from './validate-pipeline.js';
import { expandPattern } from './file-pattern.js';

/** Output ids of upstream stages: stage id -> port -> artifact id. */
export type KnownOutputs = Pick<ReadonlyMap<string, Record<string, { id: string }>>, 'get'>;

/** The preimage, or the id of an upstream stage whose outputs are not known yet. */
export async function resolvePreimage(
  spec: StageSpec,
  known: KnownOutputs,
  statCache: StatCache,
  projectRoot: string,
): Promise<{ preimage: KeyPreimage; files: Record<string, string[]> } | { waitingOn: string }> {
  const inputs: Record<string, string | string[]> = {};
  const names: Record<string, string[]> = {};
  for (const binding of spec.inputs) {
    if (binding.named) names[binding.port] = binding.refs.map((ref) => `${ref.stage}.${ref.port}`);
    const ids: string[] = [];
    for (const ref of binding.refs) {
      const id = known.get(ref.stage)?.[ref.port]?.id;
      if (!id) return { waitingOn: ref.stage };
      ids.push(id);
    }
    inputs[binding.port] = binding.multiple ? ids : ids[0]!;
  }
  const files: Record<string, string> = {};
  const named: Record<string, string[]> = {};
  for (const param of fileParams(spec.definition.params, spec.params)) {
    const absolute: string[] = [];
    for (const pattern of param.patterns) {
      const matches = expandPattern(projectRoot, pattern);
      if (matches.length === 0) {
        fail('E_FILE', `stage '${spec.id}': param '${param.param}' names ${/[*?]/.test(pattern) ? 'a pattern that matches no file' : 'a file that does not exist'}: ${pattern}`, {
          pointer: `/stages/${spec.id}/with/${param.param}`,
          hint: `paths are relative to the project root ${projectRoot}`,
        });
      }
      absolute.push(...matches);
    }
    named[param.param] = absolute;
    for (const file of absolute) {
      const relative = path.relative(projectRoot, file);
      files[`${param.param}:${relative}`] = await statCache.hashFile(file, `file:${relative}`);
    }
  }
  return {
    preimage: {
      kind: spec.kind,
      version: spec.definition.version,
      code: spec.definition.codeFingerprint,
      params: spec.params,
      inputs,
      ...(Object.keys(names).length > 0 ? { names } : {}),
      files,
    },
    files: named,
  };
}
