/**
 * Feature tables as Parquet artifacts: `ticker`, `date`, the raw `close` (for labels and
 * backtests, never a model input), then one float column per feature (float32 by default). Schema metadata
 * `tradelab.features` lists the feature columns in order; stages downstream read it rather
 * than guessing which columns are features. Row groups hold whole tickers when `indicators`
 * wrote them, so a stage can stream ticker batches.
 */
import type { Column } from '../src/io/column.js';

export const FEATURES_KEY = 'tradelab.features';
/** The split's label settings (horizon, classes, dead zone) as JSON, on every dataset. */
export const LABEL_KEY = 'tradelab.label';
/** The longest window (in rows) any feature reads; splits size their purge gap with it. */
export const LOOKBACK_KEY = 'tradelab.lookback';

/** The schema metadata of a feature table: `extra` plus the feature list. */
export function featureMetadata(features: readonly string[], extra: Record<string, string>): Record<string, string> {
  return { ...extra, [FEATURES_KEY]: JSON.stringify(features) };
}

/** The feature names a table's metadata lists; each must be a float column of the table. */
export function featureNames(metadata: Record<string, string>, columns: { name: string; kind: string }[]): string[] {
  const names = JSON.parse(metadata[FEATURES_KEY] ?? '[]') as string[];
  for (const name of names) {
    if (!columns.some((c) => c.name === name && (c.kind === 'float64' || c.kind === 'float32'))) throw new Error(`feature column '${name}' is missing or not a float column`);
  }
  return names;
}

/** The leading columns of every feature table, checked. */
export function keyColumns(columns: Map<string, Column>): { ticker: Extract<Column, { kind: 'strings' }>; date: Int32Array; close: Float64Array } {
  const ticker = columns.get('ticker');
  const date = columns.get('date');
  const close = columns.get('close');
  if (ticker?.kind !== 'strings' || date?.kind !== 'date' || close?.kind !== 'float64') {
    throw new Error('a feature table needs `ticker` (string), `date` (date) and `close` (float) columns');
  }
  return { ticker, date: date.days, close: close.values };
}
