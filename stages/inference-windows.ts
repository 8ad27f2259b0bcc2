/**
 * Each ticker's last window of model inputs, computed from new prices exactly as the run's
 * stages computed the training inputs:
 * 1. the indicators with the run's `indicators` settings (`computeIndicators`, per ticker,
 *    no row reads a later one), passthrough columns beside them, stored at the run's
 *    precision (float32 by default: rounded once, as the feature table was);
 * 2. scaled with the run's recorded statistics (`applyScaling`, into arrays of that same
 *    precision, as `normalize` scaled the table in place);
 * 3. the last `lookback` rows as one row-major float32 window (`rowMajorFeatures`), with the
 *    day offsets (and, for a volatility-aware transformer, the volatility feature per step).
 * Every reason the data cannot be used is an `InferenceInputError` naming what is missing.
 */
import type { FloatArray } from '../src/quant/data/float-array.js';
import { formatIsoDay, type PriceTable } from '../src/quant/data/price-table.js';
import { computeIndicators } from '../src/quant/indicators/compute-indicators.js';
import { STANDARD_COLUMNS } from '../src/quant/indicators/standard-set.js';
import { rowMajorFeatures } from '../src/quant/models/sequence-windows.js';
import { applyScaling } from '../src/quant/scaling/apply-scaling.js';
import type { ScalingStats } from '../src/quant/scaling/scaling-stats.js';
import { InferenceInputError } from './inference-error.js';
import type { InferencePrices } from './inference-prices.js';

/** How the run turned prices into model inputs. */
export interface FeatureRecipe {
  /** The model's feature columns, in its input order. */
  features: readonly string[];
  lookback: number;
  /** The `indicators` stage's `columns` (undefined: the standard set). */
  indicatorColumns?: readonly string[];
  precision: 'float32' | 'float64';
  stats?: ScalingStats;
  /** The feature a volatility-aware transformer reads per step. */
  volatilityFeature?: string;
  /** The data file's name, for messages. */
  file: string;
}

/** One ticker's last window, ready for a batch. */
export interface TickerWindow {
  ticker: string;
  /** The window's last (the prediction's) date, epoch days. */
  date: number;
  /** [L, F] row-major. */
  inputs: Float32Array;
  /** [L]: each step's date minus the last. */
  dayOffsets: Float32Array;
  /** [L] or null. */
  volatility: Float32Array | null;
}

const STANDARD_NAMES = new Set(STANDARD_COLUMNS.map((c) => c.name));

/** The passthrough features of a recipe: those the indicators do not compute. */
export function passthroughFeatures(features: readonly string[]): string[] {
  return features.filter((f) => !STANDARD_NAMES.has(f));
}

/** The last window of every ticker of `data`, in ticker order. */
export function lastWindows(data: InferencePrices, recipe: FeatureRecipe): TickerWindow[] {
  const { prices } = data;
  checkTickers(prices, recipe);
  return prices.tickers.map((ticker, i) => tickerWindow(data, recipe, ticker, prices.offsets[i]!, prices.offsets[i + 1]!));
}

function checkTickers(prices: PriceTable, recipe: FeatureRecipe): void {
  const known = recipe.stats?.tickers;
  if (!known) return;
  const unseen = prices.tickers.filter((t) => !known.includes(t));
  if (unseen.length === 0) return;
  throw new InferenceInputError(
    `ticker${unseen.length === 1 ? '' : 's'} ${unseen.slice(0, 10).join(', ')}${unseen.length > 10 ? ` and ${unseen.length - 10} more` : ''} ${unseen.length === 1 ? 'was' : 'were'} not in the training data, and the run normalized features per ticker (the statistics exist only for ${preview(known)})`,
    'give prices of tickers the model was trained on, or train with `normalize: { per: pooled }` to predict any ticker',
    recipe.file,
  );
}

function preview(names: readonly string[]): string {
  return names.length <= 8 ? names.join(', ') : `${names.slice(0, 8).join(', ')} and ${names.length - 8} more`;
}

