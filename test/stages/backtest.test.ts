import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/io/column.js';
import { readTableFile } from '../../src/io/table-file.js';
import { harness, type Harness } from '../helpers/engine-harness.js';
import { oraclePipeline } from '../helpers/oracle-predictions.js';

const BACKTEST = (extra = '') => `  bt:
    uses: backtest
    in: { signals: [a.predictions, b.predictions], prices: prices.prices }
    with: { cost_bps: 5, slippage_bps: 2${extra} }
`;

async function backtest(extra = '') {
  const h: Harness = harness();
  const result = await h.run(oraclePipeline(BACKTEST(extra)));
  expect(result.status, JSON.stringify(result.stages.map((s) => [s.id, s.status, s.error]))).toBe('succeeded');
  const outputs = result.stages.find((s) => s.id === 'bt')!.outputs!;
  const path = (port: string) => h.store.objectPath(outputs[port]!.id);
  return { results: JSON.parse(readFileSync(path('results'), 'utf8')), path };
}

const values = (c: Column | undefined) => (c as { values: Float64Array | Int8Array | Int32Array }).values;
const names = (c: Column | undefined) => {
  const s = c as { indices: Int32Array; dictionary: string[] };
  return Array.from(s.indices, (i) => s.dictionary[i]!);
};

describe('the backtest stage', () => {
  it('replays each source and both baselines per segment, and a 90% oracle beats buy-and-hold on test', async () => {
    const { results, path } = await backtest();
    expect(Object.keys(results.segments)).toEqual(['val', 'test']);
    const test = results.segments.test;
    expect(test.strategies.map((s: { name: string }) => s.name)).toEqual(['a', 'b', 'buy-and-hold', 'random']);
    const total = (name: string) => test.strategies.find((s: { name: string }) => s.name === name).portfolio.metrics.totalReturn;
    expect(total('a')).toBeGreaterThan(total('buy-and-hold'));
    expect(results.conventions.periodsPerYear).toBe(252);
    expect(results.notes[0]).toMatch(/next bar's open/);
    const csv = readFileSync(path('metrics_csv'), 'utf8');
    expect(csv).toMatch(/^# periodsPerYear: 252$/m);
    expect(csv).toMatch(/^segment,strategy,ticker,periods,totalReturn/m);
  }, 120_000);

  it('writes a journal that reconciles with every account: trade net P&L sums to final equity - initial cash', async () => {
    const { path } = await backtest();
    const trades = await readTableFile(path('trades'));
    const equity = await readTableFile(path('equity'));
    const pnl = new Map<string, number>();
    const tradeKeys = names(trades.columns.get('strategy')).map((s, k) => `${s}|${values(trades.columns.get('segment'))[k]}|${names(trades.columns.get('ticker'))[k]}`);
    tradeKeys.forEach((key, k) => pnl.set(key, (pnl.get(key) ?? 0) + values(trades.columns.get('net_pnl'))[k]!));
    const last = new Map<string, number>();
    const strategy = names(equity.columns.get('strategy'));
    const ticker = names(equity.columns.get('ticker'));
    strategy.forEach((s, k) => {
      if (ticker[k] !== '(portfolio)') last.set(`${s}|${values(equity.columns.get('segment'))[k]}|${ticker[k]}`, values(equity.columns.get('equity'))[k]!);
    });
    expect(last.size).toBeGreaterThan(8);
    for (const [key, finalEquity] of last) expect(Math.abs((pnl.get(key) ?? 0) - (finalEquity - 100_000)), key).toBeLessThan(1e-9 * 100_000);
  }, 120_000);

  it('labels same-close fills as optimistic and narrows the universe with `tickers`', async () => {
    const { results } = await backtest(', fill: same-close, tickers: 2');
    expect(results.notes[0]).toMatch(/SAME-CLOSE FILLS/);
    expect(results.segments.test.tickers).toHaveLength(2);
    expect(results.segments.test.strategies[0].fill).toBe('same-close');
  }, 120_000);
});
