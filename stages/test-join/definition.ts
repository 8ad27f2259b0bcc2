/** `test-join`: several number lists in, one list and a summary out. An engine self-test stage. */
import { compiledSibling, type StageDefinition } from '../../src/engine/contract.js';
import { codeFingerprint, paramsSchema } from '../stage-files.js';

export const testJoinStage: StageDefinition = {
  kind: 'test-join',
  version: 1,
  description: 'Engine self-test: concatenates or sums number lists; writes a summary.',
  inputs: { parts: { type: 'numbers', multiple: true } },
  outputs: { numbers: { type: 'numbers' }, summary: { type: 'summary' } },
  params: paramsSchema('test-join'),
  resource: 'cpu',
  runModule: compiledSibling(import.meta.url, './run.js'),
  codeFingerprint: codeFingerprint('test-join'),
};
