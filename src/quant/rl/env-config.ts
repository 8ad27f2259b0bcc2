/**
 * What a trading environment is configured by, its defaults and their checks.
 *
 * The reward for a step is
 *   log(E_{t+1} / E_t)                            change in log equity, net of every cost
 *   + dsrWeight * D_t                             differential Sharpe ratio (Moody & Saffell)
 *   - drawdownWeight * max(0, DD_{t+1} - DD_t)    growth of the drawdown from the peak
 *   + consistencyWeight * min(run, cap) / cap     only when the step's net return is > 0
 * The defaults keep the log-equity term dominant: on daily bars a full position moves
 * log equity by ~1e-2 a step, D_t is of the same order, so 0.1 makes it a tenth of the signal.
 */

/** Configuration of a `TradingEnv`; every field has a default in `DEFAULT_ENV_CONFIG`. */
export interface EnvConfig {
  /** Feature rows in the observation window, the current row included (integer >= 1). Default 20. */
  lookback: number;
  /**
   * 'window': the last `lookback` feature rows, oldest first; 'last-row': only the current
   * row. Either way the 15 portfolio-state values follow. Default 'window'.
   */
  observation: 'window' | 'last-row';
  /** Decisions (steps) in a training episode; the episode spans `episodeSteps + 1` bars (integer >= 1). Default 256. */
  episodeSteps: number;
  /** Cash at the start of every episode (> 0). Default 100,000. */
  initialCash: number;
  /** Commission in basis points of the traded value at the fill price (>= 0, < 10,000). Default 5. */
  commissionBps: number;
  /** Slippage in basis points: buys fill at price x (1 + s), sells at price x (1 - s) (>= 0, < 10,000). Default 5. */
  slippageBps: number;
  /** Sell the whole position at the last bar's close, with costs, when an episode ends; else mark to market. Default false. */
  liquidateAtEnd: boolean;
  /** Adaptation rate eta of the differential Sharpe ratio's running moments A and B (0 < eta < 1). Default 0.01. */
  dsrEta: number;
  /** D_t is 0 while B - A^2 (the running variance) is <= this, so the first steps do not divide by ~0 (>= 0). Default 1e-5. */
  dsrMinVariance: number;
  /** Weight of the differential Sharpe ratio in the reward (>= 0). Default 0.1. */
  dsrWeight: number;
  /** Weight of the drawdown's increase (a fraction of the peak equity) in the reward (>= 0). Default 0.1. */
  drawdownWeight: number;
  /** Weight of the positive-run bonus min(run, cap) / cap in the reward (>= 0). Default 1e-4. */
  consistencyWeight: number;
  /** Run length at which the positive-run bonus stops growing (integer >= 1). Default 10. */
  consistencyCap: number;
  /** Span of the exponential averages behind the rolling return and volatility: alpha = 2 / (span + 1) (>= 1). Default 20. */
  rollingSpan: number;
  /** Bar counts in the observation are min(bars, barScale) / barScale (integer >= 1). Default 64. */
  barScale: number;
}

/** The defaults, documented field by field on `EnvConfig`. */
export const DEFAULT_ENV_CONFIG: Readonly<EnvConfig> = Object.freeze({
  lookback: 20,
  observation: 'window',
  episodeSteps: 256,
  initialCash: 100_000,
  commissionBps: 5,
  slippageBps: 5,
  liquidateAtEnd: false,
  dsrEta: 0.01,
  dsrMinVariance: 1e-5,
  dsrWeight: 0.1,
  drawdownWeight: 0.1,
  consistencyWeight: 1e-4,
  consistencyCap: 10,
  rollingSpan: 20,
  barScale: 64,
});

/** `DEFAULT_ENV_CONFIG` overridden by `overrides`; throws a RangeError naming every bad field. */
export function resolveEnvConfig(overrides: Partial<EnvConfig> = {}): EnvConfig {
  const c: EnvConfig = { ...DEFAULT_ENV_CONFIG, ...overrides };
  const bad = Object.keys(overrides)
    .filter((key) => !(key in DEFAULT_ENV_CONFIG))
    .map((key) => `unknown field '${key}'; the fields are ${Object.keys(DEFAULT_ENV_CONFIG).join(', ')}`);
  const check = (ok: boolean, field: keyof EnvConfig, rule: string): void => {
    if (!ok) bad.push(`${field} must be ${rule}, got ${JSON.stringify(c[field])}`);
  };
  const int = (x: number, min: number): boolean => Number.isInteger(x) && x >= min;
  const finite = (x: number, min: number, below = Infinity): boolean => Number.isFinite(x) && x >= min && x < below;
  check(int(c.lookback, 1), 'lookback', 'an integer >= 1');
  check(c.observation === 'window' || c.observation === 'last-row', 'observation', "'window' or 'last-row'");
  check(int(c.episodeSteps, 1), 'episodeSteps', 'an integer >= 1');
  check(finite(c.initialCash, Number.MIN_VALUE), 'initialCash', 'finite and > 0');
  check(finite(c.commissionBps, 0, 10_000), 'commissionBps', '>= 0 and < 10000');
  check(finite(c.slippageBps, 0, 10_000), 'slippageBps', '>= 0 and < 10000');
  check(typeof c.liquidateAtEnd === 'boolean', 'liquidateAtEnd', 'a boolean');
  check(finite(c.dsrEta, Number.MIN_VALUE, 1), 'dsrEta', '> 0 and < 1');
  for (const field of ['dsrMinVariance', 'dsrWeight', 'drawdownWeight', 'consistencyWeight'] as const) check(finite(c[field], 0), field, 'finite and >= 0');
  check(int(c.consistencyCap, 1), 'consistencyCap', 'an integer >= 1');
  check(finite(c.rollingSpan, 1), 'rollingSpan', 'finite and >= 1');
  check(int(c.barScale, 1), 'barScale', 'an integer >= 1');
  if (bad.length > 0) throw new RangeError(`bad trading environment config:\n  ${bad.join('\n  ')}`);
  return c;
}
