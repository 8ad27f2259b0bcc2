import type { AttentionMap, CurveSeries, ReportModel } from '../../../src/quant/report/report-model.js';

/** A small seeded generator, so the fixture is the same on every run. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Weekday ISO dates from `start`. */
function weekdays(start: string, count: number): string[] {
  const out: string[] = [];
  for (let t = Date.parse(start); out.length < count; t += 86_400_000) {
    const day = new Date(t).getUTCDay();
    if (day !== 0 && day !== 6) out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** A random-walk wealth curve starting at 1 with drift `mu` per day. */
function wealth(random: () => number, count: number, mu: number, sigma: number): number[] {
  const out = [1];
  for (let i = 1; i < count; i++) out.push(out[i - 1]! * (1 + mu + sigma * (random() - 0.5) * 3.4));
  return out;
}

function strategies(random: () => number, count: number): CurveSeries[] {
  const lstm: (number | null)[] = wealth(random, count, 0.0009, 0.011);
  lstm[40] = null; // a gap in the middle of a curve
  const transformer: (number | null)[] = wealth(random, count, 0.0006, 0.012);
  transformer[count - 1] = Number.NaN; // NaN must become a gap, never "NaN" in a path
  return [
    { name: 'lstm', values: lstm },
    { name: 'transformer', values: transformer },
    { name: 'ppo', values: wealth(random, count, 0.0002, 0.009) },
    { name: 'ensemble', values: wealth(random, count, 0.0007, 0.008) },
    { name: 'buy-and-hold', baseline: true, values: wealth(random, count, 0.0005, 0.013) },
    { name: 'cash', baseline: true, values: Array.from({ length: count }, () => 1) },
  ];
}

function attention(head: number): AttentionMap {
  const size = 8;
  const values: number[] = [];
  for (let q = 0; q < size; q++) {
    // head 0 looks at the latest step, head 1 spreads evenly over the past (causal rows sum to 1)
    const row = Array.from({ length: size }, (_, k) => (k > q ? 0 : head === 0 ? Math.exp(k - q) : 1));
    const sum = row.reduce((a, b) => a + b, 0);
    values.push(...row.map((v) => v / sum));
  }
  return { model: 'transformer', epoch: 10, layer: 0, head, size, values };
}

function epochs(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** The report of a whole comparison: four models, two baselines, two segments, NaN and null values. */
export function reportFixture(): ReportModel {
  const random = lcg(7);
  const val = weekdays('1998-01-02', 120);
  const test = weekdays('1999-07-01', 260);
  const row = (name: string, kind: string, values: Record<string, number | string | null>, baseline = false) =>
    ({ name, kind, values, ...(baseline ? { baseline } : {}) });
  return {
    title: 'Dow Jones 30: models against buy-and-hold',
    pipeline: 'baseline',
    generatedFrom: { stage: 'report', key: 'a3f1c9e07b2d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f', inputs: { backtests: 'b7e2' } },
    conventions: { 'periods per year': 252, 'risk-free rate': 0, fills: 'next open', 'cost (bps)': 5 },
    backend: { backend: 'tfjs-node', tfjs: '4.22.0' },
    recommendation: {
      verdict: 'best-model',
      text: 'lstm beats buy-and-hold on the test segment: Sharpe 1.42 against 0.61.',
      details: ['Diebold–Mariano p = 0.018 against buy-and-hold.', 'Deflated Sharpe 0.91 across 4 models.'],
    },
    summary: {
      columns: [
        { key: 'total', label: 'Total return', format: 'percent', better: 'higher' },
        { key: 'cagr', label: 'CAGR', format: 'percent', better: 'higher' },
        { key: 'sharpe', label: 'Sharpe [95% CI]', format: 'ratio', better: 'higher' },
        { key: 'maxdd', label: 'Max drawdown', format: 'percent', better: 'higher' },
        { key: 'trades', label: 'Trades', format: 'integer' },
        { key: 'dm', label: 'DM p vs B&H', format: 'pvalue' },
      ],
      rows: [
        row('lstm', 'classifier', { total: 0.2513, cagr: 0.2241, sharpe: '1.42 [0.31, 2.50]', maxdd: -0.0912, trades: 1234, dm: 0.018 }),
        row('transformer', 'classifier', { total: 0.1402, cagr: 0.1266, sharpe: 0.88, maxdd: -0.1311, trades: 310, dm: 0.2 }),
        row('ppo', 'rl', { total: -0.0213, cagr: Number.NaN, sharpe: null, maxdd: -0.2011, trades: 77, dm: 0.0004 }),
        row('ensemble', 'ensemble', { total: 0.1811, cagr: 0.162, sharpe: 1.1, maxdd: -0.0755, trades: 402, dm: 0.061 }),
        row('buy-and-hold', 'baseline', { total: 0.1011, cagr: 0.0913, sharpe: 0.61, maxdd: -0.1802, trades: 1, dm: null }, true),
        row('cash', 'baseline', { total: 0, cagr: 0, sharpe: null, maxdd: 0, trades: 0, dm: null }, true),
      ],
    },
    equityCurves: [
      { segment: 'test', dates: test, series: strategies(random, test.length) },
      { segment: 'val', dates: val, series: strategies(random, val.length) },
    ],
    learningCurves: [
      {
        model: 'lstm', xLabel: 'epoch', series: [
          { name: 'loss', x: epochs(20), y: epochs(20).map((e) => 0.69 - 0.1 * Math.log(e)) },
          { name: 'val_loss', x: epochs(20), y: epochs(20).map((e) => 0.7 - 0.05 * Math.log(e) + 0.002 * e) },
          { name: 'accuracy', x: epochs(20), y: epochs(20).map((e) => 0.5 + 0.01 * e) },
          { name: 'val_accuracy', x: epochs(20), y: epochs(20).map((e) => 0.5 + 0.004 * e) },
        ],
      },
      {
        model: 'transformer', xLabel: 'epoch', series: [
          { name: 'loss', x: epochs(12), y: epochs(12).map((e) => (e === 5 ? null : 0.7 / Math.sqrt(e))) },
          { name: 'val_loss', x: epochs(12), y: epochs(12).map((e) => (e === 12 ? Number.NaN : 0.72 / Math.sqrt(e) + 0.01 * e)) },
          { name: 'accuracy', x: [1], y: [0.52] },
        ],
      },
      { model: 'ppo', xLabel: 'update', series: [{ name: 'episode_return', x: epochs(50).map((u) => u * 10), y: epochs(50).map((u) => Math.sin(u / 5) * 0.02 + u * 0.001) }] },
    ],
    confusionMatrices: [{ model: 'lstm', classes: ['down', 'flat', 'up'], matrix: [[52, 10, 38], [12, 8, 15], [30, 9, 86]] }],
    attentionMaps: [attention(0), attention(1)],
    tables: [
      {
        id: 'mcnemar', title: 'McNemar test between classifiers', note: 'Exact binomial test on discordant test-segment predictions.',
        columns: [{ key: 'b', label: 'Only first right', format: 'integer' }, { key: 'c', label: 'Only second right', format: 'integer' }, { key: 'p', label: 'p-value', format: 'pvalue' }],
        rows: [{ name: 'lstm vs transformer', values: { b: 41, c: 29, p: 0.188 } }],
      },
      {
        id: 'per-ticker', title: 'Per-ticker Sharpe',
        columns: [{ key: 'lstm', label: 'lstm', format: 'ratio' }, { key: 'bh', label: 'buy-and-hold', format: 'ratio' }],
        rows: [{ name: 'AA', values: { lstm: 1.2, bh: 0.4 } }, { name: 'IBM', values: { lstm: -0.3, bh: Number.POSITIVE_INFINITY } }],
      },
      { id: 'empty', title: 'An empty table is omitted', columns: [], rows: [] },
    ],
    notes: ['Fills at the next open after a signal.', 'Skipped: dqn (no test predictions).'],
  };
}

/** Charts the fixture should produce: equity + drawdown per segment, 5 learning panels, 1 confusion matrix, 2 attention maps and their colour bar. */
export const FIXTURE_SVG_COUNT = 2 * 2 + 5 + 1 + 2 + 1;
