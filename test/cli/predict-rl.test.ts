import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/io/column.js';
import { readTableFile } from '../../src/io/table-file.js';
import { formatIsoDay } from '../../src/quant/data/price-table.js';
import { harness } from '../helpers/engine-harness.js';
import { runCli } from '../helpers/run-cli.js';
import { syntheticDataPath } from '../helpers/synthetic-data-path.js';

/**
 * `tradelab predict` for RL policies: a tiny policy on a seeded market (features of bounded
 * windows, so a file holding their warm-up reproduces the run's values exactly), then a
 * predict over one ticker's prices from the test evaluation's first bar (with the lookback
 * and warm-up rows before it) to the test segment's second-to-last bar D. The replay is then
 * the evaluation's episode step for step (the same start bar, the same steps-left fraction:
 * predict's episode ends at the bar after the last date, the evaluation's at the segment's
 * last bar), so:
 * - the action decided at D's close is the `actions` row dated the bar after D (a row dated d
 *   holds the action that filled at d's open, decided at the previous bar's close);
 * - the position and equity at D's close are the `actions` row dated D.
 * `observation: last-row`: the evaluation's first windows would otherwise reach back across
 * the split's dropped purge gap, which consecutive price rows cannot show.
 */
const FEATURES = ['logret_1', 'roc_10', 'vol_close_20'];
const LOOKBACK = 5;

const pipeline = (agent: string) => `pipeline: predict-rl-test
stages:
${syntheticDataPath({ tickers: 3, columns: FEATURES })}  agent:
    in: { dataset: scaled.dataset, prices: prices.prices }
    ${agent}
`;

const ENV = `lookback: ${LOOKBACK}, observation: last-row, episode_steps: 32, seed: 3, backend: cpu`;
const PPO = `uses: train-ppo\n    with: { total_steps: 512, envs: 4, n_steps: 64, batch_size: 64, n_epochs: 2, hidden: [16], ${ENV} }`;
const DQN = `uses: train-dqn\n    with: { total_steps: 600, envs: 4, hidden: [16], learning_starts: 200, batch_size: 32, target_update_interval: 200, buffer_size: 2000, log_interval: 300, ${ENV} }`;

type Table = Map<string, Column>;
const strings = (t: Table, name: string) => t.get(name) as Extract<Column, { kind: 'strings' }>;
const days = (t: Table, name: string) => (t.get(name) as Extract<Column, { kind: 'date' }>).days;
const floats = (t: Table, name: string) => (t.get(name) as Extract<Column, { kind: 'float64' | 'float32' }>).values;
const int8 = (t: Table, name: string) => (t.get(name) as Extract<Column, { kind: 'int8' }>).values;

/** Rows of `ticker` in `t`, in date order. */
function rowsOf(t: Table, ticker: string): number[] {
  const k = strings(t, 'ticker');
  const d = days(t, 'date');
  return [...d.keys()].filter((r) => k.dictionary[k.indices[r]!] === ticker).sort((a, b) => d[a]! - d[b]!);
}

