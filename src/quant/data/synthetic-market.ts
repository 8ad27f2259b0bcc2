/**
 * A seeded synthetic market whose truth is known, for tests of models that must find a
 * planted signal and must find nothing in noise:
 *
 * 1. a market-wide calm/turbulent regime path (a symmetric two-state Markov chain), if asked;
 * 2. per ticker, its own random stream: a start price, a volume level, then per day a
 *    planted feature z_t ~ N(0, 1) (iid: no autocorrelation) and the day's shocks;
 * 3. log closes follow r_t = mu + sigma * k_t * (rho * z_{t-1} + sqrt(1 - rho^2) * eps_t),
 *    so corr(z_t, r_{t+1}) = rho (times E[k]/sqrt(E[k^2]) when the regimes vary k);
 * 4. open, high, low and volume are drawn around each close so that
 *    0 < low <= min(open, close) <= max(open, close) <= high and volume >= 1 is an integer.
 *
 * Same options, same typed arrays, on every platform (see `RandomStream`).
 */
import { parseIsoDay, tickerOffsets, type PriceTable } from './price-table.js';
import { RandomStream } from './random-stream.js';
import { resolveMarketOptions, type ResolvedMarketOptions, type SyntheticMarketOptions } from './synthetic-market-options.js';
import { weekdayCalendar } from './weekday-calendar.js';

export type { MarketRegimes, PlantedSignalOptions, SyntheticMarketOptions } from './synthetic-market-options.js';

/** What was planted, so a test can compare what a model found with the truth. */
export interface PlantedTruth {
  /** `null`: a pure random walk (iid returns, constant volatility, no regimes, strength 0). */
  mode: 'market' | 'null';
  /** Mean daily log return: (drift - volatility^2 / 2) / 252. */
  dailyLogDrift: number;
  /** Daily volatility before the regime multiplier: volatility / sqrt(252). */
  dailyVolatility: number;
  /** The realized regime path, one entry per trading day (0 calm, 1 turbulent); null without regimes. */
  regimes: { calm: number; turbulent: number; switchProbability: number; path: Uint8Array } | null;
  /** The planted feature, published as `extra.get(column)`; null when no signal was asked for. */
  signal: {
    column: 'signal';
    /** rho in r_{t+1} = mu + sigma_{t+1} * (rho * z_t + sqrt(1 - rho^2) * eps_{t+1}); 0 in null mode. */
    strength: number;
    /** corr(z_t, r_{t+1}) given the realized regime path: rho * mean(k) / sqrt(mean(k^2)) over return days. */
    expectedCorrelation: number;
  } | null;
}

export interface SyntheticMarket {
  prices: PriceTable;
  /** Extra per-row columns aligned with `prices` rows: `signal` (z_t) when a signal was asked for. */
  extra: Map<string, Float64Array>;
  planted: PlantedTruth;
}

/** Half-widths of the intraday moves, in units of the day's return volatility. */
const OPEN_GAP = 0.3;
const RANGE = 0.5;
const VOLUME_NOISE = 0.3;
/** Normals per ticker-day: z, eps, open gap, high reach, low reach, volume noise. */
const DRAWS_PER_DAY = 6;

/** Output columns that one ticker's loop fills. */
interface MarketColumns {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** z_t per row; null when no signal column is published (z is drawn all the same). */
  signal: Float64Array | null;
}

export function generateMarket(options: SyntheticMarketOptions): SyntheticMarket {
  const config = resolveMarketOptions(options);
  const { tickers, days } = config;
  const calendar = weekdayCalendar(parseIsoDay(config.start), days);
  const path = config.regimes === null ? null : regimePath(config.seed, days, config.regimes.switchProbability);
  const multiplier = new Float64Array(days).fill(1);
  if (path !== null && config.regimes !== null) {
    for (let t = 0; t < days; t++) multiplier[t] = path[t] === 1 ? config.regimes.turbulent : config.regimes.calm;
  }
  const rows = tickers * days;
  const columns: MarketColumns = {
    open: new Float64Array(rows),
    high: new Float64Array(rows),
    low: new Float64Array(rows),
    close: new Float64Array(rows),
    volume: new Float64Array(rows),
    signal: config.signal ? new Float64Array(rows) : null,
  };
  const ticker = new Int32Array(rows);
  const date = new Int32Array(rows);
  for (let i = 0; i < tickers; i++) {
    ticker.fill(i, i * days, (i + 1) * days);
    date.set(calendar, i * days);
    generateTicker(config, i, multiplier, columns);
  }
  const { signal, ...prices } = columns;
  return {
    prices: {
      tickers: tickerNames(tickers),
      ticker,
      date,
      ...prices,
      offsets: tickerOffsets(ticker, tickers),
      has: { open: true, high: true, low: true, volume: true },
    },
    extra: signal === null ? new Map() : new Map([['signal', signal]]),
    planted: plantedTruth(config, path, multiplier),
  };
}

