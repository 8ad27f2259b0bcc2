/** `ensemble`: combines classifier probabilities (and optionally RL policies) into one predictions table. */
import { compiledSibling, type StageDefinition } from '../../src/engine/contract.js';
import { codeFingerprint, paramsSchema } from '../stage-files.js';

export const ensembleStage: StageDefinition = {
  kind: 'ensemble',
  version: 1,
  description: 'Combines the class probabilities of several models (mean, validation-weighted or majority vote) on their common rows.',
  inputs: {
    predictions: { type: 'predictions', multiple: true, named: true, description: 'classifier predictions (from train-lstm, train-transformer or another ensemble)' },
    actions: { type: 'actions', multiple: true, named: true, optional: true, description: 'RL policies (from train-ppo or train-dqn), each voting P(up) = its position fraction; two-class labels only' },
  },
  outputs: {
    predictions: { type: 'predictions', description: 'the combined probabilities in the predictions layout (val and test rows every source has)' },
    weights: { type: 'ensemble-weights', description: 'the method, each source with its validation accuracy and weight, and the rows dropped by the join (JSON)' },
  },
  params: paramsSchema('ensemble'),
  resource: 'cpu',
  runModule: compiledSibling(import.meta.url, './run.js'),
  codeFingerprint: codeFingerprint('ensemble'),
};
