import { describe, expect, it } from 'vitest';
import { DurationEstimator, collectDurationSamples, estimatePlan, type DurationSample } from '../../src/engine/duration-estimate.js';
import type { StageOutcome } from '../../src/engine/run-events.js';
import { REFERENCE_YAML, harness, specOf } from '../helpers/engine-harness.js';

const sample = (over: Partial<DurationSample>): DurationSample => ({ kind: 'train', seconds: 10, params: {}, finishedAt: '2026-01-01T00:00:00Z', ...over });

describe('estimating stage durations', () => {
  it('knows nothing about a kind that never ran', () => {
    expect(new DurationEstimator([sample({})]).estimate({ kind: 'other', params: {} })).toBeUndefined();
  });

  it('scales the recorded time by input bytes and by budget params both executions have', () => {
    const estimator = new DurationEstimator([sample({ seconds: 10, inputBytes: 1000, params: { epochs: 5, units: 8 } })], { budgetParams: ['epochs', 'total_steps'] });
    expect(estimator.estimate({ kind: 'train', params: { epochs: 5, units: 8 }, inputBytes: 1000 })).toBe(10);
    expect(estimator.estimate({ kind: 'train', params: { epochs: 10, units: 8 }, inputBytes: 1000 })).toBe(20);
    expect(estimator.estimate({ kind: 'train', params: { epochs: 10, units: 8 }, inputBytes: 3000 })).toBe(60);
    expect(estimator.estimate({ kind: 'train', params: { units: 8 }, inputBytes: 500 })).toBe(5);
  });

  it('does not treat a param as a budget unless the caller names it', () => {
    const estimator = new DurationEstimator([sample({ seconds: 10, params: { epochs: 5 } })]);
    expect(estimator.estimate({ kind: 'train', params: { epochs: 50 } })).toBe(10);
  });

  it('prefers executions with the same non-budget params, and takes the median of the newest', () => {
    const samples = [
      sample({ seconds: 100, params: { units: 256 }, finishedAt: '2026-01-05T00:00:00Z' }),
      sample({ seconds: 4, params: { units: 8 }, finishedAt: '2026-01-04T00:00:00Z' }),
      sample({ seconds: 6, params: { units: 8 }, finishedAt: '2026-01-03T00:00:00Z' }),
      sample({ seconds: 50, params: { units: 8 }, finishedAt: '2026-01-02T00:00:00Z' }),
    ];
    expect(new DurationEstimator(samples).estimate({ kind: 'train', params: { units: 8 } })).toBe(6);
    expect(new DurationEstimator(samples, { window: 2 }).estimate({ kind: 'train', params: { units: 8 } })).toBe(5);
    expect(new DurationEstimator(samples).estimate({ kind: 'train', params: { units: 64 } })).toBe(28);
  });

  it('estimates a plan from a store: cached stages count zero, stages to run their recorded time', async () => {
    const h = harness();
    const first = await h.run(REFERENCE_YAML);
    const samples = collectDurationSamples(h.store);
    expect(samples).toHaveLength(10);
    const c = samples.find((s) => s.params.op === 'add' && s.params.by === 1)!;
    expect(c.inputBytes).toBe(first.stages.find((s) => s.id === 'b')!.outputs!.numbers!.bytes);
    const spec = await specOf(REFERENCE_YAML, [{ key: 'd.with.by', value: 0.25 }]);
    const dry = await h.run(REFERENCE_YAML, { overrides: [{ key: 'd.with.by', value: 0.25 }], dryRun: true });
    const outcomes = new Map<string, StageOutcome>(dry.stages.map((s) => [s.id, s]));
    const plan = estimatePlan(spec.stages, outcomes, new DurationEstimator(samples));
    expect(plan.stages.filter((s) => s.willRun).map((s) => s.id)).toEqual(['d', 'e', 'f', 'j']);
    expect(plan.unknown).toEqual([]);
    const recorded = (id: string): number => first.stages.find((s) => s.id === id)!.seconds;
    expect(plan.totalSeconds).toBeGreaterThan(0);
    expect(plan.stages.find((s) => s.id === 'j')!.seconds).toBeCloseTo(recorded('j'), 6);
  });
});
