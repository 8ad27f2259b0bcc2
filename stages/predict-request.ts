/**
 * What `tradelab predict` hands the inference code, and what it gets back. The CLI reads
 * the run manifest and the store; this side sees only plain params and file paths, so the
 * stage layer still never imports the engine's store or manifest types.
 */
import type { BackendChoice } from '../src/quant/models/backend/backend-choice.js';

/** One upstream stage of the model as the run recorded it: its kind and resolved params. */
export interface RecordedStage {
  id: string;
  kind: string;
  params: Record<string, unknown>;
}

export interface PredictRequest {
  /** The model stage (train-lstm, train-transformer, or an RL policy: train-ppo, train-dqn) and its `model` artifact's path. */
  model: RecordedStage & { artifact: string };
  /** The chain's `ingest` stage: its `columns` mapping and `ticker` read the new data. */
  ingest: RecordedStage;
  /** The chain's `indicators` stage: the same columns, precision and passthrough. */
  indicators: RecordedStage;
  /** The chain's `split` stage (its label settings), when there is one. */
  split?: RecordedStage;
  /** The chain's `normalize` stage and its `stats` artifact's path; absent when the model read unscaled features. */
  normalize?: RecordedStage & { stats: string };
  /** The new prices (CSV or Parquet) and the name messages use for it. */
  data: { path: string; name: string };
  backend: BackendChoice;
  threads?: number;
  log?: (message: string) => void;
}

/** The model's signal for one ticker's latest date. */
export interface TickerSignal {
  ticker: string;
  /** ISO date of the ticker's last row: the window's end. */
  date: string;
  /** Class probabilities (index = class: 0 down, 1 up; with 3 classes 0 down, 1 flat, 2 up). */
  probabilities: number[];
  /** Arg-max class (the first on a tie, as the predictions artifact). */
  predicted: number;
}

export interface PredictResult {
  modelKind: string;
  /** The tfjs backend the model ran on. */
  backend: string;
  classes: number;
  /** What each class means, by index: `down`, `up` (or `down`, `flat`, `up`). */
  classNames: string[];
  /** Days ahead the classes describe (the split's label horizon), when the run had a split. */
  horizon?: number;
  lookback: number;
  signals: TickerSignal[];
}
