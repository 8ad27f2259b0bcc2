/**
 * `indicators`: the standard technical indicator set per ticker (docs/indicators.md), or a
 * chosen subset. Close-only data computes the close-only subset and records what it skipped.
 */
import { compiledSibling, type StageDefinition } from '../../src/engine/contract.js';
import { codeFingerprint, paramsSchema } from '../stage-files.js';

export const indicatorsStage: StageDefinition = {
  kind: 'indicators',
  version: 1,
  description: 'Computes technical indicators per ticker from a price table.',
  inputs: { prices: { type: 'prices' } },
  outputs: { features: { type: 'features', description: 'ticker, date, close, then one column per feature (metadata: tradelab.features, tradelab.skipped)' } },
  params: paramsSchema('indicators'),
  resource: 'cpu',
  runModule: compiledSibling(import.meta.url, './run.js'),
  codeFingerprint: codeFingerprint('indicators'),
};
