/**
 * How a backtest fills and charges orders, with its defaults and checks.
 *
 * Costs follow the trading environment's convention (src/quant/rl/env-portfolio.ts) so an
 * RL agent's actions replay to the same equity: slippage s = slippageBps / 1e4 moves the
 * fill against the trader (a buy at P (1 + s), a sell at P (1 - s), P the quoted price) and
 * commission c = costBps / 1e4 is charged on the traded value at that slipped price. A buy
 * of q shares therefore costs q P (1 + s)(1 + c) and a sell brings q P (1 - s)(1 - c).
 */
import { BacktestInputError } from './backtest-input-error.js';

/** Where orders fill: at their bar's open (its close when the open is missing), or at its close. */
export type FillAt = 'open' | 'close';

/** Options of `runBacktest`. Costs have no default: a backtest says what it charges. */
export interface BacktestOptions {
  /** Commission in basis points of the traded value at the fill price (>= 0, < 10,000). */
  costBps: number;
  /** Slippage in basis points: buys fill at P (1 + s), sells at P (1 - s) (>= 0, < 10,000). */
  slippageBps: number;
  /** 'open' (default): orders[t] fills at open[t], or close[t] when the open is NaN; 'close': at close[t]. */
  fillAt?: FillAt;
  /** Weight orders may be in [-1, 0) (short). Default false: weights in [0, 1]. */
  allowShort?: boolean;
  /** Capital of each ticker's account (> 0). Default 1. */
  initialCash?: number;
  /** Close any position at the last bar's close, with costs. Default false: marked to market and reported open. */
  liquidateAtEnd?: boolean;
}

/** `BacktestOptions` with every default filled in. */
export type ResolvedBacktestOptions = Required<BacktestOptions>;

/** The options with defaults; throws a `BacktestInputError` naming the first bad field. */
export function resolveBacktestOptions(options: BacktestOptions): ResolvedBacktestOptions {
  const resolved: ResolvedBacktestOptions = {
    costBps: options.costBps,
    slippageBps: options.slippageBps,
    fillAt: options.fillAt ?? 'open',
    allowShort: options.allowShort ?? false,
    initialCash: options.initialCash ?? 1,
    liquidateAtEnd: options.liquidateAtEnd ?? false,
  };
  const bps = (field: 'costBps' | 'slippageBps'): void => {
    const x = resolved[field];
    if (!(Number.isFinite(x) && x >= 0 && x < 10_000)) {
      throw new BacktestInputError(`backtest option ${field}: expected a number of basis points in [0, 10000), found ${String(x)}`, '5 means 0.05% of the traded value');
    }
  };
  bps('costBps');
  bps('slippageBps');
  if (resolved.fillAt !== 'open' && resolved.fillAt !== 'close') {
    throw new BacktestInputError(`backtest option fillAt: expected 'open' or 'close', found ${JSON.stringify(resolved.fillAt)}`, "use 'open' for next-open fills (ordersFromSignals with fill: 'next-open')");
  }
  if (!(Number.isFinite(resolved.initialCash) && resolved.initialCash > 0)) {
    throw new BacktestInputError(`backtest option initialCash: expected a finite number > 0, found ${String(resolved.initialCash)}`, 'returns do not depend on it; 1 is the default');
  }
  return resolved;
}
