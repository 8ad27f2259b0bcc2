import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashValue } from '../../src/engine/canonical-json.js';
import { stageKey, type KeyPreimage } from '../../src/engine/stage-key.js';
import type { PipelineSpec } from '../../src/engine/validate-pipeline.js';
import { REFERENCE_YAML, specOf } from '../helpers/engine-harness.js';

/** Keys computed as the runner does, with each upstream output id replaced by the upstream key. */
function staticKeys(pipeline: PipelineSpec): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const s of pipeline.stages) {
    const inputs: Record<string, string | string[]> = {};
    for (const b of s.inputs) {
      const ids = b.refs.map((r) => `${keys[r.stage]}:${r.port}`);
      inputs[b.port] = b.multiple ? ids : ids[0]!;
    }
    const preimage: KeyPreimage = { kind: s.kind, version: s.definition.version, code: s.definition.codeFingerprint, params: s.params, inputs, files: {} };
    keys[s.id] = stageKey(preimage);
  }
  return keys;
}

const STAGES = {
  src: '{ uses: test-source, with: { n: 5, seed: 3, scale: 0.001 } }',
  map: '{ uses: test-map, in: { numbers: src.numbers }, with: { op: add, by: 1 } }',
  join: '{ uses: test-join, in: { parts: [src.numbers, map.numbers] }, with: { mode: sum } }',
};

function pipelineText(order: (keyof typeof STAGES)[], topOrder: number[]): string {
  const blocks = [
    'pipeline: keys',
    'vars: { s: 3 }',
    `stages:\n${order.map((id) => `  ${id}: ${STAGES[id]}`).join('\n')}`,
  ];
  return topOrder.map((i) => blocks[i]).join('\n');
}

describe('stage keys', () => {
  it('do not change with stage order, top-level key order or param order (property)', async () => {
    const reference = staticKeys(await specOf(pipelineText(['src', 'map', 'join'], [0, 1, 2])));
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(['src', 'map', 'join'] as const, { minLength: 3, maxLength: 3 }),
        fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }),
        fc.boolean(),
        async (order, top, reverseParams) => {
          let text = pipelineText([...order], top);
          if (reverseParams) text = text.replace('{ n: 5, seed: 3, scale: 0.001 }', '{ scale: 0.001, seed: 3, n: 5 }');
          expect(staticKeys(await specOf(text))).toEqual(reference);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('do not change with comments, quoting, 1e-3 vs 0.001, block vs flow style, or anchors', async () => {
    const reference = staticKeys(await specOf(pipelineText(['src', 'map', 'join'], [0, 1, 2])));
    const variants = [
      `pipeline: keys # a comment\nstages:\n  # comment\n  src: { uses: "test-source", with: { n: 5, seed: 3, scale: 1e-3 } }\n  map: { uses: 'test-map', in: { numbers: "src.numbers" }, with: { op: "add", by: 1.0 } }\n  join: { uses: test-join, in: { parts: [src.numbers, 'map.numbers'] }, with: { mode: sum } }\n`,
      `pipeline: keys\nstages:\n  src:\n    uses: test-source\n    with:\n      n: 5\n      seed: 3\n      scale: 0.1e-2\n  map:\n    uses: test-map\n    in:\n      numbers: src.numbers\n    with: { op: add, by: 1 }\n  join:\n    uses: test-join\n    in:\n      parts:\n        - src.numbers\n        - map.numbers\n    with: { mode: sum }\n`,
      `pipeline: keys\nvars: { seed: 3, plus: &plus { op: add, by: 1 } }\nstages:\n  src: { uses: test-source, with: { n: 5, seed: "\${vars.seed}", scale: 0.001 } }\n  map: { uses: test-map, in: { numbers: src.numbers }, with: *plus }\n  join: { uses: test-join, in: { parts: [src.numbers, map.numbers] }, with: { mode: sum } }\n`,
    ];
    for (const text of variants) expect(staticKeys(await specOf(text))).toEqual(reference);
  });

  it('do not depend on stage ids', async () => {
    const renamed = pipelineText(['src', 'map', 'join'], [0, 1, 2]).replace('  map:', '  plus1:').replace('map.numbers', 'plus1.numbers');
    const a = staticKeys(await specOf(pipelineText(['src', 'map', 'join'], [0, 1, 2])));
    const b = staticKeys(await specOf(renamed));
    expect(b.plus1).toBe(a.map);
  });

  it('change when a param is added, a value changes, an input changes or the code changes', async () => {
    const base = await specOf(pipelineText(['src', 'map', 'join'], [0, 1, 2]));
    const keys = staticKeys(base);
    const added = staticKeys(await specOf(pipelineText(['src', 'map', 'join'], [0, 1, 2]).replace('{ op: add, by: 1 }', '{ op: add, by: 1, sleep_ms: 1 }')));
    expect(added.map).not.toBe(keys.map);
    expect(added.src).toBe(keys.src);
    const rewired = staticKeys(await specOf(pipelineText(['src', 'map', 'join'], [0, 1, 2]).replace('[src.numbers, map.numbers]', '[map.numbers, src.numbers]')));
    expect(rewired.join).not.toBe(keys.join);
    const codeChanged = structuredClone(base);
    codeChanged.stages[1] = { ...base.stages[1]!, definition: { ...base.stages[1]!.definition, codeFingerprint: 'edited' } };
    const changed = staticKeys(codeChanged);
    expect(changed.map).not.toBe(keys.map);
    expect(changed.join).not.toBe(keys.join);
    expect(changed.src).toBe(keys.src);
  });

  it('contain no absolute path, host name or time', async () => {
    const spec = await specOf(REFERENCE_YAML);
    const text = canonicalJson(spec.stages.map((s) => ({ params: s.params, code: s.definition.codeFingerprint })));
    expect(text).not.toContain(process.cwd());
    expect(text).not.toContain((await import('node:os')).hostname());
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth and normalizes numbers (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.double({ noNaN: false }), fc.string(), fc.boolean(), fc.dictionary(fc.string(), fc.integer()))), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(hashValue(reversed)).toBe(hashValue(obj));
      }),
    );
    expect(canonicalJson({ b: 1e-3, a: [-0, NaN, Infinity] })).toBe('{"a":[0,"NaN","Infinity"],"b":0.001}');
  });
});
