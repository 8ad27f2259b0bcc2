/**
 * The metrics of a strategy from a backtest, per ticker and for the equal-weight portfolio:
 * the return metrics (src/quant/metrics, the single source of their definitions) of the
 * per-bar returns, the trade metrics of the CLOSED trades' net P&L, and the activity figures
 * of the backtest: exposure, annual turnover (total one-way turnover / years), trades.
 * Portfolio trade metrics pool every ticker's closed trades (each in its own account's
 * currency); its exposure and turnover are the means over tickers.
 */
import { returnMetrics, type ReturnMetrics } from '../metrics/return-metrics.js';
import { tradeMetrics } from '../metrics/trade-metrics.js';
import type { PerformanceConventions } from '../metrics/performance-conventions.js';
import type { BacktestResult } from './run-backtest.js';

export interface StrategyMetrics extends ReturnMetrics {
  /** Fraction of bars closed with a position. */
  exposure: number;
  /** One-way traded value / equity per year. */
  turnover: number;
  /** Trades opened (closed and still open). */
  trades: number;
  /** Closed trades. */
  closedTrades: number;
  winRate: number;
  profitFactor: number;
  averageTrade: number;
  bestTrade: number;
  worstTrade: number;
  /** Commission and slippage paid, in account currency. */
  fees: number;
  slippage: number;
}

/** Metrics of ticker `i` of `result`. */
export function tickerMetrics(result: BacktestResult, i: number, conventions: PerformanceConventions): StrategyMetrics {
  const from = result.offsets[i]!;
  const to = result.offsets[i + 1]!;
  const years = (to - from) / conventions.periodsPerYear;
  return {
    ...returnMetrics(result.returns.subarray(from, to), conventions),
    ...closedTradeMetrics(result, result.tradeOffsets[i]!, result.tradeOffsets[i + 1]!),
    exposure: result.exposure[i]!,
    turnover: years > 0 ? result.turnover[i]! / years : Number.NaN,
    trades: result.tradeCount[i]!,
    fees: result.fees[i]!,
    slippage: result.slippage[i]!,
  };
}

/** Metrics of the equal-weight portfolio whose per-date returns are `returns`. */
export function portfolioMetrics(result: BacktestResult, returns: Float64Array, conventions: PerformanceConventions): StrategyMetrics {
  const tickers = result.exposure.length;
  const mean = (values: ArrayLike<number>, scale: (i: number) => number = () => 1): number => {
    let sum = 0;
    for (let i = 0; i < tickers; i++) sum += values[i]! * scale(i);
    return tickers > 0 ? sum / tickers : Number.NaN;
  };
  const years = (i: number): number => (result.offsets[i + 1]! - result.offsets[i]!) / conventions.periodsPerYear;
  const sum = (values: ArrayLike<number>): number => {
    let total = 0;
    for (let i = 0; i < values.length; i++) total += values[i]!;
    return total;
  };
  return {
    ...returnMetrics(returns, conventions),
    ...closedTradeMetrics(result, 0, result.trades.count),
    exposure: mean(result.exposure),
    turnover: mean(result.turnover, (i) => (years(i) > 0 ? 1 / years(i) : Number.NaN)),
    trades: sum(result.tradeCount),
    fees: sum(result.fees),
    slippage: sum(result.slippage),
  };
}

function closedTradeMetrics(result: BacktestResult, from: number, to: number): Pick<StrategyMetrics, 'closedTrades' | 'winRate' | 'profitFactor' | 'averageTrade' | 'bestTrade' | 'worstTrade'> {
  const { exitBar, netPnl } = result.trades;
  const closed: number[] = [];
  for (let k = from; k < to; k++) if (exitBar[k]! >= 0) closed.push(netPnl[k]!);
  const m = tradeMetrics(Float64Array.from(closed));
  return { closedTrades: m.count, winRate: m.winRate, profitFactor: m.profitFactor, averageTrade: m.averageTrade, bestTrade: m.bestTrade, worstTrade: m.worstTrade };
}
