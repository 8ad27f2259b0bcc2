/**
 * Sequence samples for the LSTM and the transformer, gathered per batch from the normalized
 * table and never materialized as a whole (1,677 tickers x 2,520 days x 58 features x 90
 * steps would be ~88 GB; the row-major table itself is ~1 GB as float32):
 *
 * 1. `rowMajorFeatures` turns the table's feature columns into one row-major Float32Array,
 *    once, so that the window ending at row e is the contiguous slice
 *    [(e - L + 1) * F, (e + 1) * F) and a gather is one memcpy per sample;
 * 2. `SequenceWindows` finds the sample end rows for a lookback L: the L rows
 *    [e - L + 1, e] belong to one ticker (and, by default, one segment), and row e has a
 *    segment and a label; the sample's segment and label are those of row e, and no row
 *    after e is ever read (no look-ahead);
 * 3. `shuffledEndRows` orders a segment's samples for an epoch from (seed, epoch) alone, so a
 *    resumed run draws the same order without replaying earlier epochs;
 * 4. `gather` copies a batch of samples into preallocated arrays: inputs [batch, L, F], day
 *    offsets [batch, L] for a calendar-aware positional encoding, optionally one feature
 *    per step as realized volatility [batch, L], and labels [batch].
 */
import { RandomStream } from '../data/random-stream.js';
import { SEGMENT, type SegmentName } from '../splits/split-plan.js';

/** The normalized dataset, one row per (ticker, date), rows sorted by (ticker, date). */
export interface SequenceTable {
  /** Ticker index of each row; each ticker's rows are contiguous. */
  ticker: Int32Array;
  /** Epoch days, strictly increasing within a ticker. */
  date: Int32Array;
  /** Row-major features [rows, featureNames.length], as built by `rowMajorFeatures`. */
  features: Float32Array;
  featureNames: readonly string[];
  /** SEGMENT.train (0), val (1), test (2); SEGMENT.none (-1) rows are never read. */
  segment: Int8Array;
  /** Class of each row; negative (NO_LABEL) rows are never sample end rows. */
  label: Int8Array;
}

/**
 * Which rows before its end row a window may read:
 * - `segment` (default): only rows of the end row's segment. The split's purge gap is sized
 *   by the label horizon and the indicators' lookback, not by the sequence lookback, so a
 *   training window that reached back over the gap into a val/test range (walk-forward and
 *   k-fold put training after evaluation) would train on the very returns that evaluation
 *   labels are made of; keeping windows inside their segment also makes each segment's
 *   samples depend on that segment's rows only. The cost: the first L - 1 rows of each
 *   segment range of each ticker end no sample.
 * - `ticker`: any earlier rows of the same ticker (still never SEGMENT.none rows). Safe only
 *   when no training range follows an evaluation range by fewer than L rows.
 */
export type WindowSpan = 'segment' | 'ticker';

export interface SequenceWindowsOptions {
  /** Steps per window, L (integer >= 1): 30 for the LSTM, 90 for the transformer. */
  lookback: number;
  /** Default `segment`; see `WindowSpan`. */
  span?: WindowSpan;
  /** A feature whose value at each step fills `SequenceBatch.volatility`; none by default. */
  volatilityFeature?: string;
}

/** A preallocated batch; `gather` fills the first `size` samples of each array. */
export interface SequenceBatch {
  readonly capacity: number;
  /** Samples filled by the last `gather`. */
  size: number;
  /** [capacity, L, F], row-major: sample b, step t (0 oldest, L - 1 the end row), feature f at (b * L + t) * F + f. */
  readonly inputs: Float32Array;
  /** [capacity, L]: date of each step minus the date of the window's last day (0 at the end, negative before; weekends and holidays show as gaps). */
  readonly dayOffsets: Float32Array;
  /** [capacity, L]: the volatility feature at each step, or null when none was named. */
  readonly volatility: Float32Array | null;
  /** [capacity]: the end row's label. */
  readonly labels: Int32Array;
  /** [capacity]: the end row of each sample, to map predictions back to (ticker, date). */
  readonly endRows: Int32Array;
}

export interface RowMajorOptions {
  /** Fill this matrix (at least (rowOffset + rows) x columns) instead of a new one. */
  into?: Float32Array;
  /** The row of `into` that the columns' first value goes to. */
  rowOffset?: number;
  /** How an error names a row (of `into`), e.g. by ticker and date; default `row <n>`. */
  describeRow?: (row: number) => string;
}

