/**
 * Where a batch's episodes come from: for training, a seeded sampler over the train runs;
 * for evaluation, a fixed list of runs of the segment, one per env, each run whole.
 */
import { SEGMENT, type SegmentName } from '../splits/split-plan.js';
import type { EnvConfig } from './env-config.js';
import { EpisodeSampler } from './env-episode-sampler.js';
import { tickerCount, type EnvMarket } from './env-market.js';
import { segmentRuns, type SegmentRun } from './env-segment-runs.js';

/** The episodes of one env batch. */
export interface EpisodeSource {
  /** Segment code: 0 train, 1 val, 2 test. */
  segment: number;
  /** Training: draws each env's next episode. */
  sampler?: EpisodeSampler;
  /** Evaluation: env i runs `runs[i]` from `first` to `last` once. */
  runs: readonly SegmentRun[];
  /** Evaluation: tickers with rows in the segment but too few usable ones for a single step. */
  skippedTickers: readonly number[];
  /** Longest episode in steps, to size the logs. */
  maxSteps: number;
}

/** Episodes of `episodeSteps` steps drawn from the train segment; throws when none fits. */
export function trainingSource(market: EnvMarket, config: EnvConfig, seed: number, envs: number): EpisodeSource {
  const runs = segmentRuns(market, SEGMENT.train, config.lookback);
  const sampler = new EpisodeSampler(runs, config.episodeSteps, seed, envs);
  return { segment: SEGMENT.train, sampler, runs, skippedTickers: [], maxSteps: config.episodeSteps };
}

/** Every run of `segment` with at least one step, in ticker order; throws when there is none. */
export function evaluationSource(market: EnvMarket, config: EnvConfig, segment: SegmentName): EpisodeSource {
  const code = SEGMENT[segment];
  const runs = segmentRuns(market, code, config.lookback).filter((run) => run.last > run.first);
  if (runs.length === 0) {
    throw new RangeError(`no ticker has a ${segment} range long enough for one step after a lookback of ${config.lookback} rows`);
  }
  const covered = new Set(runs.map((run) => run.ticker));
  const skippedTickers = tickersWithRows(market, code).filter((k) => !covered.has(k));
  const maxSteps = runs.reduce((most, run) => Math.max(most, run.last - run.first), 0);
  return { segment: code, runs, skippedTickers, maxSteps };
}

function tickersWithRows(market: EnvMarket, segment: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < tickerCount(market); k++) {
    if (market.segment.subarray(market.tickerStart[k], market.tickerStart[k + 1]).includes(segment)) out.push(k);
  }
  return out;
}
