/**
 * The `predictions` and `actions` artifacts as stages exchange them, read and written in one
 * place so every producer and consumer agrees on the columns:
 * - predictions: ticker, date (the bar whose close the prediction was made at), segment
 *   (1 val, 2 test), label (-1 unknown), predicted, prob_0..prob_{k-1};
 *   metadata `tradelab.classes`, `tradelab.model`;
 * - actions: ticker, date (the bar whose open the action filled at), segment, action,
 *   position, equity, fill_fallback.
 */
import type { InputArtifact } from '../src/engine/contract.js';
import type { Column, ColumnTable } from '../src/io/column.js';
import { readTableFile } from '../src/io/table-file.js';
import type { PolicyTrace } from '../src/quant/ensemble/policy-predictions.js';
import type { PredictionSource } from '../src/quant/ensemble/prediction-source.js';

/**
 * The name a comparison shows for an input: its upstream stage (`lstm` from `lstm.predictions`,
 * `lstm[lr=0.001]` from `lstm[lr=0.001].predictions`: the port follows the LAST dot).
 */
export function sourceName(artifact: InputArtifact, index: number): string {
  const from = artifact.from;
  return from ? from.slice(0, from.lastIndexOf('.')) : `input ${index + 1}`;
}

export async function readPredictions(artifact: InputArtifact, name: string): Promise<PredictionSource> {
  const table = await readTableFile(artifact.path);
  const classes = Number(table.metadata['tradelab.classes'] ?? countProbColumns(table));
  const probabilities = Array.from({ length: classes }, (_, c) => float64(table, `prob_${c}`, name));
  if (classes < 2) throw new Error(`${name}: a predictions table needs prob_0 and prob_1 columns (it comes from train-lstm, train-transformer or ensemble)`);
  return { name, ...rowKeys(table, name), label: column(table, 'label', 'int8', name).values, probabilities };
}

export async function readPolicyTrace(artifact: InputArtifact, name: string): Promise<PolicyTrace & { action: Int8Array; equity: Float64Array }> {
  const table = await readTableFile(artifact.path);
  return {
    name,
    ...rowKeys(table, name),
    action: column(table, 'action', 'int8', name).values,
    position: float64(table, 'position', name),
    equity: float64(table, 'equity', name),
  };
}

/** The columns of a predictions artifact. */
export function predictionColumns(p: { tickers: readonly string[]; ticker: Int32Array; date: Int32Array; segment: Int8Array; label: Int8Array; predicted: Int8Array; probabilities: readonly Float64Array[] }): [string, Column][] {
  return [
    ['ticker', { kind: 'strings', indices: p.ticker, dictionary: [...p.tickers] }],
    ['date', { kind: 'date', days: p.date }],
    ['segment', { kind: 'int8', values: p.segment }],
    ['label', { kind: 'int8', values: p.label }],
    ['predicted', { kind: 'int8', values: p.predicted }],
    ...p.probabilities.map((values, c): [string, Column] => [`prob_${c}`, { kind: 'float64', values }]),
  ];
}

/** The (ticker, date, segment) of every row. */
function rowKeys(table: ColumnTable, source: string): { tickers: string[]; ticker: Int32Array; date: Int32Array; segment: Int8Array } {
  const ticker = column(table, 'ticker', 'strings', source);
  return { tickers: ticker.dictionary, ticker: ticker.indices, date: column(table, 'date', 'date', source).days, segment: column(table, 'segment', 'int8', source).values };
}

type ColumnOf<K extends Column['kind']> = Extract<Column, { kind: K }>;

function column<K extends Column['kind']>(table: ColumnTable, name: string, kind: K, source: string): ColumnOf<K> {
  const c = table.columns.get(name);
  if (c?.kind !== kind) throw new Error(`${source}: column '${name}' is ${c ? `${c.kind}` : 'missing'}; expected ${kind} (hint: connect a predictions or actions output of a tradelab stage)`);
  return c as ColumnOf<K>;
}

function float64(table: ColumnTable, name: string, source: string): Float64Array {
  const c = table.columns.get(name);
  if (c?.kind === 'float64') return c.values;
  if (c?.kind === 'float32') return Float64Array.from(c.values);
  throw new Error(`${source}: column '${name}' is ${c ? c.kind : 'missing'}; expected a float column`);
}

function countProbColumns(table: ColumnTable): number {
  let k = 0;
  while (table.columns.has(`prob_${k}`)) k++;
  return k;
}