/**
 * One row-major Float32Array [rows, columns.length] from feature columns (or those rows of a
 * larger one, for a caller filling it batch by batch), rejecting any value that is not
 * finite as float32 (a NaN would poison every window that reads it).
 */
export function rowMajorFeatures(columns: readonly (Float64Array | Float32Array)[], names: readonly string[], options: RowMajorOptions = {}): Float32Array {
  if (names.length !== columns.length) throw new RangeError(`${names.length} feature names for ${columns.length} columns`);
  const width = columns.length;
  const rows = width === 0 ? 0 : columns[0]!.length;
  const offset = options.rowOffset ?? 0;
  const out = options.into ?? new Float32Array(rows * width);
  if (out.length < (offset + rows) * width) throw new RangeError(`the feature matrix holds ${out.length / Math.max(width, 1)} rows, not ${offset + rows}`);
  const describe = options.describeRow ?? ((row: number) => `row ${row}`);
  for (let f = 0; f < width; f++) {
    const column = columns[f]!;
    if (column.length !== rows) throw new RangeError(`feature '${names[f]}' has ${column.length} rows, '${names[0]}' has ${rows}`);
    for (let r = 0; r < rows; r++) {
      const v = Math.fround(column[r]!);
      if (!Number.isFinite(v)) throw new RangeError(`feature '${names[f]}' is ${column[r]} at ${describe(offset + r)}${Number.isFinite(column[r]!) ? ' (beyond float32)' : ''}; sequence models need finite features`);
      out[(offset + r) * width + f] = v;
    }
  }
  return out;
}

export class SequenceWindows {
  readonly lookback: number;
  readonly featureCount: number;
  readonly span: WindowSpan;
  private readonly table: SequenceTable;
  private readonly volatilityIndex: number;
  /** Per row: the segment code of the sample ending there, or -1 when no sample ends there. */
  private readonly sampleSegment: Int8Array;
  private readonly ends = new Map<number, Int32Array>();

  constructor(table: SequenceTable, options: SequenceWindowsOptions) {
    const { lookback, span = 'segment', volatilityFeature } = options;
    if (!Number.isSafeInteger(lookback) || lookback < 1) throw new RangeError(`lookback must be an integer >= 1, got ${lookback}`);
    if (span !== 'segment' && span !== 'ticker') throw new RangeError(`span must be 'segment' or 'ticker', got '${String(span)}'`);
    checkShape(table);
    this.lookback = lookback;
    this.span = span;
    this.table = table;
    this.featureCount = table.featureNames.length;
    this.volatilityIndex = volatilityFeature === undefined ? -1 : table.featureNames.indexOf(volatilityFeature);
    if (volatilityFeature !== undefined && this.volatilityIndex < 0) {
      throw new RangeError(`no feature '${volatilityFeature}' to read volatility from (features: ${table.featureNames.join(', ')})`);
    }
    this.sampleSegment = findSampleEnds(table, lookback, span);
  }

  /** Number of samples whose end row is in `segment`. */
  count(segment: SegmentName): number {
    return this.endRows(segment).length;
  }

  /** The end rows of `segment`'s samples, ascending (shared; do not modify). */
  endRows(segment: SegmentName): Int32Array {
    const code = segmentCode(segment);
    let rows = this.ends.get(code);
    if (!rows) {
      let n = 0;
      for (const s of this.sampleSegment) if (s === code) n++;
      rows = new Int32Array(n);
      let k = 0;
      for (let r = 0; r < this.sampleSegment.length; r++) if (this.sampleSegment[r] === code) rows[k++] = r;
      this.ends.set(code, rows);
    }
    return rows;
  }

  /** `segment`'s end rows in a Fisher–Yates order drawn from `RandomStream(seed, epoch)`: the same for the same (seed, epoch). */
  shuffledEndRows(segment: SegmentName, seed: number, epoch: number): Int32Array {
    const order = this.endRows(segment).slice();
    const rng = new RandomStream(seed, epoch);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.nextFloat() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    return order;
  }

