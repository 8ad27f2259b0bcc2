/**
 * Cross-sectional information coefficient per date, as Qlib reports it:
 * 1. drop rows whose score or forward return is not finite (e.g. the last `horizon` rows
 *    of each ticker, which have no forward return yet) and count them;
 * 2. group the rows by date (they may come in any order);
 * 3. for each date, IC = Pearson correlation of score and forward return across that date's
 *    tickers, rank IC = Spearman correlation (Pearson of the average ranks, ties sharing the
 *    mean of their ranks, as scipy.stats.spearmanr); a date with fewer than 2 tickers, or
 *    with all scores or all returns equal (no variance, detected exactly), is skipped and
 *    counted;
 * 4. summarize: mean, standard deviation (ddof 1) and IR = mean / std of each series, NaN
 *    when undefined (fewer than 2 dates, or a constant series).
 */
import { MetricsInputError } from './metrics-input-error.js';

/** The rows to score: one per (ticker, date), in any order. */
export interface InformationCoefficientInput {
  /** Date of each row, any integer encoding that sorts in time (e.g. days since epoch). */
  dates: Int32Array;
  /** The model's score of each row, e.g. P(up). */
  score: Float64Array;
  /** The realized forward return of each row over the label horizon. */
  forwardReturn: Float64Array;
}

/** One entry per scored date, in ascending date order. */
export interface DailyInformationCoefficient {
  date: Int32Array;
  /** Tickers (rows) that entered the date's correlations. */
  tickers: Int32Array;
  /** Pearson correlation of score and forward return across the date's tickers. */
  ic: Float64Array;
  /** Spearman correlation of score and forward return across the date's tickers. */
  rankIc: Float64Array;
}

/** Summary over the scored dates; NaN where undefined (see the module notes). */
export interface InformationCoefficientSummary {
  icMean: number;
  /** Standard deviation of the daily IC, ddof 1. */
  icStd: number;
  /** icMean / icStd. */
  icir: number;
  rankIcMean: number;
  /** Standard deviation of the daily rank IC, ddof 1. */
  rankIcStd: number;
  /** rankIcMean / rankIcStd. */
  rankIcir: number;
  /** Dates scored. */
  dates: number;
  /** Dates skipped: fewer than 2 tickers, or no variance in score or return. */
  datesSkipped: number;
  /** Rows dropped for a non-finite score or forward return. */
  rowsSkipped: number;
}

/** What `informationCoefficient` returns. */
export interface InformationCoefficient {
  daily: DailyInformationCoefficient;
  summary: InformationCoefficientSummary;
}

/** Daily IC and rank IC of `score` against `forwardReturn`, and their summary. */
export function informationCoefficient(input: InformationCoefficientInput): InformationCoefficient {
  checkLengths(input);
  const { order, rowsSkipped } = validRowsByDate(input);
  const scratch = new Scratch(order.length);
  const date: number[] = [];
  const tickers: number[] = [];
  const ic: number[] = [];
  const rankIc: number[] = [];
  let datesSkipped = 0;
  for (let start = 0; start < order.length; ) {
    const d = input.dates[order[start]!]!;
    let end = start + 1;
    while (end < order.length && input.dates[order[end]!] === d) end++;
    const m = end - start;
    const x = scratch.x.subarray(0, m);
    const y = scratch.y.subarray(0, m);
    for (let i = 0; i < m; i++) {
      x[i] = input.score[order[start + i]!]!;
      y[i] = input.forwardReturn[order[start + i]!]!;
    }
    start = end;
    if (m < 2 || isConstant(x) || isConstant(y)) {
      datesSkipped++;
      continue;
    }
    date.push(d);
    tickers.push(m);
    ic.push(pearson(x, y));
    rankIc.push(pearson(averageRanks(x, scratch.rankX, scratch.index), averageRanks(y, scratch.rankY, scratch.index)));
  }
  const daily = { date: Int32Array.from(date), tickers: Int32Array.from(tickers), ic: Float64Array.from(ic), rankIc: Float64Array.from(rankIc) };
  const icStats = meanStdIr(daily.ic);
  const rankStats = meanStdIr(daily.rankIc);
  return {
    daily,
    summary: {
      icMean: icStats.mean, icStd: icStats.std, icir: icStats.ir,
      rankIcMean: rankStats.mean, rankIcStd: rankStats.std, rankIcir: rankStats.ir,
      dates: date.length, datesSkipped, rowsSkipped,
    },
  };
}

/** Work arrays sized once for the largest possible date, so the per-date loop allocates nothing. */
class Scratch {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly rankX: Float64Array;
  readonly rankY: Float64Array;
  readonly index: Int32Array;
  constructor(n: number) {
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    this.rankX = new Float64Array(n);
    this.rankY = new Float64Array(n);
    this.index = new Int32Array(n);
  }
}

function checkLengths({ dates, score, forwardReturn }: InformationCoefficientInput): void {
  if (score.length !== dates.length || forwardReturn.length !== dates.length) {
    throw new MetricsInputError({
      where: 'informationCoefficient',
      expected: 'dates, score and forwardReturn of one length (one entry per row)',
      found: `${dates.length} dates, ${score.length} scores, ${forwardReturn.length} forward returns`,
      hint: 'join predictions and forward returns by (ticker, date) before scoring',
    });
  }
}

/** Indices of the rows with a finite score and return, sorted by (date, row). */
function validRowsByDate({ dates, score, forwardReturn }: InformationCoefficientInput): { order: Int32Array; rowsSkipped: number } {
  const valid = new Int32Array(dates.length);
  let n = 0;
  for (let i = 0; i < dates.length; i++) {
    if (Number.isFinite(score[i]!) && Number.isFinite(forwardReturn[i]!)) valid[n++] = i;
  }
  const order = valid.subarray(0, n).sort((a, b) => dates[a]! - dates[b]! || a - b);
  return { order, rowsSkipped: dates.length - n };
}

function isConstant(values: Float64Array): boolean {
  const first = values[0]!;
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return false;
  return true;
}

/** Pearson correlation of two non-constant series, clamped to [-1, 1] against rounding. */
function pearson(x: Float64Array, y: Float64Array): number {
  const m = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < m; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= m;
  my /= m;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < m; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** 1-based ranks of `values` into `out`, tied values sharing the mean of their ranks. */
function averageRanks(values: Float64Array, out: Float64Array, index: Int32Array): Float64Array {
  const m = values.length;
  const idx = index.subarray(0, m);
  for (let i = 0; i < m; i++) idx[i] = i;
  idx.sort((a, b) => values[a]! - values[b]!);
  const ranks = out.subarray(0, m);
  for (let i = 0; i < m; ) {
    let j = i + 1;
    while (j < m && values[idx[j]!] === values[idx[i]!]) j++;
    const rank = (i + 1 + j) / 2; // mean of the 1-based ranks i + 1 .. j
    for (let k = i; k < j; k++) ranks[idx[k]!] = rank;
    i = j;
  }
  return ranks;
}

function meanStdIr(values: Float64Array): { mean: number; std: number; ir: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN, ir: NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, std: NaN, ir: NaN };
  if (isConstant(values)) return { mean, std: 0, ir: NaN }; // exactly, not a rounding residue
  const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { mean, std, ir: std > 0 ? mean / std : NaN };
}
