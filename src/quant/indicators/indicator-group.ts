/**
 * The shape of an indicator set: output columns (name, family, warm-up, transform) grouped by the
 * computation that produces them, with the price inputs each group needs.
 */

/** A price column an indicator may read. */
export type PriceInput = 'open' | 'high' | 'low' | 'close' | 'volume';

export type IndicatorFamily = 'trend' | 'momentum' | 'trend-strength' | 'volatility' | 'volume' | 'returns';

/** `relative-to-close`: value/close − 1, for price-level outputs (moving averages, bands, SAR). */
export type OutputTransform = 'raw' | 'relative-to-close';

/** One ticker's prices in date order; NaN marks a missing value. */
export interface OhlcvSeries {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** One output column. */
export interface IndicatorColumn {
  /** Stable snake_case name with its parameters (`sma_20_rel`, `macd_signal_12_26_9`). */
  name: string;
  family: IndicatorFamily;
  /** Warm-up rows: the first value is on 0-based row `lookback` of an uninterrupted series. */
  lookback: number;
  transform: OutputTransform;
}

/** Columns computed together from the same inputs (MACD's three lines, the Bollinger bands, ...). */
export interface IndicatorGroup {
  needs: readonly PriceInput[];
  columns: readonly IndicatorColumn[];
  /** Raw values (before the output transform), one array per column, in column order. */
  compute(series: OhlcvSeries): Float64Array[];
}

/** A column together with the inputs its group needs. */
export interface StandardColumn extends IndicatorColumn {
  needs: readonly PriceInput[];
}
