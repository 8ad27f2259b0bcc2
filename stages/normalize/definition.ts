/** `normalize`: scales every feature with statistics fitted on the train segment only. */
import { compiledSibling, type StageDefinition } from '../../src/engine/contract.js';
import { codeFingerprint, paramsSchema } from '../stage-files.js';

export const normalizeStage: StageDefinition = {
  kind: 'normalize',
  version: 1,
  description: 'Z-score or robust scaling of features, fitted on train rows, applied to all.',
  inputs: { dataset: { type: 'dataset' } },
  outputs: {
    dataset: { type: 'dataset', description: 'the input dataset with every feature scaled' },
    stats: { type: 'scaling', description: 'the fitted statistics (JSON): per feature (and ticker) center, scale, count, rule' },
  },
  params: paramsSchema('normalize'),
  resource: 'cpu',
  runModule: compiledSibling(import.meta.url, './run.js'),
  codeFingerprint: codeFingerprint('normalize'),
};
