import { parseIsoDay } from './price-table.js';

/** A market-wide two-state Markov chain that scales every ticker's daily volatility. */
export interface MarketRegimes {
  /** Volatility multiplier in the calm state (default 1). */
  calm?: number;
  /** Volatility multiplier in the turbulent state (default 2.5). */
  turbulent?: number;
  /** Daily probability of switching state, either way (default 0.02: spells of ~50 days). */
  switchProbability?: number;
}

/** A feature z_t, published as the `signal` column, that predicts the next day's log return. */
export interface PlantedSignalOptions {
  /** rho in [0, 1): the correlation of z_t with r_{t+1} (with constant volatility). */
  strength: number;
}

export interface SyntheticMarketOptions {
  /** Integer seed; the same options always give the same market. */
  seed: number;
  /** Number of tickers, named SYN0001, SYN0002, ... */
  tickers: number;
  /** Trading days (weekdays) per ticker, at least 2. */
  days: number;
  /** First trading day, YYYY-MM-DD (default 2000-01-03); a weekend moves to the next Monday. */
  start?: string;
  /** Annual GBM drift (default 0.07); the mean daily log return is (drift - volatility^2 / 2) / 252. */
  drift?: number;
  /** Annual volatility, > 0 (default 0.2). */
  volatility?: number;
  /** Calm/turbulent volatility regimes; none when omitted. */
  regimes?: MarketRegimes;
  /** A planted, known-strength signal; none when omitted. */
  signal?: PlantedSignalOptions;
  /**
   * `null`: a pure random walk whatever else is set (iid returns, constant volatility, no
   * regimes, strength 0), still publishing `signal` (as pure noise) when one is asked for,
   * so a "finds nothing" test runs the same features as its "finds the signal" twin.
   */
  mode?: 'market' | 'null';
}

/** Options with defaults filled and checked. */
export interface ResolvedMarketOptions {
  seed: number;
  tickers: number;
  days: number;
  start: string;
  mode: 'market' | 'null';
  dailyLogDrift: number;
  dailyVolatility: number;
  regimes: Required<MarketRegimes> | null;
  /** Whether the `signal` column is published. */
  signal: boolean;
  /** rho actually used: 0 in null mode or without a signal. */
  strength: number;
}

const TRADING_DAYS = 252;
const MAX_ROWS = 2 ** 31 - 1;
// |log price| must stay far from 709, where exp() overflows (or, negated, underflows to 0).
const MAX_LOG_MOVE = 600;

/** Fills defaults and checks every option; throws a RangeError naming the first bad one. */
export function resolveMarketOptions(options: SyntheticMarketOptions): ResolvedMarketOptions {
  const { seed, tickers, days } = options;
  const mode = options.mode ?? 'market';
  const start = options.start ?? '2000-01-03';
  const drift = options.drift ?? 0.07;
  const volatility = options.volatility ?? 0.2;
  check(Number.isSafeInteger(seed), `seed must be an integer, got ${seed}`);
  check(Number.isInteger(tickers) && tickers >= 1, `tickers must be an integer >= 1, got ${tickers}`);
  check(Number.isInteger(days) && days >= 2, `days must be an integer >= 2, got ${days}`);
  check(tickers * days <= MAX_ROWS, `tickers x days must be at most ${MAX_ROWS} rows, got ${tickers * days}`);
  check(mode === 'market' || mode === 'null', `mode must be 'market' or 'null', got '${String(mode)}'`);
  check(!Number.isNaN(parseIsoDay(start)), `start must be a YYYY-MM-DD date, got '${start}'`);
  check(Number.isFinite(drift), `drift must be a finite number, got ${drift}`);
  check(Number.isFinite(volatility) && volatility > 0, `volatility must be > 0, got ${volatility}`);
  const strength = options.signal?.strength ?? 0;
  check(Number.isFinite(strength) && strength >= 0 && strength < 1, `signal.strength must be in [0, 1), got ${strength}`);
  const regimes = mode === 'null' || options.regimes === undefined ? null : resolveRegimes(options.regimes);
  const resolved: ResolvedMarketOptions = {
    seed,
    tickers,
    days,
    start,
    mode,
    dailyLogDrift: (drift - (volatility * volatility) / 2) / TRADING_DAYS,
    dailyVolatility: volatility / Math.sqrt(TRADING_DAYS),
    regimes,
    signal: options.signal !== undefined,
    strength: mode === 'null' ? 0 : strength,
  };
  checkPriceRange(resolved);
  return resolved;
}

function resolveRegimes(regimes: MarketRegimes): Required<MarketRegimes> {
  const resolved = { calm: regimes.calm ?? 1, turbulent: regimes.turbulent ?? 2.5, switchProbability: regimes.switchProbability ?? 0.02 };
  check(Number.isFinite(resolved.calm) && resolved.calm > 0, `regimes.calm must be > 0, got ${resolved.calm}`);
  check(Number.isFinite(resolved.turbulent) && resolved.turbulent > 0, `regimes.turbulent must be > 0, got ${resolved.turbulent}`);
  const p = resolved.switchProbability;
  check(Number.isFinite(p) && p >= 0 && p <= 1, `regimes.switchProbability must be in [0, 1], got ${p}`);
  return resolved;
}

// Drift plus ten standard deviations of the walk must keep log prices (and so every price) finite and > 0.
function checkPriceRange(options: ResolvedMarketOptions): void {
  const k = options.regimes === null ? 1 : Math.max(options.regimes.calm, options.regimes.turbulent);
  const move = Math.abs(options.dailyLogDrift) * options.days + 10 * options.dailyVolatility * k * Math.sqrt(options.days) + 10;
  check(move < MAX_LOG_MOVE, `drift, volatility and days let prices leave double range (log moves up to ${move.toFixed(0)}); lower one of them`);
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new RangeError(`generateMarket: ${message}`);
}
