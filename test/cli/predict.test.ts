import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArtifactStore } from '../../src/engine/artifact-store.js';
import type { Column } from '../../src/io/column.js';
import { readTableFile } from '../../src/io/table-file.js';
import { formatIsoDay } from '../../src/quant/data/price-table.js';
import { harness, type Harness } from '../helpers/engine-harness.js';
import { runCli } from '../helpers/run-cli.js';
import { syntheticDataPath } from '../helpers/synthetic-data-path.js';

/**
 * A small LSTM on a seeded market, normalized per ticker. The features are ones whose value
 * on a day depends only on a bounded window of prices (returns, rate of change, rolling
 * volatility), so 200 days of history reproduce the run's inputs; EMA- and Wilder-smoothed
 * indicators would only converge towards them.
 */
const pipeline = (model: string, per: 'ticker' | 'pooled' = 'ticker') => `pipeline: predict-test
stages:
${syntheticDataPath({ tickers: 4, columns: ['logret_1', 'roc_10', 'vol_close_20'], per })}  model:
    in: { dataset: scaled.dataset }
    ${model}
`;

const LSTM = 'uses: train-lstm\n    with: { lookback: 10, layers: 1, units: 8, batch_size: 64, epochs: 2, max_batches_per_epoch: 4, seed: 5, backend: cpu }';
// Volatility-aware attention over calendar offsets: the inputs predict must rebuild besides the features.
const TRANSFORMER = 'uses: train-transformer\n    with: { lookback: 12, layers: 1, heads: 2, d_model: 8, d_ff: 16, epochs: 1, max_batches_per_epoch: 3, attention_every: 1, probe_size: 2, seed: 5, backend: cpu }';

type Table = Map<string, Column>;
const strings = (t: Table, name: string) => t.get(name) as Extract<Column, { kind: 'strings' }>;
const days = (t: Table, name: string) => (t.get(name) as Extract<Column, { kind: 'date' }>).days;
const floats = (t: Table, name: string) => (t.get(name) as Extract<Column, { kind: 'float64' }>).values;
const int8 = (t: Table, name: string) => (t.get(name) as Extract<Column, { kind: 'int8' }>).values;

/** The CSV of one ticker's last `rows` price rows up to `until` (epoch day), with `columns` of the prices artifact. */
function priceCsv(prices: Table, ticker: string, until: number, rows: number, columns: string[], rename: (name: string) => string = (n) => n): string {
  const t = strings(prices, 'ticker');
  const date = days(prices, 'date');
  const picked: number[] = [];
  for (let r = 0; r < date.length; r++) if (t.dictionary[t.indices[r]!] === ticker && date[r]! <= until) picked.push(r);
  const lines = [['date', 'ticker', ...columns].map(rename).join(',')];
  for (const r of picked.slice(-rows)) lines.push([formatIsoDay(date[r]!), ticker, ...columns.map((c) => String(floats(prices, c)[r]))].join(','));
  return `${lines.join('\n')}\n`;
}

interface TrainedRun {
  h: Harness;
  runId: string;
  pricesId: string;
  prices: Table;
  predictions: Table;
}

async function trainRun(model: string, per: 'ticker' | 'pooled'): Promise<TrainedRun> {
  const h = harness();
  const result = await h.run(pipeline(model, per));
  expect(result.status, JSON.stringify(result.stages.map((s) => [s.id, s.status, s.error]))).toBe('succeeded');
  const outputs = Object.fromEntries(result.stages.map((s) => [s.id, s.outputs!]));
  const pricesId = outputs.prices!.prices!.id;
  return {
    h,
    runId: result.runId,
    pricesId,
    prices: (await readTableFile(h.store.objectPath(pricesId))).columns,
    predictions: (await readTableFile(h.store.objectPath(outputs.model!.predictions!.id))).columns,
  };
}

const ALL = ['open', 'high', 'low', 'close', 'volume', 'signal'];

function runPredict(run: TrainedRun, file: string, extra: string[] = []) {
  return runCli(['predict', run.runId.slice(0, 8), '--model', 'model', '--data', file, '--store', path.join(run.h.root, 'artifacts'), ...extra], { cwd: run.h.root });
}

