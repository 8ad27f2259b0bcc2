/**
 * Feature tables as Parquet artifacts: `ticker`, `date`, the raw `close` (for labels and
 * backtests, never a model input), then one Float64 column per feature. Schema metadata
 * `tradelab.features` lists the feature columns in order; stages downstream read it rather
 * than guessing which columns are features.
 */
import type { Column } from '../src/io/typed-columns.js';

export const FEATURES_KEY = 'tradelab.features';
/** The longest window (in rows) any feature reads; splits size their purge gap with it. */
export const LOOKBACK_KEY = 'tradelab.lookback';

export interface FeatureTable {
  ticker: Extract<Column, { kind: 'strings' }>;
  date: Int32Array;
  close: Float64Array;
  features: Map<string, Float64Array>;
  /** Other metadata to carry along (skipped indicators, missing price columns). */
  metadata: Record<string, string>;
}

export function featureColumns(table: FeatureTable): { columns: [string, Column][]; metadata: Record<string, string> } {
  return {
    columns: [
      ['ticker', table.ticker],
      ['date', { kind: 'date', days: table.date }],
      ['close', { kind: 'float64', values: table.close }],
      ...[...table.features].map(([name, values]): [string, Column] => [name, { kind: 'float64', values }]),
    ],
    metadata: { ...table.metadata, [FEATURES_KEY]: JSON.stringify([...table.features.keys()]) },
  };
}

export function featuresFromColumns(columns: Map<string, Column>, metadata: Record<string, string>): FeatureTable {
  const ticker = columns.get('ticker');
  const date = columns.get('date');
  const close = columns.get('close');
  if (ticker?.kind !== 'strings' || date?.kind !== 'date' || close?.kind !== 'float64') {
    throw new Error('a feature table needs `ticker` (string), `date` (date) and `close` (float) columns');
  }
  const names = JSON.parse(metadata[FEATURES_KEY] ?? '[]') as string[];
  const features = new Map<string, Float64Array>();
  for (const name of names) {
    const column = columns.get(name);
    if (column?.kind !== 'float64') throw new Error(`feature column '${name}' is missing or not numeric`);
    features.set(name, column.values);
  }
  const { [FEATURES_KEY]: _features, ...rest } = metadata;
  return { ticker, date: date.days, close: close.values, features, metadata: rest };
}