describe.each([['train-ppo', PPO], ['train-dqn', DQN]])('tradelab predict with a %s policy', (kind, agent) => {
  it("replays the run's test episode and gives, at the segment's second-to-last bar, the action the run filled at the last bar", async () => {
    const h = harness();
    const result = await h.run(pipeline(agent));
    expect(result.status, JSON.stringify(result.stages.map((s) => [s.id, s.status, s.error]))).toBe('succeeded');
    const outputs = Object.fromEntries(result.stages.map((s) => [s.id, s.outputs!]));
    const read = async (id: string) => (await readTableFile(h.store.objectPath(id))).columns;
    const prices = await read(outputs.prices!.prices!.id);
    const features = await read(outputs.features!.features!.id);
    const actions = await read(outputs.agent!.actions!.id);

    const ticker = strings(actions, 'ticker').dictionary[1]!;
    const acted = rowsOf(actions, ticker).filter((r) => int8(actions, 'segment')[r] === 2);
    const actionDays = acted.map((r) => days(actions, 'date')[r]!);
    const priceRows = rowsOf(prices, ticker);
    const priceDays = priceRows.map((r) => days(prices, 'date')[r]!);
    // The episode's first bar: the one before the first fill. D: the bar before the last fill.
    const first = priceDays.indexOf(actionDays[0]!) - 1;
    const last = priceDays.indexOf(actionDays[actionDays.length - 2]!);
    expect(first).toBeGreaterThan(0);
    expect(priceDays.slice(first + 1, last + 2)).toEqual(actionDays);
    // The indicators' warm-up: the ticker's leading rows with a NaN feature.
    const featureRows = rowsOf(features, ticker);
    const warmUp = featureRows.findIndex((r) => FEATURES.every((f) => Number.isFinite(floats(features, f)[r]!)));
    expect(warmUp).toBeGreaterThan(0);
    // The file: warm-up rows, then lookback - 1 rows, then the episode's first bar .. D.
    const from = first - (LOOKBACK - 1) - warmUp;
    const lines = ['date,ticker,open,high,low,close,volume,signal'];
    for (const r of priceRows.slice(from, last + 1)) lines.push([formatIsoDay(days(prices, 'date')[r]!), ticker, ...['open', 'high', 'low', 'close', 'volume', 'signal'].map((c) => String(floats(prices, c)[r]))].join(','));
    const file = path.join(h.root, 'episode.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);

    const { code, stdout, stderr } = await runCli(['predict', result.runId.slice(0, 8), '--model', 'agent', '--data', file, '--json', '--store', path.join(h.root, 'artifacts')], { cwd: h.root });
    expect(code, stderr).toBe(0);
    const printed = JSON.parse(stdout) as { kind: string; signals: { ticker: string; date: string; action: number; action_name: string; position: number; equity: number; from: string; steps: number }[] };
    expect(printed.kind).toBe(kind.slice('train-'.length));
    expect(printed.signals).toHaveLength(1);
    const signal = printed.signals[0]!;
    const filled = acted[acted.length - 1]!;
    const atD = acted[acted.length - 2]!;
    expect(signal.ticker).toBe(ticker);
    expect(signal.date).toBe(formatIsoDay(priceDays[last]!));
    expect(signal.from).toBe(formatIsoDay(priceDays[first]!));
    expect(signal.steps).toBe(last - first);
    expect(signal.action).toBe(int8(actions, 'action')[filled]);
    expect(signal.action_name).toMatch(/^(hold|buy (25|50|75|100)%|sell (25|50|75|100)%)$/);
    expect(signal.position).toBe(floats(actions, 'position')[atD]);
    expect(signal.equity).toBe(floats(actions, 'equity')[atD]);

    // One row fewer at the start moves the replay's first bar one day later: another path, another equity.
    writeFileSync(file, `${[lines[0], ...lines.slice(2)].join('\n')}\n`);
    const later = await runCli(['predict', result.runId.slice(0, 8), '--model', 'agent', '--data', file, '--json', '--store', path.join(h.root, 'artifacts')], { cwd: h.root });
    expect(later.code, later.stderr).toBe(0);
    const moved = (JSON.parse(later.stdout) as typeof printed).signals[0]!;
    expect(moved.from).toBe(formatIsoDay(priceDays[first + 1]!));
    expect(moved.equity).not.toBe(signal.equity);
  }, 90_000);
});

describe('tradelab predict with a policy refuses data it cannot replay', () => {
  it('names the rows a ticker needs (exit 2)', async () => {
    const h = harness();
    const result = await h.run(pipeline(PPO));
    expect(result.status).toBe('succeeded');
    const prices = (await readTableFile(h.store.objectPath(result.stages.find((s) => s.id === 'prices')!.outputs!.prices!.id))).columns;
    const ticker = strings(prices, 'ticker').dictionary[0]!;
    const rows = rowsOf(prices, ticker).slice(0, 22);
    const file = path.join(h.root, 'short.csv');
    writeFileSync(file, `date,ticker,close,signal\n${rows.map((r) => `${formatIsoDay(days(prices, 'date')[r]!)},${ticker},${floats(prices, 'close')[r]},${floats(prices, 'signal')[r]}`).join('\n')}\n`);
    const { code, stderr } = await runCli(['predict', result.runId.slice(0, 8), '--model', 'agent', '--data', file, '--store', path.join(h.root, 'artifacts')], { cwd: h.root });
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`ticker ${ticker} has 22 rows`));
  }, 60_000);
});
