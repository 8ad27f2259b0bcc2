/**
 * A synthetic `EnvMarket` for tests and benchmarks: per ticker a geometric random walk of
 * closes, opens one small step away (NaN with probability `missingOpen`), standard-normal
 * features, and a chronological split of each ticker's rows into train, a purge gap, val,
 * a gap and test. Every ticker draws from its own `RandomStream(seed, ticker)`.
 */
import { RandomStream } from '../data/random-stream.js';
import { createEnvMarket, type EnvMarket } from './env-market.js';

/** Shape of a synthetic market. */
export interface SyntheticEnvMarketOptions {
  /** Tickers (integer >= 1). */
  tickers: number;
  /** Rows per ticker (integer >= 1). */
  rows: number;
  /** Features per row (integer >= 1). */
  featureCount: number;
  seed: number;
  /** Fractions of each ticker's rows in train and val; test takes the rest. Default [0.6, 0.2]. */
  split?: readonly [train: number, val: number];
  /** Rows at each segment boundary left outside every segment (segment -1). Default 5. */
  gap?: number;
  /** Per-bar volatility of log closes. Default 0.01. */
  volatility?: number;
  /** Probability that a row's open is missing (NaN). Default 0. */
  missingOpen?: number;
  /** First date, days since 1970-01-01; rows are consecutive days. Default 10,957 (2000-01-01). */
  firstDate?: number;
  /**
   * A planted signal in [0, 1): feature 0 of row t is the standardized shock of the NEXT bar's
   * log close-to-close return with this correlation (r_{t+1} = vol (s z_t + √(1−s²) ε)), so a
   * policy that reads it can beat buy-and-hold; 0 (default) is a pure random walk.
   */
  signal?: number;
}

/** Builds and checks the market. */
export function syntheticEnvMarket(options: SyntheticEnvMarketOptions): EnvMarket {
  const { tickers, rows, featureCount } = options;
  const total = tickers * rows;
  const market = {
    tickerStart: Int32Array.from({ length: tickers + 1 }, (_, k) => k * rows),
    dates: new Int32Array(total),
    open: new Float64Array(total),
    close: new Float64Array(total),
    features: new Float32Array(total * featureCount),
    featureCount,
    segment: new Int8Array(total),
  };
  for (let k = 0; k < tickers; k++) fillTicker(market, options, k);
  return createEnvMarket(market);
}

function fillTicker(m: EnvMarket, o: SyntheticEnvMarketOptions, k: number): void {
  const random = new RandomStream(o.seed, k);
  const volatility = o.volatility ?? 0.01;
  const [trainShare, valShare] = o.split ?? [0.6, 0.2];
  const gap = o.gap ?? 5;
  const trainEnd = Math.floor(o.rows * trainShare);
  const valEnd = Math.floor(o.rows * (trainShare + valShare));
  const signal = o.signal ?? 0;
  const noise = Math.sqrt(1 - signal * signal);
  let logClose = Math.log(50 + 50 * random.nextFloat());
  let predictor = 0;
  for (let t = 0; t < o.rows; t++) {
    const r = k * o.rows + t;
    const previous = logClose;
    logClose += volatility * (signal * predictor + noise * random.nextNormal());
    m.dates[r] = (o.firstDate ?? 10_957) + t;
    m.close[r] = Math.exp(logClose);
    m.open[r] = random.nextFloat() < (o.missingOpen ?? 0) ? NaN : Math.exp(previous + 0.5 * volatility * random.nextNormal());
    for (let j = 0; j < o.featureCount; j++) m.features[r * o.featureCount + j] = random.nextNormal();
    predictor = m.features[r * o.featureCount]!;
    m.segment[r] = t < trainEnd ? 0 : t < trainEnd + gap ? -1 : t < valEnd ? 1 : t < valEnd + gap ? -1 : 2;
  }
}
