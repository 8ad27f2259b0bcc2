/**
 * `ingest`: prices in. Long OHLCV CSV or Parquet (one file, several, or a glob), or a
 * seeded synthetic market. Bad rows fail the stage with every row named; close-only data
 * is accepted and its missing columns recorded, never invented.
 */
import { compiledSibling, type StageDefinition } from '../../src/engine/contract.js';
import { codeFingerprint, paramsSchema } from '../stage-files.js';

export const ingestStage: StageDefinition = {
  kind: 'ingest',
  version: 1,
  description: 'Reads daily prices (CSV, Parquet, or a synthetic market) into a validated price table.',
  inputs: {},
  outputs: { prices: { type: 'prices', description: 'ticker, date, open, high, low, close, volume (+ signal for synthetic data with a planted signal)' } },
  params: paramsSchema('ingest'),
  resource: 'cpu',
  runModule: compiledSibling(import.meta.url, './run.js'),
  codeFingerprint: codeFingerprint('ingest'),
};