function tickerWindow(data: InferencePrices, recipe: FeatureRecipe, ticker: string, start: number, end: number): TickerWindow {
  const raw = tickerFeatures(data, recipe, start, end);
  const scaled = recipe.stats ? scale(raw, recipe, ticker) : raw;
  const rows = end - start;
  const usable = finiteTail(scaled, rows);
  const L = recipe.lookback;
  if (usable < L) {
    const warmUp = rows - usable;
    throw new InferenceInputError(
      `ticker ${ticker} has ${rows} rows up to ${formatIsoDay(data.prices.date[end - 1]!)}; ${warmUp} of them are indicator warm-up (or hold a missing value), leaving ${usable}, but the model reads windows of ${L} days`,
      `give at least ${L + warmUp} rows of ${ticker} (the lookback ${L} plus ${warmUp} rows of warm-up); more history brings long-memory indicators (EMA, Wilder smoothing) closer to the run's values`,
      recipe.file,
    );
  }
  const from = rows - L;
  const window = rowMajorFeatures(scaled.map((c) => c.subarray(from, rows)), recipe.features, {
    describeRow: (r) => `${ticker} ${formatIsoDay(data.prices.date[start + from + r]!)}`,
  });
  const dates = data.prices.date.subarray(start + from, end);
  const last = dates[L - 1]!;
  const v = recipe.volatilityFeature === undefined ? -1 : recipe.features.indexOf(recipe.volatilityFeature);
  return {
    ticker,
    date: last,
    inputs: window,
    dayOffsets: Float32Array.from(dates, (d) => d - last),
    volatility: v < 0 ? null : Float32Array.from({ length: L }, (_, t) => window[t * recipe.features.length + v]!),
  };
}

/** The model's features for rows [start, end), at the run's stored precision, in model order. */
function tickerFeatures(data: InferencePrices, recipe: FeatureRecipe, start: number, end: number): FloatArray[] {
  const { prices } = data;
  const slice = (c: Float64Array): Float64Array => c.subarray(start, end);
  const computed = computeIndicators(
    { open: slice(prices.open), high: slice(prices.high), low: slice(prices.low), close: slice(prices.close), volume: slice(prices.volume) },
    { has: prices.has, ...(recipe.indicatorColumns ? { columns: recipe.indicatorColumns } : {}) },
  );
  return recipe.features.map((name) => {
    const values = computed.columns.get(name) ?? data.extra.get(name)?.subarray(start, end);
    if (!values) {
      const skipped = computed.skipped.find((s) => s.name === name);
      const missing = (['open', 'high', 'low', 'volume'] as const).filter((c) => !prices.has[c]);
      throw new InferenceInputError(
        `the model reads feature '${name}', which ${skipped ? `cannot be computed: ${skipped.reason}` : 'the run\'s indicators settings do not produce'}${missing.length ? ` (the file has no ${missing.join(', ')} column)` : ''}`,
        'give the file the price columns the training data had (date, ticker, open, high, low, close, volume), under the names the run\'s ingest stage mapped',
        recipe.file,
      );
    }
    return recipe.precision === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
  });
}

/** Applies the run's statistics, into arrays of the stored precision (as `normalize` scaled in place). */
function scale(columns: FloatArray[], recipe: FeatureRecipe, ticker: string): FloatArray[] {
  const stats = recipe.stats!;
  const out = stats.features.map(() => (recipe.precision === 'float32' ? new Float32Array(columns[0]!.length) : new Float64Array(columns[0]!.length)));
  const scaled = applyScaling(stats, {
    names: recipe.features,
    columns,
    out,
    ...(stats.tickers ? { tickers: [ticker], offsets: Int32Array.of(0, columns[0]!.length) } : {}),
  });
  return recipe.features.map((name) => {
    const at = stats.features.indexOf(name);
    if (at < 0) throw new InferenceInputError(`the run's scaling statistics have no feature '${name}'`, 'the model and the normalize stage do not belong together; check the run');
    return scaled[at]!;
  });
}

/** Rows at the end of the columns where every feature is finite. */
function finiteTail(columns: FloatArray[], rows: number): number {
  let n = 0;
  for (let r = rows - 1; r >= 0; r--) {
    if (!columns.every((c) => Number.isFinite(c[r]!))) break;
    n++;
  }
  return n;
}
