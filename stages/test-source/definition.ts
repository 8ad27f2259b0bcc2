/** `test-source`: n seeded pseudo-random numbers. An engine self-test stage; no market meaning. */
import { compiledSibling, type StageDefinition } from '../../src/engine/contract.js';
import { codeFingerprint, paramsSchema } from '../stage-files.js';

export const testSourceStage: StageDefinition = {
  kind: 'test-source',
  version: 1,
  description: 'Engine self-test: emits n seeded numbers as JSON.',
  inputs: {},
  outputs: { numbers: { type: 'numbers' } },
  params: paramsSchema('test-source'),
  resource: 'cpu',
  runModule: compiledSibling(import.meta.url, './run.js'),
  codeFingerprint: codeFingerprint('test-source'),
};
