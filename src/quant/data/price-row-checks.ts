import type { PriceColumn } from './price-table.js';

/** Kinds of problem `checkPriceRow` finds. */
export type PriceProblem = 'non-positive' | 'negative-volume' | 'high-below-low' | 'outside-range';

/** Receives one problem found in a row's values. */
export type ReportPriceProblem = (column: PriceColumn, message: string, problem: PriceProblem) => void;

/**
 * Checks one row's values, NaN meaning "missing" (a missing value is never a problem here;
 * whether a column may be missing is the reader's business):
 *
 * 1. open, high, low and close must be > 0;
 * 2. volume must be >= 0 (a zero-volume day exists, a negative one does not);
 * 3. high >= low, and when both are present, open and close lie within [low, high]
 *    (not checked again for a row with a non-positive price).
 *
 * Returns true when the row is clean; otherwise reports each problem and returns false.
 */
export function checkPriceRow(
  open: number,
  high: number,
  low: number,
  close: number,
  volume: number,
  report: ReportPriceProblem,
): boolean {
  // The common case in one comparison chain; NaN compares false, so missing values pass.
  if (!(open <= 0 || high <= 0 || low <= 0 || close <= 0 || volume < 0 || high < low || outside(open, low, high) || outside(close, low, high))) {
    return true;
  }
  if (open <= 0) report('open', `non-positive price ${open}`, 'non-positive');
  if (high <= 0) report('high', `non-positive price ${high}`, 'non-positive');
  if (low <= 0) report('low', `non-positive price ${low}`, 'non-positive');
  if (close <= 0) report('close', `non-positive price ${close}`, 'non-positive');
  if (volume < 0) report('volume', `negative volume ${volume}`, 'negative-volume');
  if (high < low) {
    report('high', `high ${high} < low ${low}`, 'high-below-low');
  } else if (!(open <= 0 || high <= 0 || low <= 0 || close <= 0)) {
    // A non-positive price is reported once, not again as out of range.
    if (outside(open, low, high)) report('open', `open ${open} outside [low ${low}, high ${high}]`, 'outside-range');
    if (outside(close, low, high)) report('close', `close ${close} outside [low ${low}, high ${high}]`, 'outside-range');
  }
  return false;
}

function outside(value: number, low: number, high: number): boolean {
  return value < low || value > high;
}
