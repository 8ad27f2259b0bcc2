/** `train-ppo`: a PPO actor-critic trading one ticker per env on the normalized dataset's train segment. */
import { compiledSibling, type StageDefinition } from '../../src/engine/contract.js';
import { RL_PORTS } from '../rl-ports.js';
import { codeFingerprint, paramsSchema } from '../stage-files.js';

export const trainPpoStage: StageDefinition = {
  kind: 'train-ppo',
  version: 1,
  description: 'Trains a PPO trading policy in the long-only trading environment and runs it greedily over val and test.',
  ...RL_PORTS,
  params: paramsSchema('train-ppo'),
  resource: 'gpu',
  runModule: compiledSibling(import.meta.url, './run.js'),
  codeFingerprint: codeFingerprint('train-ppo'),
};
