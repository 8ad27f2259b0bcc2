/**
 * Runs `train-dqn`: the market and the seeded training envs, a Double DQN trainer from the
 * params, training with a learning-curve point per log, then the greedy val/test run and the outputs.
 */
import type { StageContext } from '../../src/engine/contract.js';
import { DqnTrainer } from '../../src/quant/rl/dqn.js';
import { DEFAULT_PRIORITIZED_CONFIG } from '../../src/quant/rl/dqn-config.js';
import { RlCheckpoints, RlHistory, prepareRl, writeRlOutputs, type RlParams } from '../rl-training.js';

interface DqnParams extends RlParams {
  activation: 'tanh' | 'relu';
  buffer_size: number;
  learning_starts: number;
  batch_size: number;
  tau: number;
  gamma: number;
  reward_scale: number;
  n_steps: number;
  train_freq: number;
  gradient_steps: number;
  target_update_interval: number;
  exploration_fraction: number;
  exploration_initial_eps: number;
  exploration_final_eps: number;
  max_grad_norm: number | null;
  prioritized: boolean;
  log_interval: number;
}

export async function run(ctx: StageContext): Promise<void> {
  const p = ctx.params as unknown as DqnParams;
  const setup = await prepareRl(ctx, p);
  const trainer = new DqnTrainer(setup.tfjs, setup.trainEnv, {
    hidden: p.hidden, activation: p.activation, learningRate: p.learning_rate, bufferSize: p.buffer_size, learningStarts: p.learning_starts,
    batchSize: p.batch_size, tau: p.tau, gamma: p.gamma, rewardScale: p.reward_scale, nSteps: p.n_steps, trainFreq: p.train_freq, gradientSteps: p.gradient_steps,
    targetUpdateInterval: p.target_update_interval, maxGradNorm: p.max_grad_norm, logInterval: p.log_interval, seed: setup.seed,
    exploration: { start: p.exploration_initial_eps, end: p.exploration_final_eps, fraction: p.exploration_fraction },
    prioritized: p.prioritized ? DEFAULT_PRIORITIZED_CONFIG : null,
  });
  const history = new RlHistory(ctx, p.total_steps);
  const checkpoints = new RlCheckpoints(ctx, setup, trainer, history, p.checkpoint_interval);
  checkpoints.resume();
  const result = await trainer.train({
    totalSteps: p.total_steps,
    signal: ctx.signal,
    onLog: (l) => {
      const { episodeReturns: _returns, ...point } = l;
      history.record({ ...point, framesPerSecond: l.stepsPerSecond }, {
        loss: l.loss, mean_q: l.meanQ, epsilon: l.epsilon, episode_return: l.meanEpisodeReturn, learning_rate: l.learningRate, frames_per_second: l.stepsPerSecond,
      });
      ctx.log(`${l.steps} frames: ${l.updates} gradient steps, loss ${l.loss?.toFixed(5) ?? '-'}, mean Q ${l.meanQ?.toFixed(4) ?? '-'}, epsilon ${l.epsilon.toFixed(3)}${l.meanEpisodeReturn === null ? '' : `, mean episode return ${l.meanEpisodeReturn.toFixed(4)}`}, ${Math.round(l.stepsPerSecond)} frames/s`);
      checkpoints.maybeSave();
    },
  });
  history.close();
  if (result.stopped) throw new Error('training was cancelled');
  const actions = new Int32Array(setup.env.count);
  await writeRlOutputs(ctx, setup, {
    kind: 'dqn', trainerConfig: trainer.config, weights: trainer.online.weights, history,
    policy: (obs, mask) => {
      const out = obs.length / setup.env.observationSize === actions.length ? actions : new Int32Array(obs.length / setup.env.observationSize);
      return trainer.act(obs, out, mask);
    },
  });
}
