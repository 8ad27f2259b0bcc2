/**
 * The ports train-ppo and train-dqn share, in a module of their own: stage definitions are
 * loaded on every CLI start, so they must not import the training code (and TensorFlow.js).
 */
import type { StageDefinition } from '../src/engine/contract.js';

/** The definition's ports, the same for both stages. */
export const RL_PORTS: Pick<StageDefinition, 'inputs' | 'outputs'> = {
  inputs: {
    dataset: { type: 'dataset', description: 'a normalized dataset (from `normalize`): features, close and segment per (ticker, date)' },
    prices: { type: 'prices', optional: true, description: 'the price table (from `ingest`) whose opens fills use; without it fills use the next close' },
  },
  outputs: {
    model: { type: 'model', description: 'the policy: trainer and env config, weight names and shapes, weights (JSON, tfjs weights-manifest layout)' },
    history: { type: 'history', description: 'learning curve (one point per update or log) and the val/test episode statistics (JSON)' },
    actions: { type: 'actions', description: 'ticker, date, segment (1 val, 2 test), action, position, equity, fill_fallback for every greedy val and test step (Parquet)' },
  },
};
