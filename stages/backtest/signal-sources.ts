/**
 * The backtest's strategies as it reads them: each input artifact becomes one source that,
 * for a ticker's window of price bars, gives its orders.
 * - classifier predictions: decision-bar target weights by the documented rule
 *   (src/quant/backtest/classifier-positions.ts), turned into orders by the fill mode;
 * - RL actions: each logged action fills at the open of the bar it is dated (its own
 *   decision was at the previous close), whatever the fill mode.
 */
import type { InputArtifact } from '../../src/engine/contract.js';
import { classifierSignals, type ClassifierRule } from '../../src/quant/backtest/classifier-positions.js';
import { ordersFromSignals, type SignalFill } from '../../src/quant/backtest/orders-from-signals.js';
import type { FillAt } from '../../src/quant/backtest/backtest-options.js';
import type { Orders } from '../../src/quant/backtest/backtest-orders.js';
import { readPolicyTrace, readPredictions, sourceName } from '../prediction-table.js';

export type StrategyKind = 'classifier' | 'rl' | 'baseline';

/** Rows of one source by ticker name and segment: date -> row. */
type RowIndex = Map<string, Map<number, number>>;

export interface SignalSource {
  name: string;
  kind: StrategyKind;
  /** Ticker names the source has rows for. */
  tickers: Set<string>;
  /** Dates of the rows of `ticker` in `segment`. */
  dates(ticker: string, segment: number): number[];
  /** Orders over the bars dated `barDates` and the fill point they run with. */
  orders(ticker: string, segment: number, barDates: Int32Array): { orders: Orders; fillAt: FillAt };
}

export async function readSignalSources(artifacts: readonly InputArtifact[], options: { rule: ClassifierRule; fill: SignalFill }): Promise<SignalSource[]> {
  return Promise.all(
    artifacts.map(async (artifact, i) => {
      const name = sourceName(artifact, i);
      if (artifact.type === 'actions') return actionSource(name, await readPolicyTrace(artifact, name));
      return classifierSource(name, await readPredictions(artifact, name), options);
    }),
  );
}

function indexRows(tickers: readonly string[], ticker: Int32Array, date: Int32Array, segment: Int8Array): RowIndex {
  const index: RowIndex = new Map();
  for (let r = 0; r < date.length; r++) {
    const key = `${tickers[ticker[r]!]}\u0000${segment[r]}`;
    let rows = index.get(key);
    if (!rows) index.set(key, (rows = new Map()));
    rows.set(date[r]!, r);
  }
  return index;
}

function baseSource(name: string, kind: StrategyKind, tickers: readonly string[], ticker: Int32Array, date: Int32Array, segment: Int8Array) {
  const index = indexRows(tickers, ticker, date, segment);
  const rowsOf = (t: string, s: number): Map<number, number> => index.get(`${t}\u0000${s}`) ?? new Map();
  return {
    name,
    kind,
    tickers: new Set(Array.from(new Set(ticker), (i) => tickers[i]!)),
    rowsOf,
    dates: (t: string, s: number) => [...rowsOf(t, s).keys()],
  };
}

function classifierSource(name: string, p: Awaited<ReturnType<typeof readPredictions>>, options: { rule: ClassifierRule; fill: SignalFill }): SignalSource {
  const base = baseSource(name, 'classifier', p.tickers, p.ticker, p.date, p.segment);
  return {
    ...base,
    orders(ticker, segment, barDates) {
      const rows = base.rowsOf(ticker, segment);
      const row = Int32Array.from(barDates, (d) => rows.get(d) ?? -1);
      return ordersFromSignals(classifierSignals(row, p.probabilities, options.rule), { fill: options.fill });
    },
  };
}

function actionSource(name: string, trace: Awaited<ReturnType<typeof readPolicyTrace>>): SignalSource {
  const base = baseSource(name, 'rl', trace.tickers, trace.ticker, trace.date, trace.segment);
  return {
    ...base,
    orders(ticker, segment, barDates) {
      const rows = base.rowsOf(ticker, segment);
      const actions = Int8Array.from(barDates, (d) => {
        const r = rows.get(d);
        return r === undefined ? -1 : trace.action[r]!;
      });
      return { orders: { kind: 'action', actions }, fillAt: 'open' };
    },
  };
}
