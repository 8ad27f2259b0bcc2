/** `train-transformer`: a calendar-aware, volatility-aware transformer encoder on sequence windows of the normalized dataset. */
import { compiledSibling, type ParamProblem, type Params, type StageDefinition } from '../../src/engine/contract.js';
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
  check: checkTransformerParams,
  resource: 'gpu',
  runModule: compiledSibling(import.meta.url, './run.js'),
  codeFingerprint: codeFingerprint('train-transformer'),
};

/** What the schema cannot say: heads divide d_model, and the calendar sinusoid needs an even d_model. */
function checkTransformerParams(p: Params): ParamProblem[] {
  const dModel = Number(p.d_model ?? 64);
  const heads = Number(p.heads ?? 4);
  const problems: ParamProblem[] = [];
  if (dModel % heads !== 0) {
    const fits = [1, 2, 4, 8, 16].filter((h) => dModel % h === 0).join(', ');
    problems.push({ param: 'heads', message: `heads (${heads}) must divide d_model (${dModel})`, hint: `heads that divide ${dModel}: ${fits}, or a d_model that is a multiple of ${heads}` });
  }
  if ((p.positional ?? 'calendar-sinusoid') === 'calendar-sinusoid' && dModel % 2 !== 0) {
    problems.push({ param: 'd_model', message: `the calendar sinusoid needs an even d_model, got ${dModel}`, hint: 'use an even d_model, or positional: time2vec' });
  }
  return problems;
}
