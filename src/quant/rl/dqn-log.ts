/**
 * What the Double DQN trainer reports every `logInterval` frames, and the window that
 * gathers it: means over the gradient steps and the episodes that ended since the last log.
 */
import type { DqnStepStats } from './dqn-update.js';

/** One log record; "since the last log" covers the frames after the previous record. */
export interface DqnLog {
  /** Frames so far (all envs). */
  steps: number;
  /** The frames `train` runs to. */
  totalSteps: number;
  /** Vector-env steps so far. */
  envSteps: number;
  /** Gradient steps so far. */
  updates: number;
  /** Episodes finished so far. */
  episodes: number;
  /** ε of the exploration at this point. */
  epsilon: number;
  learningRate: number;
  /**
   * Transitions the replay buffer holds; below min(steps, bufferSize) when more episodes
   * ended than its final-observation rows keep (raise `replayFinalCapacity`).
   */
  replaySize: number;
  /** β of prioritized replay's importance weights at this point; null under uniform replay. */
  beta: number | null;
  /** Mean weighted Huber loss of the gradient steps since the last log (in `rewardScale` units); null when none ran. */
  loss: number | null;
  /** Mean Q_online(s, a) over those steps' batches, in `rewardScale` units (the rewards times it). */
  meanQ: number | null;
  /** Mean global gradient norm before clipping over those steps. */
  gradientNorm: number | null;
  /** Undiscounted returns (raw rewards, not scaled) of the episodes finished since the last log, in the order they ended. */
  episodeReturns: number[];
  /** Their mean; null when none finished. */
  meanEpisodeReturn: number | null;
  meanEpisodeLength: number | null;
  /** Frames since the last log over the wall time since it. */
  stepsPerSecond: number;
}

/** The counters and schedule values the trainer adds to a window's means. */
export type DqnLogContext = Pick<DqnLog, 'steps' | 'totalSteps' | 'envSteps' | 'updates' | 'episodes' | 'epsilon' | 'learningRate' | 'beta' | 'replaySize'>;

export class DqnLogWindow {
  private fromSteps = 0;
  private fromTime = 0;
  private sums = { loss: 0, meanQ: 0, gradientNorm: 0, updates: 0, length: 0 };
  private returns: number[] = [];

  /** Starts a window at `steps` frames, now. */
  start(steps: number): void {
    this.fromSteps = steps;
    this.fromTime = performance.now();
    this.sums = { loss: 0, meanQ: 0, gradientNorm: 0, updates: 0, length: 0 };
    this.returns = [];
  }

  due(steps: number, interval: number): boolean {
    return steps - this.fromSteps >= interval;
  }

  addUpdate(stats: DqnStepStats): void {
    this.sums.loss += stats.loss;
    this.sums.meanQ += stats.meanQ;
    this.sums.gradientNorm += stats.gradientNorm;
    this.sums.updates += 1;
  }

  addEpisode(episodeReturn: number, length: number): void {
    this.returns.push(episodeReturn);
    this.sums.length += length;
  }

  /** The record of this window; starts the next one. */
  flush(context: DqnLogContext): DqnLog {
    const { sums, returns } = this;
    const mean = (sum: number, n: number) => (n > 0 ? sum / n : null);
    const seconds = Math.max((performance.now() - this.fromTime) / 1000, 1e-9);
    const log: DqnLog = {
      ...context,
      loss: mean(sums.loss, sums.updates),
      meanQ: mean(sums.meanQ, sums.updates),
      gradientNorm: mean(sums.gradientNorm, sums.updates),
      episodeReturns: returns,
      meanEpisodeReturn: mean(returns.reduce((a, b) => a + b, 0), returns.length),
      meanEpisodeLength: mean(sums.length, returns.length),
      stepsPerSecond: (context.steps - this.fromSteps) / seconds,
    };
    this.start(context.steps);
    return log;
  }
}
