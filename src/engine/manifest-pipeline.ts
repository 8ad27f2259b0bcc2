/**
 * The exact resolved pipeline a run manifest recorded, rebuilt as a `PipelineSpec`:
 * each stage's kind, params (after defaults, overrides applied) and input wiring, with
 * its definition taken from today's registry. Needs no YAML: the file may have changed
 * or be gone. Pure: no filesystem.
 */
import { portsOf, type StageRegistry } from './contract.js';
import { suggestion } from './did-you-mean.js';
import { fail } from './errors.js';
import type { RunManifest } from './run-manifest.js';
import type { InputBinding, PipelineSpec, StageSpec } from './validate-pipeline.js';

/** Rebuilds the manifest's pipeline; a clear error when a kind, port or upstream stage is gone. */
export function pipelineFromManifest(manifest: RunManifest, registry: StageRegistry): PipelineSpec {
  const ids = new Set(manifest.resolved.map((s) => s.id));
  const stages: StageSpec[] = manifest.resolved.map((resolved) => {
    const definition = registry.get(resolved.kind);
    if (!definition) {
      fail('E_UNKNOWN_KIND', `run ${manifest.id}: stage '${resolved.id}' uses kind '${resolved.kind}', which this tradelab no longer has`, {
        hint: suggestion(resolved.kind, [...registry.keys()].sort(), 'stage kinds'),
      });
    }
    const ports = portsOf(definition, resolved.params);
    const inputs: InputBinding[] = Object.entries(resolved.inputs).map(([port, texts]) => {
      const declared = ports.inputs[port];
      if (!declared) {
        fail('E_UNKNOWN_PORT', `run ${manifest.id}: stage '${resolved.id}' (${resolved.kind}) has no input port '${port}' any more`, {
          hint: 'the stage kind changed its ports since the run; check out the tradelab version the manifest names',
        });
      }
      const refs = texts.map((text) => {
        const dot = text.lastIndexOf('.'); // variant ids may hold dots; ports never do
        const ref = { stage: text.slice(0, dot), port: text.slice(dot + 1) };
        if (!ids.has(ref.stage)) {
          fail('E_UNKNOWN_STAGE', `run ${manifest.id}: stage '${resolved.id}' reads '${text}', but the run did not record stage '${ref.stage}'`, {
            hint: 'the run was a partial selection (--skip, --only); re-run the whole pipeline to reproduce it',
          });
        }
        return ref;
      });
      return { port, refs, multiple: Boolean(declared.multiple), named: Boolean(declared.named) };
    });
    return { id: resolved.id, kind: resolved.kind, definition, params: structuredClone(resolved.params), inputs, outputs: ports.outputs };
  });
  return { name: manifest.pipeline, file: manifest.file, stages, variants: {}, sweep: {} };
}
