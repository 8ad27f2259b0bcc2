/**
 * Draws training episodes: a start row uniformly over every start in every train run that
 * leaves room for `episodeSteps` steps, so a ticker is drawn in proportion to its usable
 * training rows. Each env draws from its own `RandomStream(seed, env)`, so the episodes an
 * env sees do not depend on how many envs the batch has or when the others reset.
 */
import { RandomStream } from '../data/random-stream.js';
import type { SegmentRun } from './env-segment-runs.js';

/** Samples (ticker, start row) pairs; the episode then runs start .. start + episodeSteps. */
export class EpisodeSampler {
  private readonly runs: readonly SegmentRun[];
  /** cumulative[i]: start rows in runs 0 .. i - 1. */
  private readonly cumulative: Float64Array;
  private readonly streams: RandomStream[];

  /** `runs` from `segmentRuns`; throws a RangeError when no run fits an episode. */
  constructor(runs: readonly SegmentRun[], private readonly episodeSteps: number, seed: number, envs: number) {
    this.runs = runs.filter((run) => run.last - run.first >= episodeSteps);
    if (this.runs.length === 0) {
      const longest = runs.reduce((best, run) => Math.max(best, run.last - run.first), -1);
      throw new RangeError(
        `no training episode of ${episodeSteps} steps fits: the longest usable train run allows ${Math.max(0, longest)} steps` +
          ' (a run loses lookback - 1 rows at a ticker\'s start); lower episodeSteps or lookback',
      );
    }
    this.cumulative = new Float64Array(this.runs.length + 1);
    for (let i = 0; i < this.runs.length; i++) {
      const run = this.runs[i]!;
      this.cumulative[i + 1] = this.cumulative[i]! + (run.last - run.first - episodeSteps + 1);
    }
    this.streams = Array.from({ length: envs }, (_, env) => new RandomStream(seed, env));
  }

  /** Start rows there are to draw from. */
  get starts(): number {
    return this.cumulative[this.runs.length]!;
  }

  /** Draws env's next episode: writes its ticker and start row into `out` ([ticker, start]). */
  sample(env: number, out: Int32Array): void {
    const u = Math.floor(this.streams[env]!.nextFloat() * this.starts);
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.cumulative[mid]! <= u) lo = mid;
      else hi = mid - 1;
    }
    const run = this.runs[lo]!;
    out[0] = run.ticker;
    out[1] = run.first + (u - this.cumulative[lo]!);
  }
}