/**
 * Writes the last 200 days up to a test-segment date (the middle one of the first ticker's
 * test predictions) of `tickers` to one CSV, predicts, and checks each ticker's signal
 * against the run's stored prediction for that (ticker, date): the same float32 bits.
 */
async function expectRunPredictions(run: TrainedRun, tickers: number[], backend = 'cpu'): Promise<void> {
  const { predictions, prices } = run;
  const t = strings(predictions, 'ticker');
  const segment = int8(predictions, 'segment');
  const date = days(predictions, 'date');
  const rowOf = (ticker: string, day: number) => [...segment.keys()].find((r) => t.dictionary[t.indices[r]!] === ticker && date[r] === day);
  const names = tickers.map((i) => t.dictionary[i]!);
  const tests = [...segment.keys()].filter((r) => segment[r] === 2 && t.dictionary[t.indices[r]!] === names[0]);
  const day = date[tests[Math.floor(tests.length / 2)]!]!;
  const file = path.join(run.h.root, 'new-prices.csv');
  writeFileSync(file, names.map((name, i) => priceCsv(prices, name, day, 200, ALL).split('\n').slice(i === 0 ? 0 : 1).join('\n')).join(''));
  const out = path.join(run.h.root, 'signals.json');
  const { code, stdout, stderr } = await runPredict(run, file, ['--json', '--out', out]);
  expect(code, stderr).toBe(0);
  const printed = JSON.parse(stdout) as { backend: string; signals: Record<string, number | string>[] };
  expect(printed.backend.startsWith(backend), printed.backend).toBe(true);
  expect(printed.signals.map((s) => s.ticker)).toEqual([...names].sort());
  for (const signal of printed.signals) {
    const row = rowOf(signal.ticker as string, day);
    expect(row, `${signal.ticker} has a prediction on ${formatIsoDay(day)}`).toBeDefined();
    expect(signal.date).toBe(formatIsoDay(day));
    expect(signal.prob_0).toBe(floats(predictions, 'prob_0')[row!]);
    expect(signal.prob_1).toBe(floats(predictions, 'prob_1')[row!]);
    expect(signal.predicted).toBe(int8(predictions, 'predicted')[row!]);
  }
  expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(printed.signals);
}