/** `SYN0001`, `SYN0002`, ...: fixed width, so name order is number order. */
function tickerNames(count: number): string[] {
  const width = Math.max(4, String(count).length);
  return Array.from({ length: count }, (_, i) => `SYN${String(i + 1).padStart(width, '0')}`);
}

// Stream 0 is the market's; ticker i draws from stream i + 1.
function regimePath(seed: number, days: number, switchProbability: number): Uint8Array {
  const random = new RandomStream(seed, 0);
  const path = new Uint8Array(days);
  let state = random.nextFloat() < 0.5 ? 0 : 1; // the chain's stationary distribution
  for (let t = 0; t < days; t++) {
    if (t > 0 && random.nextFloat() < switchProbability) state = 1 - state;
    path[t] = state;
  }
  return path;
}

// Draws per day, always all six and in this order, so one option never shifts another's numbers.
function generateTicker(config: ResolvedMarketOptions, index: number, multiplier: Float64Array, out: MarketColumns): void {
  const random = new RandomStream(config.seed, index + 1);
  const startPrice = 10 * Math.exp(random.nextFloat() * Math.log(20)); // 10 .. 200
  const baseVolume = 1e5 * Math.exp(random.nextFloat() * Math.log(100)); // 1e5 .. 1e7
  const rho = config.strength;
  const rest = Math.sqrt(1 - rho * rho);
  const mu = config.dailyLogDrift;
  let logClose = Math.log(startPrice);
  let previousClose = startPrice;
  let previousZ = 0;
  const { days, dailyVolatility } = config;
  const { open: opens, high: highs, low: lows, close: closes, volume: volumes, signal: signals } = out;
  const first = index * days;
  const normals = new Float64Array(DRAWS_PER_DAY * days);
  random.fillNormal(normals);
  for (let t = 0; t < days; t++) {
    const at = DRAWS_PER_DAY * t;
    const z = normals[at]!;
    const eps = normals[at + 1]!;
    const gap = normals[at + 2]!;
    const up = normals[at + 3]!;
    const down = normals[at + 4]!;
    const noise = normals[at + 5]!;
    const scale = dailyVolatility * multiplier[t]!;
    const shock = rho * previousZ + rest * eps;
    if (t > 0) logClose += mu + scale * shock;
    const close = Math.exp(logClose);
    const open = previousClose * Math.exp(OPEN_GAP * scale * gap);
    const row = first + t;
    opens[row] = open;
    closes[row] = close;
    highs[row] = Math.max(open, close) * Math.exp(RANGE * scale * Math.abs(up));
    lows[row] = Math.min(open, close) * Math.exp(-RANGE * scale * Math.abs(down));
    volumes[row] = Math.max(1, Math.round(baseVolume * multiplier[t]! * Math.exp(VOLUME_NOISE * (noise + Math.abs(shock)))));
    if (signals !== null) signals[row] = z;
    previousZ = z;
    previousClose = close;
  }
}

function plantedTruth(config: ResolvedMarketOptions, path: Uint8Array | null, multiplier: Float64Array): PlantedTruth {
  let sum = 0;
  let sumSquares = 0;
  for (let t = 1; t < config.days; t++) {
    sum += multiplier[t]!;
    sumSquares += multiplier[t]! ** 2;
  }
  const returnDays = config.days - 1;
  return {
    mode: config.mode,
    dailyLogDrift: config.dailyLogDrift,
    dailyVolatility: config.dailyVolatility,
    regimes: config.regimes === null || path === null ? null : { ...config.regimes, path },
    signal: config.signal
      ? { column: 'signal', strength: config.strength, expectedCorrelation: (config.strength * sum) / Math.sqrt(returnDays * sumSquares) }
      : null,
  };
}
