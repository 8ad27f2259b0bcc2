/**
 * Runs `train-ppo`: the market and the seeded training envs, a PPO trainer from the params,
 * training with a learning-curve point per update, then the greedy val/test run and the outputs.
 */
import type { StageContext } from '../../src/engine/contract.js';
import { PpoTrainer } from '../../src/quant/rl/ppo.js';
import { RlCheckpoints, RlHistory, prepareRl, writeRlOutputs, type RlParams } from '../rl-training.js';

interface PpoParams extends RlParams {
  activation: 'tanh' | 'relu';
  anneal_learning_rate: boolean;
  n_steps: number;
  batch_size: number;
  n_epochs: number;
  gamma: number;
  gae_lambda: number;
  clip_range: number;
  ent_coef: number;
  vf_coef: number;
  max_grad_norm: number | null;
  target_kl: number | null;
}

export async function run(ctx: StageContext): Promise<void> {
  const p = ctx.params as unknown as PpoParams;
  const setup = await prepareRl(ctx, p);
  const trainer = new PpoTrainer(setup.tfjs, setup.trainEnv, {
    hidden: p.hidden, activation: p.activation, learningRate: p.learning_rate, annealLearningRate: p.anneal_learning_rate,
    nSteps: p.n_steps, batchSize: p.batch_size, nEpochs: p.n_epochs, gamma: p.gamma, gaeLambda: p.gae_lambda, clipRange: p.clip_range,
    entropyCoef: p.ent_coef, valueCoef: p.vf_coef, maxGradNorm: p.max_grad_norm, targetKl: p.target_kl, seed: setup.seed,
  });
  const history = new RlHistory(ctx, p.total_steps);
  const checkpoints = new RlCheckpoints(ctx, setup, trainer, history, p.checkpoint_interval);
  checkpoints.resume();
  const result = await trainer.train({
    totalSteps: p.total_steps,
    signal: ctx.signal,
    onUpdate: (u) => {
      history.record({ ...u }, {
        'loss/policy': u.policyLoss, 'loss/value': u.valueLoss, entropy: u.entropy, approx_kl: u.approxKl, clip_fraction: u.clipFraction,
        explained_variance: u.explainedVariance, episode_return: u.meanEpisodeReturn, learning_rate: u.learningRate, frames_per_second: u.framesPerSecond,
      });
      if (u.update === 1 || u.update % 10 === 0 || u.steps >= p.total_steps) {
        ctx.log(`update ${u.update}: ${u.steps} frames, policy loss ${u.policyLoss.toFixed(4)}, value loss ${u.valueLoss.toFixed(4)}, entropy ${u.entropy.toFixed(3)}, kl ${u.approxKl.toFixed(4)}${u.meanEpisodeReturn === null ? '' : `, mean episode return ${u.meanEpisodeReturn.toFixed(4)}`}, ${Math.round(u.framesPerSecond)} frames/s`);
      }
      checkpoints.maybeSave();
    },
  });
  history.close();
  if (result.stopped) throw new Error('training was cancelled');
  await writeRlOutputs(ctx, setup, { kind: 'ppo', trainerConfig: trainer.config, weights: trainer.network.weights, policy: (obs, mask) => trainer.act(obs, mask), history });
}
