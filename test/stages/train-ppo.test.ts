import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectExactResume, readActions, runAgent } from '../helpers/rl-stage.js';

const STAGE = (extra = '') =>
  `uses: train-ppo\n    with: { total_steps: 1024, envs: 4, n_steps: 64, batch_size: 64, n_epochs: 2, hidden: [16], lookback: 5, episode_steps: 32, seed: 3, backend: cpu${extra} }`;

describe('train-ppo', () => {
  it('trains, then writes greedy actions for every val and test step (none in train) with the documented columns, a policy and a learning curve', async () => {
    const { h, agent, result } = await runAgent(STAGE());
    const dataset = result.stages.find((s) => s.id === 'scaled')!.outputs!.dataset!.id;
    const { columns, segmentOf } = await readActions(h, agent.outputs!.actions!.id, dataset);
    expect([...columns.keys()]).toEqual(['ticker', 'date', 'segment', 'action', 'position', 'equity', 'fill_fallback']);
    const ticker = columns.get('ticker') as { indices: Int32Array; dictionary: string[] };
    const date = (columns.get('date') as { days: Int32Array }).days;
    const segment = (columns.get('segment') as { values: Int8Array }).values;
    expect(date.length).toBeGreaterThan(100);
    const seen = new Set<number>();
    for (let i = 0; i < date.length; i++) {
      const split = segmentOf.get(`${ticker.dictionary[ticker.indices[i]!]}|${date[i]}`);
      expect(split).toBe(segment[i]);
      seen.add(segment[i]!);
    }
    expect([...seen].sort()).toEqual([1, 2]);
    expect((columns.get('fill_fallback') as { values: Int8Array }).values.every((v) => v === 0)).toBe(true);
    const model = JSON.parse(readFileSync(h.store.objectPath(agent.outputs!.model!.id), 'utf8'));
    expect(model).toMatchObject({ format: 'tradelab-rl-policy', kind: 'ppo', actionCount: 9 });
    expect(model.weightsManifest[0].weights.length).toBeGreaterThan(0);
    const history = JSON.parse(readFileSync(h.store.objectPath(agent.outputs!.history!.id), 'utf8'));
    expect(history.curve).toHaveLength(4);
    expect(history.evaluation.map((e: { segment: string }) => e.segment)).toEqual(['val', 'test']);
    expect(readFileSync(h.store.logPath(agent.key!), 'utf8')).toMatch(/test: \d+ episodes, .*buy and hold/);
  }, 120_000);

  it('fills at the next close without a prices input, and flags every such fill in the actions', async () => {
    const { h, agent, result } = await runAgent(STAGE(), { prices: false });
    expect(readFileSync(h.store.logPath(agent.key!), 'utf8')).toMatch(/no `prices` input/);
    const history = JSON.parse(readFileSync(h.store.objectPath(agent.outputs!.history!.id), 'utf8'));
    const sum = (key: string) => history.evaluation.reduce((n: number, e: Record<string, number>) => n + e[key]!, 0);
    expect(sum('fallbackFills')).toBe(sum('trades'));
    const { columns } = await readActions(h, agent.outputs!.actions!.id, result.stages.find((s) => s.id === 'scaled')!.outputs!.dataset!.id);
    expect((columns.get('fill_fallback') as { values: Int8Array }).values.reduce((n, v) => n + v, 0)).toBe(sum('fallbackFills'));
  }, 120_000);

  it('gives byte-identical model and actions artifacts for the same seed in two separate stores', async () => {
    const [a, b] = [await runAgent(STAGE()), await runAgent(STAGE())];
    expect(a.h.root).not.toBe(b.h.root);
    expect(b.agent.outputs!.model!.id).toBe(a.agent.outputs!.model!.id);
    expect(b.agent.outputs!.actions!.id).toBe(a.agent.outputs!.actions!.id);
  }, 120_000);

  it('resumes after being killed at checkpoint 2: the re-run replays the env, continues and ends with the model and actions of an uninterrupted run', async () => {
    await expectExactResume(STAGE(', checkpoint_interval: 256'), 2);
  }, 120_000);
});
