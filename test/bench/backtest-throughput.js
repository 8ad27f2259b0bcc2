// Throughput of the backtest engine (src/quant/backtest/run-backtest.ts) at the size of the
// reference universe: 10 signals over 1,677 tickers x 2,520 days of synthetic prices (seeded
// GBM closes, opens gapped from the last close, 1% of opens missing), on one core.
// 1. 5 target-weight signals, each bar long all-in or flat at random (a trade every other
//    bar or so: the worst case for the journal), and 5 env-action signals, uniform over 0..8;
// 2. each signal becomes next-open orders (untimed), then one `runBacktest` call over all
//    tickers is timed: fills, 5 bps commission + 2 bps slippage, marking, the trade journal,
//    exposure and turnover; the 10 calls share one BacktestWorkspace, as a stage running
//    several signals does, so the per-bar arrays and the journal are allocated once;
// 3. prints bar-steps/s (ticker-bars replayed per second, summed over the 10 signals; target
//    >= 20,000,000), wall and per CPU-second of the process, after untimed warm-up calls
//    (100 tickers for the JIT, then the whole universe into the workspace), and, for scale,
//    the rate of that first full call, which pays for touching fresh memory.
// `node test/bench/backtest-throughput.js [--json]` (needs `npx tsc -p tsconfig.json` or
// `npm run build`); run by `npm run bench --only=backtest`.
import { RandomStream } from '../../dist/src/quant/data/random-stream.js';
import { ordersFromSignals } from '../../dist/src/quant/backtest/orders-from-signals.js';
import { BacktestWorkspace } from '../../dist/src/quant/backtest/backtest-workspace.js';
import { runBacktest } from '../../dist/src/quant/backtest/run-backtest.js';

const TICKERS = Number(process.env.TRADELAB_BENCH_TICKERS ?? 1677);
const DAYS = 2520;
const SIGNALS = 10;
const asJson = process.argv.includes('--json');

function prices(ticker) {
  const random = new RandomStream(11, ticker);
  const open = new Float64Array(DAYS);
  const close = new Float64Array(DAYS);
  let last = 20 + 100 * random.nextFloat();
  for (let t = 0; t < DAYS; t++) {
    open[t] = random.nextFloat() < 0.01 ? NaN : last * Math.exp(0.003 * random.nextNormal());
    last *= Math.exp(0.0003 + 0.015 * random.nextNormal());
    close[t] = last;
  }
  return { open, close };
}

function signals(k, ticker) {
  const random = new RandomStream(100 + k, ticker);
  if (k < SIGNALS / 2) return Float64Array.from({ length: DAYS }, () => (random.nextUint32() < 0x8000_0000 ? 1 : 0));
  return Int8Array.from({ length: DAYS }, () => random.nextUint32() % 9);
}

const markets = Array.from({ length: TICKERS }, (_, i) => prices(i));
const tickersFor = (k, count) => markets.slice(0, count).map((m, i) => ({ ...m, orders: ordersFromSignals(signals(k, i), { fill: 'next-open' }).orders }));
const workspace = new BacktestWorkspace();
const costs = { costBps: 5, slippageBps: 2, fillAt: 'open', workspace };

// Warm-up: the JIT on a few tickers, then the shared workspace's memory on the whole universe.
for (const k of [0, SIGNALS - 1]) runBacktest({ tickers: tickersFor(k, 100), costBps: 5, slippageBps: 2 });
const first = performance.now();
runBacktest({ tickers: tickersFor(0, TICKERS), ...costs });
const firstSeconds = (performance.now() - first) / 1000;

// Every signal's orders up front (~200 MB), so no garbage of building them is collected in a timed call.
const runs = Array.from({ length: SIGNALS }, (_, k) => tickersFor(k, TICKERS));
let seconds = 0;
let cpuSeconds = 0;
let trades = 0;
const perKind = { weight: 0, action: 0 };
for (let k = 0; k < SIGNALS; k++) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = runBacktest({ tickers: runs[k], ...costs });
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  cpuSeconds += (used.user + used.system) / 1e6;
  seconds += elapsed;
  trades += result.trades.count;
  perKind[k < SIGNALS / 2 ? 'weight' : 'action'] += elapsed;
}
const barSteps = SIGNALS * TICKERS * DAYS;
const label = `backtest, ${SIGNALS} signals x ${TICKERS} tickers x ${DAYS} days, 5 + 2 bps costs, next-open fills, ${(trades / 1e6).toFixed(2)} M trades journaled`;
const half = barSteps / 2;
const results = [
  { name: label, value: Math.round(barSteps / seconds), unit: 'bar-steps/s', target: '>= 20,000,000' },
  { name: '  the same per CPU-second of this process (less sensitive to a loaded machine)', value: Math.round(barSteps / cpuSeconds), unit: 'bar-steps/s' },
  { name: '  random 0/1 target weights', value: Math.round(half / perKind.weight), unit: 'bar-steps/s' },
  { name: '  random env actions', value: Math.round(half / perKind.action), unit: 'bar-steps/s' },
  { name: '  for scale: the first call, into fresh memory (untimed above)', value: Math.round((TICKERS * DAYS) / firstSeconds), unit: 'bar-steps/s' },
];
if (asJson) console.log(JSON.stringify(results));
else for (const r of results) console.log(`${r.name}: ${(r.value / 1e6).toFixed(2)} M ${r.unit}${r.target ? ` (target ${r.target})` : ''}`);
