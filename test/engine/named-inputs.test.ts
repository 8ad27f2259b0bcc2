import { describe, expect, it } from 'vitest';
import { StatCache } from '../../src/engine/file-hash.js';
import { resolvePreimage, type KnownOutputs } from '../../src/engine/key-resolver.js';
import { stageKey } from '../../src/engine/stage-key.js';
import type { StageSpec } from '../../src/engine/validate-pipeline.js';
import { specOf } from '../helpers/engine-harness.js';

const PIPELINE = `pipeline: names
stages:
  src: { uses: test-source, with: { n: 5, seed: 3 } }
  map: { uses: test-map, in: { numbers: src.numbers }, with: { op: add, by: 1 } }
  join: { uses: test-join, in: { parts: [src.numbers, map.numbers] } }
`;

/** The key of `join` with its `parts` port declared named or not, upstream ids fixed. */
async function joinKey(text: string, upstream: string, named: boolean): Promise<string> {
  const spec = await specOf(text);
  const join = spec.stages.find((s) => s.id === 'join')!;
  const asDeclared: StageSpec = { ...join, inputs: join.inputs.map((b) => ({ ...b, named })) };
  const known: KnownOutputs = new Map([
    ['src', { numbers: { id: 'a'.repeat(64) } }],
    [upstream, { numbers: { id: 'b'.repeat(64) } }],
  ]);
  const resolved = await resolvePreimage(asDeclared, known, new StatCache(), '/nowhere');
  if (!('preimage' in resolved)) throw new Error(`waiting on ${resolved.waitingOn}`);
  return stageKey(resolved.preimage);
}

describe('named input ports', () => {
  const renamed = PIPELINE.replace('  map:', '  plus1:').replace('map.numbers]', 'plus1.numbers]');

  it('leave keys independent of upstream stage ids when the port is not named', async () => {
    expect(await joinKey(renamed, 'plus1', false)).toBe(await joinKey(PIPELINE, 'map', false));
  });

  it('put the upstream names in the key when the port is named, so a rename re-runs the stage', async () => {
    const before = await joinKey(PIPELINE, 'map', true);
    expect(await joinKey(renamed, 'plus1', true)).not.toBe(before);
    expect(before).not.toBe(await joinKey(PIPELINE, 'map', false));
  });
});
