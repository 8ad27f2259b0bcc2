/**
 * Metrics of CLOSED trades from their net P&L in currency (costs included):
 * 1. count, wins (net P&L > 0), losses (net P&L < 0); a trade at exactly 0 is neither but
 *    still counts as a trade, so it lowers the win rate;
 * 2. win rate = wins / count;
 * 3. profit factor = gross winning P&L / |gross losing P&L|;
 * 4. average, best and worst trade.
 * Degenerate cases: no trades gives NaN for every ratio and extreme (count 0); wins and no
 * losses gives profit factor +Infinity (the conventional reading: nothing was lost), losses
 * and no wins gives 0, and no wins and no losses (all trades at 0) gives NaN.
 */
import { requireFinite } from './metrics-input-error.js';

/** What `tradeMetrics` reports. */
export interface TradeMetrics {
  /** Closed trades. */
  count: number;
  /** Closed trades with net P&L > 0. */
  wins: number;
  /** Closed trades with net P&L < 0. */
  losses: number;
  /** wins / count; NaN with no trades. */
  winRate: number;
  /** Sum of the winning trades' P&L (>= 0). */
  grossProfit: number;
  /** Sum of the losing trades' P&L (<= 0). */
  grossLoss: number;
  /** grossProfit / |grossLoss|; +Infinity with wins and no losses, NaN with neither. */
  profitFactor: number;
  /** Mean net P&L per trade; NaN with no trades. */
  averageTrade: number;
  /** Largest net P&L; NaN with no trades. */
  bestTrade: number;
  /** Smallest net P&L; NaN with no trades. */
  worstTrade: number;
}

/** Metrics of the closed trades whose net P&L (currency, after costs) is `netPnl`. */
export function tradeMetrics(netPnl: Float64Array): TradeMetrics {
  requireFinite(netPnl, 'tradeMetrics', 'netPnl');
  const count = netPnl.length;
  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let total = 0;
  let best = -Infinity;
  let worst = Infinity;
  for (let i = 0; i < count; i++) {
    const p = netPnl[i]!;
    if (p > 0) {
      wins++;
      grossProfit += p;
    } else if (p < 0) {
      losses++;
      grossLoss += p;
    }
    total += p;
    if (p > best) best = p;
    if (p < worst) worst = p;
  }
  return {
    count,
    wins,
    losses,
    winRate: count > 0 ? wins / count : NaN,
    grossProfit,
    grossLoss,
    profitFactor: profitFactor(grossProfit, grossLoss),
    averageTrade: count > 0 ? total / count : NaN,
    bestTrade: count > 0 ? best : NaN,
    worstTrade: count > 0 ? worst : NaN,
  };
}

function profitFactor(grossProfit: number, grossLoss: number): number {
  if (grossLoss < 0) return grossProfit / -grossLoss;
  return grossProfit > 0 ? Infinity : NaN;
}
