/** `train-transformer`: a calendar-aware, volatility-aware transformer encoder on sequence windows of the normalized dataset. */
import { compiledSibling, type StageDefinition } from '../../src/engine/contract.js';
import { codeFingerprint, paramsSchema } from '../stage-files.js';

export const trainTransformerStage: StageDefinition = {
  kind: 'train-transformer',
  version: 1,
  description: 'Trains a transformer direction classifier on windows of the normalized dataset.',
  inputs: { dataset: { type: 'dataset', description: 'a normalized dataset (from `normalize`)' } },
  outputs: {
    model: { type: 'model', description: 'architecture and weights (JSON, tfjs weights-manifest layout)' },
    history: { type: 'history', description: 'per-epoch train/val loss and accuracy (JSON)' },
    predictions: { type: 'predictions', description: 'ticker, date, segment, label, predicted, prob_<class> for every val and test sample (Parquet)' },
    attention: { type: 'attention', description: 'attention maps of a fixed probe batch every `attention_every` epochs, averaged over the batch (JSON)' },
    heatmaps: { type: 'file', description: 'the last saved attention maps as an SVG heatmap grid, a row per layer, a panel per head' },
  },
  params: paramsSchema('train-transformer'),
  resource: 'gpu',
  runModule: compiledSibling(import.meta.url, './run.js'),
  codeFingerprint: codeFingerprint('train-transformer'),
};
