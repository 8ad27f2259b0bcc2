/**
 * `split`: labels and chronological segments. Labels are the direction of the forward
 * return over `horizon` days; segments are date ranges or a walk-forward fold, with a purge
 * gap of at least the horizon (plus the feature lookback where training follows evaluation).
 */
import { compiledSibling, type StageDefinition } from '../../src/engine/contract.js';
import { codeFingerprint, paramsSchema } from '../stage-files.js';
import { checkSplitParams } from './split-config.js';

export const splitStage: StageDefinition = {
  kind: 'split',
  version: 1,
  description: 'Labels rows and assigns them to train / val / test with a purge gap.',
  inputs: { features: { type: 'features' } },
  outputs: { dataset: { type: 'dataset', description: 'ticker, date, close, segment (0 train, 1 val, 2 test), label, forward_return, features' } },
  params: paramsSchema('split'),
  resource: 'cpu',
  runModule: compiledSibling(import.meta.url, './run.js'),
  codeFingerprint: codeFingerprint('split'),
  check: checkSplitParams,
};
