// Baseline step 2: long when the trailing `lookback`-day return is positive, using only
// returns up to and including day t to decide the position held on day t+1.
// Usage: node momentum-signal.mjs <returns.csv> <lookback> <out.csv>
import { readFileSync, writeFileSync } from 'node:fs';

const [input, lookbackText, output] = process.argv.slice(2);
const lookback = Number(lookbackText);
const rows = readFileSync(input, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const out = ['date,ticker,return,position'];
let ticker = '';
let window = [];
let position = 0;
for (const [date, t, , ret] of rows) {
  if (t !== ticker) {
    ticker = t;
    window = [];
    position = 0;
  }
  out.push(`${date},${t},${ret},${position}`);
  if (ret !== '') window.push(Number(ret));
  if (window.length > lookback) window.shift();
  const trailing = window.reduce((g, r) => g * (1 + r), 1) - 1;
  position = window.length === lookback && trailing > 0 ? 1 : 0;
}
writeFileSync(output, `${out.join('\n')}\n`);