describe('tradelab predict', () => {
  let run: TrainedRun;
  let h: Harness;
  let runId: string;
  let prices: Table;
  let pricesId: string;

  beforeAll(async () => {
    run = await trainRun(LSTM, 'ticker');
    ({ h, runId, prices, pricesId } = run);
  }, 120_000);

  const predict = (file: string, extra: string[] = []) => runPredict(run, file, extra);

  it("gives, for the last date of 200 days of a ticker's prices, exactly the run's own test-segment probabilities (LSTM)", async () => {
    await expectRunPredictions(run, [1]);
  }, 60_000);

  it('reads Parquet prices of every ticker (the run\'s own prices artifact) and writes one CSV row per ticker', async () => {
    const file = path.join(h.root, 'all-prices.parquet');
    const exported = await runCli(['export', pricesId, file, '--store', path.join(h.root, 'artifacts')], { cwd: h.root });
    expect(exported.code, exported.stderr).toBe(0);
    const out = path.join(h.root, 'signals.csv');
    const { code, stdout, stderr } = await predict(file, ['--out', out]);
    expect(code, stderr).toBe(0);
    const tickers = strings(prices, 'ticker').dictionary;
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('ticker,date,predicted,prob_0,prob_1');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([...tickers].sort());
    for (const line of lines.slice(1)) {
      const [, , , p0, p1] = line.split(',').map(Number);
      expect(p0! + p1!).toBeCloseTo(1, 6);
    }
    expect(stdout).toMatch(/model model \(lstm\) of run/);
  }, 60_000);

  it('names the run\'s model stages when --model is not one (exit 2)', async () => {
    const { code, stderr } = await runCli(['predict', runId, '--model', 'scaled', '--data', 'x.csv', '--store', path.join(h.root, 'artifacts')], { cwd: h.root });
    expect(code).toBe(2);
    expect(stderr).toMatch(/'scaled' is a normalize stage, not a trained model/);
    expect(stderr).toMatch(/--model: model/);
  }, 30_000);

  it('refuses a file without a price column the features need, naming the column (exit 2)', async () => {
    const file = path.join(h.root, 'no-close.csv');
    const ticker = strings(prices, 'ticker').dictionary[0]!;
    writeFileSync(file, priceCsv(prices, ticker, 99_999, 200, ['open', 'high', 'low', 'volume', 'signal']));
    const { code, stderr } = await predict(file);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no-close\.csv/);
    expect(stderr).toMatch(/close/);
    expect(stderr).toMatch(/hint:/);
  }, 30_000);

  it('refuses a file without a passthrough feature column the model reads (exit 2)', async () => {
    const file = path.join(h.root, 'no-signal.csv');
    const ticker = strings(prices, 'ticker').dictionary[0]!;
    writeFileSync(file, priceCsv(prices, ticker, 99_999, 200, ['open', 'high', 'low', 'close', 'volume']));
    const { code, stderr } = await predict(file);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no column 'signal'/);
  }, 30_000);

  it('refuses a ticker unseen in training when normalization was per ticker, naming it (exit 2)', async () => {
    const file = path.join(h.root, 'unseen.csv');
    const ticker = strings(prices, 'ticker').dictionary[0]!;
    writeFileSync(file, priceCsv(prices, ticker, 99_999, 200, ALL).replaceAll(`,${ticker},`, ',NEWCO,'));
    const { code, stderr } = await predict(file);
    expect(code).toBe(2);
    expect(stderr).toMatch(/NEWCO/);
    expect(stderr).toMatch(/per ticker/);
    expect(stderr).toMatch(/hint:/);
  }, 30_000);

  it('refuses fewer rows than the lookback plus the indicators\' warm-up, saying how many it needs (exit 2)', async () => {
    const file = path.join(h.root, 'short.csv');
    const ticker = strings(prices, 'ticker').dictionary[0]!;
    writeFileSync(file, priceCsv(prices, ticker, 99_999, 25, ALL));
    const { code, stderr } = await predict(file);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`ticker ${ticker} has 25 rows`));
    expect(stderr).toMatch(/at least 29 rows/);
  }, 30_000);
});

describe('tradelab predict with a transformer', () => {
  it("gives two tickers' latest-date probabilities exactly as the run computed them (volatility-aware attention, pooled statistics)", async () => {
    const run = await trainRun(TRANSFORMER, 'pooled');
    await expectRunPredictions(run, [0, 2]);
  }, 120_000);
});

describe('tradelab predict on the wasm backend', () => {
  it("defaults to the run's backend, with its kernel overrides, and gives the run's probabilities exactly", async () => {
    const run = await trainRun(LSTM.replace('backend: cpu', 'backend: wasm, threads: 1'), 'ticker');
    await expectRunPredictions(run, [3], 'wasm');
  }, 120_000);
});

describe('tradelab predict refuses models it cannot serve', () => {
  /** A store holding one hand-written run manifest with `stages` (id, kind, inputs). */
  function storeWith(stages: { id: string; kind: string; inputs?: Record<string, string[]> }[]): string {
    const root = harness().root;
    const store = new ArtifactStore(path.join(root, 'artifacts'));
    store.writeRun('feedc0de00000000', {
      id: 'feedc0de00000000', pipeline: 'hand', file: 'hand.yaml', status: 'succeeded',
      resolved: stages.map((s) => ({ id: s.id, kind: s.kind, version: 1, params: {}, inputs: s.inputs ?? {} })),
      stages: stages.map((s) => ({ id: s.id, kind: s.kind, status: 'succeeded', outputs: {} })),
      versions: {}, runtime: {}, executions: [],
    });
    return store.root;
  }

  it('refuses a model whose inputs do not come from ingest and indicators (exit 2)', async () => {
    const store = storeWith([{ id: 'fit', kind: 'command' }, { id: 'lstm', kind: 'train-lstm', inputs: { dataset: ['fit.dataset'] } }]);
    const { code, stderr } = await runCli(['predict', 'feedc0de', '--model', 'lstm', '--data', 'x.csv', '--store', store]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/do not come from an ingest -> indicators chain/);
  }, 30_000);
});
