// Baseline step 3: total return of the momentum rule vs buy-and-hold per ticker, with a
// cost in basis points charged on every position change. Writes JSON and prints a verdict.
// Usage: node compare-buy-and-hold.mjs <signals.csv> <cost_bps> <out.json>
import { readFileSync, writeFileSync } from 'node:fs';

const [input, costText, output] = process.argv.slice(2);
const cost = Number(costText) / 1e4;
const byTicker = new Map();
for (const line of readFileSync(input, 'utf8').trim().split('\n').slice(1)) {
  const [, ticker, ret, position] = line.split(',');
  if (ret === '') continue;
  const s = byTicker.get(ticker) ?? { hold: 1, strategy: 1, last: 0, trades: 0 };
  const p = Number(position);
  const fee = p !== s.last ? cost : 0;
  s.trades += p !== s.last ? 1 : 0;
  s.hold *= 1 + Number(ret);
  s.strategy *= (1 + p * Number(ret)) * (1 - fee);
  s.last = p;
  byTicker.set(ticker, s);
}
const tickers = [...byTicker].map(([ticker, s]) => ({
  ticker,
  buy_and_hold_return: s.hold - 1,
  momentum_return: s.strategy - 1,
  trades: s.trades,
}));
const wins = tickers.filter((t) => t.momentum_return > t.buy_and_hold_return).length;
const verdict =
  wins > tickers.length / 2
    ? `momentum beat buy-and-hold on ${wins} of ${tickers.length} tickers (no significance test yet)`
    : `momentum did NOT beat buy-and-hold: it won on ${wins} of ${tickers.length} tickers`;
writeFileSync(output, `${JSON.stringify({ cost_bps: Number(costText), verdict, tickers }, null, 2)}\n`);
console.log(verdict);
