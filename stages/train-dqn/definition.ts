/** `train-dqn`: a Double DQN trading one ticker per env on the normalized dataset's train segment. */
import { compiledSibling, type StageDefinition } from '../../src/engine/contract.js';
import { RL_PORTS } from '../rl-ports.js';
import { codeFingerprint, paramsSchema } from '../stage-files.js';

export const trainDqnStage: StageDefinition = {
  kind: 'train-dqn',
  version: 1,
  description: 'Trains a Double DQN trading policy in the long-only trading environment and runs it greedily over val and test.',
  ...RL_PORTS,
  params: paramsSchema('train-dqn'),
  resource: 'gpu',
  runModule: compiledSibling(import.meta.url, './run.js'),
  codeFingerprint: codeFingerprint('train-dqn'),
};
