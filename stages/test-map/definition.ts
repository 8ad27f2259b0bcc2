/** `test-map`: an elementwise operation on numbers. An engine self-test stage. */
import { compiledSibling, type StageDefinition } from '../../src/engine/contract.js';
import { codeFingerprint, paramsSchema } from '../stage-files.js';

export const testMapStage: StageDefinition = {
  kind: 'test-map',
  version: 1,
  description: 'Engine self-test: applies scale, add, round or abs to numbers.',
  inputs: { numbers: { type: 'numbers' } },
  outputs: { numbers: { type: 'numbers' } },
  params: paramsSchema('test-map'),
  resource: 'cpu',
  runModule: compiledSibling(import.meta.url, './run.js'),
  codeFingerprint: codeFingerprint('test-map'),
};
