import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectExactResume, readActions, runAgent } from '../helpers/rl-stage.js';

const STAGE = (extra = '') =>
  `uses: train-dqn\n    with: { total_steps: 1200, envs: 4, hidden: [16], learning_starts: 200, batch_size: 32, target_update_interval: 200, buffer_size: 2000, log_interval: 400, lookback: 5, episode_steps: 32, seed: 3, backend: cpu${extra} }`;

describe('train-dqn', () => {
  it('trains, then writes greedy actions for every val and test step (none in train) with the documented columns, a policy and a learning curve', async () => {
    const { h, agent, result } = await runAgent(STAGE(', reward_scale: 10, n_steps: 2'));
    const dataset = result.stages.find((s) => s.id === 'scaled')!.outputs!.dataset!.id;
    const { columns, segmentOf } = await readActions(h, agent.outputs!.actions!.id, dataset);
    expect([...columns.keys()]).toEqual(['ticker', 'date', 'segment', 'action', 'position', 'equity', 'fill_fallback']);
    const ticker = columns.get('ticker') as { indices: Int32Array; dictionary: string[] };
    const date = (columns.get('date') as { days: Int32Array }).days;
    const segment = (columns.get('segment') as { values: Int8Array }).values;
    expect(date.length).toBeGreaterThan(100);
    for (let i = 0; i < date.length; i++) expect(segmentOf.get(`${ticker.dictionary[ticker.indices[i]!]}|${date[i]}`)).toBe(segment[i]);
    expect([...new Set(segment)].sort()).toEqual([1, 2]);
    const model = JSON.parse(readFileSync(h.store.objectPath(agent.outputs!.model!.id), 'utf8'));
    expect(model).toMatchObject({ format: 'tradelab-rl-policy', kind: 'dqn', actionCount: 9 });
    expect(model.config).toMatchObject({ rewardScale: 10, nSteps: 2 });
    const history = JSON.parse(readFileSync(h.store.objectPath(agent.outputs!.history!.id), 'utf8'));
    expect(history.curve).toHaveLength(3);
    expect(history.curve[2].loss).toBeGreaterThan(0);
  }, 120_000);

  it('gives byte-identical model and actions artifacts for the same seed in two separate stores, on cpu and on wasm', async () => {
    for (const backend of ['cpu', 'wasm']) {
      const stage = STAGE(`, prioritized: true`).replace('backend: cpu', `backend: ${backend}`);
      const [a, b] = [await runAgent(stage), await runAgent(stage)];
      expect(b.agent.outputs!.model!.id).toBe(a.agent.outputs!.model!.id);
      expect(b.agent.outputs!.actions!.id).toBe(a.agent.outputs!.actions!.id);
    }
  }, 120_000);

  it('resumes after being killed at checkpoint 1: the re-run replays the env, continues and ends with the model and actions of an uninterrupted run', async () => {
    await expectExactResume(STAGE(', checkpoint_interval: 400'), 1);
  }, 120_000);
});
