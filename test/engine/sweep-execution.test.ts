import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/engine/load-pipeline.js';
import { validatePipeline } from '../../src/engine/validate-pipeline.js';
import { seedlessName } from '../../src/quant/compare/seed-groups.js';
import { openWorkspace } from '../../src/cli/open-pipeline.js';
import { executedIds, harness, specOf } from '../helpers/engine-harness.js';

/** ingest -> features -> normalize (shared), a trainer swept 2 x 2, its backtest, a fan-in compare. */
function sweepYaml(byValues: string): string {
  return `pipeline: sweep-test
stages:
  ingest: { uses: test-source, with: { n: 8, seed: 3 } }
  features: { uses: test-map, in: { numbers: ingest.numbers }, with: { op: scale, by: 2 } }
  normalize: { uses: test-map, in: { numbers: features.numbers }, with: { op: add, by: -1 } }
  trainer: { uses: test-map, in: { numbers: normalize.numbers }, with: { op: scale, by: 1 } }
  backtest: { uses: test-map, in: { numbers: trainer.numbers }, with: { op: abs } }
  compare: { uses: test-join, in: { parts: [backtest.numbers] } }
sweep:
  trainer.with.by: ${byValues}
  trainer.with.op: [scale, add]
`;
}

const ids = (stages: { id: string }[], origin: string): string[] => stages.map((s) => s.id).filter((id) => id === origin || id.startsWith(`${origin}[`));

