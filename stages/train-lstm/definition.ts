/** `train-lstm`: a stacked LSTM (optionally with attention pooling) on sequence windows of the normalized dataset. */
import { compiledSibling, type StageDefinition } from '../../src/engine/contract.js';
import { codeFingerprint, paramsSchema } from '../stage-files.js';

export const trainLstmStage: StageDefinition = {
  kind: 'train-lstm',
  version: 1,
  description: 'Trains an LSTM direction classifier on windows of the normalized dataset.',
  inputs: { dataset: { type: 'dataset', description: 'a normalized dataset (from `normalize`)' } },
  outputs: {
    model: { type: 'model', description: 'architecture and weights (JSON, tfjs weights-manifest layout)' },
    history: { type: 'history', description: 'per-epoch train/val loss and accuracy (JSON)' },
    predictions: { type: 'predictions', description: 'ticker, date, segment, label, predicted, prob_<class> for every val and test sample (Parquet)' },
  },
  params: paramsSchema('train-lstm'),
  resource: 'gpu',
  runModule: compiledSibling(import.meta.url, './run.js'),
  codeFingerprint: codeFingerprint('train-lstm'),
};