  /** Arrays for up to `capacity` samples, to reuse across `gather` calls. */
  createBatch(capacity: number): SequenceBatch {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`batch capacity must be an integer >= 1, got ${capacity}`);
    const steps = capacity * this.lookback;
    return {
      capacity,
      size: 0,
      inputs: new Float32Array(steps * this.featureCount),
      dayOffsets: new Float32Array(steps),
      volatility: this.volatilityIndex < 0 ? null : new Float32Array(steps),
      labels: new Int32Array(capacity),
      endRows: new Int32Array(capacity),
    };
  }

  /** Fills `batch` with the samples ending at `endRows` (a slice of `endRows()` or `shuffledEndRows()`). */
  gather(endRows: Int32Array, batch: SequenceBatch): void {
    if (endRows.length > batch.capacity) throw new RangeError(`${endRows.length} samples do not fit a batch of capacity ${batch.capacity}`);
    if (batch.inputs.length !== batch.capacity * this.lookback * this.featureCount) throw new RangeError('the batch was made for another lookback or feature count');
    const { features, date, label } = this.table;
    const L = this.lookback;
    const F = this.featureCount;
    const vi = this.volatilityIndex;
    for (let b = 0; b < endRows.length; b++) {
      const end = endRows[b]!;
      if (!(this.sampleSegment[end]! >= 0)) throw new RangeError(`row ${end} ends no sample (lookback ${L}, span '${this.span}'); take end rows from endRows() or shuffledEndRows()`);
      const start = end - L + 1;
      batch.inputs.set(features.subarray(start * F, (end + 1) * F), b * L * F);
      const lastDay = date[end]!;
      for (let t = 0; t < L; t++) {
        batch.dayOffsets[b * L + t] = date[start + t]! - lastDay;
        if (batch.volatility) batch.volatility[b * L + t] = features[(start + t) * F + vi]!;
      }
      batch.labels[b] = label[end]!;
      batch.endRows[b] = end;
    }
    batch.size = endRows.length;
  }
}

function segmentCode(segment: SegmentName): number {
  const code = SEGMENT[segment];
  if (code === undefined || code < 0) throw new RangeError(`segment must be 'train', 'val' or 'test', got '${String(segment)}'`);
  return code;
}

function checkShape(table: SequenceTable): void {
  const rows = table.ticker.length;
  for (const [name, column] of [['date', table.date], ['segment', table.segment], ['label', table.label]] as const) {
    if (column.length !== rows) throw new RangeError(`column '${name}' has ${column.length} rows, 'ticker' has ${rows}`);
  }
  if (table.features.length !== rows * table.featureNames.length) {
    throw new RangeError(`features hold ${table.features.length} values, not ${rows} rows x ${table.featureNames.length} features`);
  }
}

/**
 * One pass over the rows: the current run of rows a window may span starts at a new ticker,
 * a SEGMENT.none row and (span `segment`) a segment change; row e ends a sample when its run
 * holds at least L rows up to e and e has a segment and a label.
 */
function findSampleEnds(table: SequenceTable, lookback: number, span: WindowSpan): Int8Array {
  const { ticker, date, segment, label } = table;
  const out = new Int8Array(ticker.length).fill(-1);
  const finished = new Set<number>();
  let runStart = 0;
  for (let r = 0; r < ticker.length; r++) {
    const s = segment[r]!;
    const sameTicker = r > 0 && ticker[r] === ticker[r - 1];
    if (!sameTicker) {
      if (r > 0) finished.add(ticker[r - 1]!);
      if (finished.has(ticker[r]!)) throw new RangeError(`rows must be sorted by (ticker, date): ticker ${ticker[r]} appears again at row ${r} after other tickers`);
      runStart = r;
    } else if (date[r]! <= date[r - 1]!) {
      throw new RangeError(`rows must be sorted by (ticker, date): row ${r} (day ${date[r]}) does not follow row ${r - 1} (day ${date[r - 1]}) of ticker ${ticker[r]}`);
    }
    if (s < 0 || s > SEGMENT.test) {
      if (s !== SEGMENT.none) throw new RangeError(`row ${r} has segment code ${s}; expected -1 (none), 0 (train), 1 (val) or 2 (test)`);
      runStart = r + 1;
      continue;
    }
    if (sameTicker && span === 'segment' && segment[r - 1] !== s) runStart = r;
    if (r - runStart + 1 >= lookback && label[r]! >= 0) out[r] = s;
  }
  return out;
}