describe('executing a sweep', () => {
  it('runs the shared upstream chain once and each trainer variant once; a re-run executes nothing; a new value executes only the new variants', async () => {
    const h = harness();
    const first = await h.run(sweepYaml('[1, 2]'));
    expect(first.status).toBe('succeeded');
    const executed = executedIds(first);
    expect(executed.filter((id) => ['ingest', 'features', 'normalize'].includes(id))).toEqual(['features', 'ingest', 'normalize']);
    expect(ids(first.stages, 'trainer')).toEqual(['trainer[by=1,op=scale]', 'trainer[by=1,op=add]', 'trainer[by=2,op=scale]', 'trainer[by=2,op=add]']);
    expect(executed.filter((id) => id.startsWith('trainer'))).toHaveLength(4);
    expect(executed.filter((id) => id.startsWith('backtest['))).toHaveLength(4);
    expect(executed).toContain('compare');
    expect(first.executed).toBe(3 + 4 + 4 + 1);

    expect((await h.run(sweepYaml('[1, 2]'))).executed).toBe(0);

    const extended = await h.run(sweepYaml('[1, 2, 3]'));
    expect(executedIds(extended)).toEqual(['backtest[by=3,op=add]', 'backtest[by=3,op=scale]', 'compare', 'trainer[by=3,op=add]', 'trainer[by=3,op=scale]']);
  });

  it('gives a fan-in port every variant\'s output and does not copy its stage', async () => {
    const h = harness();
    const spec = await specOf(sweepYaml('[1, 2]'));
    const compare = spec.stages.filter((s) => s.id.startsWith('compare'));
    expect(compare.map((s) => s.id)).toEqual(['compare']);
    expect(compare[0]!.inputs[0]!.refs.map((r) => r.stage)).toEqual(ids(spec.stages, 'backtest'));
    const result = await h.run(sweepYaml('[1, 2]'));
    const summary = result.stages.find((s) => s.id === 'compare')!.outputs!.summary!;
    expect(JSON.parse(readFileSync(h.store.objectPath(summary.id), 'utf8')).count).toBe(4 * 8);
  });

  it('shares a copy between variants that differ only downstream of it', async () => {
    const yaml = `${sweepYaml('[1, 2]').replace(/sweep:[\s\S]*$/, '')}sweep:
  normalize.with.by: [0, 1]
  backtest.with.op: [abs, round]
`;
    const spec = await specOf(yaml);
    expect(ids(spec.stages, 'normalize')).toEqual(['normalize[by=0]', 'normalize[by=1]']);
    expect(ids(spec.stages, 'trainer')).toEqual(['trainer[by=0]', 'trainer[by=1]']);
    expect(spec.stages.find((s) => s.id === 'trainer[by=0]')!.inputs[0]!.refs).toEqual([{ stage: 'normalize[by=0]', port: 'numbers' }]);
    expect(ids(spec.stages, 'backtest')).toEqual(['backtest[by=0,op=abs]', 'backtest[by=0,op=round]', 'backtest[by=1,op=abs]', 'backtest[by=1,op=round]']);
    expect(ids(spec.stages, 'ingest')).toEqual(['ingest']);
  });

  it('runs the base and every named variant, crossed with the sweep, named stage[param=value,...]', async () => {
    const yaml = `${sweepYaml('[1]').replace(/sweep:[\s\S]*$/, '')}variants:
  wide: { trainer.with.op: add }
sweep:
  trainer.with.by: [0.5, 0.0003]
`;
    const spec = await specOf(yaml);
    expect(ids(spec.stages, 'trainer')).toEqual(['trainer[by=0.5]', 'trainer[by=0.0003]', 'trainer[op=add,by=0.5]', 'trainer[op=add,by=0.0003]']);
    const copy = spec.stages.find((s) => s.id === 'trainer[op=add,by=0.0003]')!;
    expect(copy.params).toMatchObject({ op: 'add', by: 0.0003 });
    expect(copy.origin).toBe('trainer');
    expect(copy.overrides).toEqual({ 'trainer.with.op': 'add', 'trainer.with.by': 0.0003 });
  });

  it('runs a stage once per seed of `seeds:`, named stage[seed=N], which the report groups by seed', async () => {
    const yaml = sweepYaml('[1]').replace(/sweep:[\s\S]*$/, '').replace('with: { n: 8, seed: 3 } }', 'seeds: [1, 2, 3], with: { n: 8 } }');
    const spec = await specOf(yaml);
    expect(ids(spec.stages, 'ingest')).toEqual(['ingest[seed=1]', 'ingest[seed=2]', 'ingest[seed=3]']);
    expect(spec.stages.find((s) => s.id === 'ingest[seed=2]')!.params.seed).toBe(2);
    expect(ids(spec.stages, 'backtest').map((id) => seedlessName(id))).toEqual(['backtest', 'backtest', 'backtest']);
    expect(seedlessName('trainer[by=2,seed=3]')).toBe('trainer[by=2]');
    const result = await harness().run(yaml);
    expect(result.status).toBe('succeeded');
    expect(executedIds(result).filter((id) => id.startsWith('ingest'))).toHaveLength(3);
  });

  it('crosses multirun overrides (several values) into variants and applies single values to the base', async () => {
    const spec = await specOf(sweepYaml('[1]').replace(/sweep:[\s\S]*$/, ''), [
      { key: 'trainer.with.by', value: 1, values: [1, 2], argument: 'trainer.with.by=1,2' },
      { key: 'backtest.with.op', value: 'abs', values: ['abs', 'round'], argument: 'backtest.with.op=abs,round' },
      { key: 'features.with.by', value: 4, argument: 'features.with.by=4' },
    ]);
    expect(ids(spec.stages, 'backtest')).toHaveLength(4);
    expect(spec.stages.find((s) => s.id === 'features')!.params.by).toBe(4);
    expect(spec.sweep).toEqual({ 'trainer.with.by': [1, 2], 'backtest.with.op': ['abs', 'round'] });
  });

  it('reports a multirun value of the wrong type at its --set argument, and an oversized plan', async () => {
    const ws = await openWorkspace();
    const text = sweepYaml('[1]').replace(/sweep:[\s\S]*$/, '');
    const bad = validatePipeline(loadPipeline('p.yaml', text), { ...ws, overrides: [{ key: 'trainer.with.by', value: 1, values: [1, 'x'], argument: 'trainer.with.by=1,x' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatchObject({ code: 'E_PARAMS', file: '--set' });
    const many = `${text}sweep:\n  trainer.with.by: [${Array.from({ length: 101 }, (_, i) => i).join(', ')}]\n  backtest.with.sleep_ms: [${Array.from({ length: 100 }, (_, i) => i).join(', ')}]\n`;
    const huge = validatePipeline(loadPipeline('p.yaml', many), { ...ws });
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.problems[0]!.message).toMatch(/expands into 10100 variants \(trainer.with.by \(101 values\) x backtest.with.sleep_ms \(100 values\)\)/);
  });
});

describe('validating seeds:', () => {
  it('refuses `seeds:` on a stage whose kind has no seed param, once, at the key', async () => {
    const ws = await openWorkspace();
    const text = `pipeline: s\nstages:\n  a: { uses: test-source, with: { n: 3 } }\n  b: { uses: test-join, in: { parts: [a.numbers] }, seeds: [1, 2] }\n`;
    const result = validatePipeline(loadPipeline('p.yaml', text), { ...ws });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatchObject({ code: 'E_PARAMS', pointer: '/stages/b/seeds', line: 4 });
      expect(result.problems[0]!.message).toMatch(/stage kind 'test-join' has no such param/);
    }
  });
});
