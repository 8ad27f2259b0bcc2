// Baseline step 1: long close-price CSV -> per-ticker daily simple returns (CSV).
// Usage: node daily-returns.mjs <prices.csv> <out.csv>
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
const lines = readFileSync(input, 'utf8').trim().split('\n');
const header = lines[0].split(',');
const col = (name) => header.indexOf(name);
const [iDate, iTicker, iClose] = [col('date'), col('ticker'), col('close')];
if (iDate < 0 || iTicker < 0 || iClose < 0) throw new Error(`${input}: needs date, ticker and close columns`);
const out = ['date,ticker,close,return'];
let previous = { ticker: '', close: NaN };
for (const [n, line] of lines.slice(1).entries()) {
  const f = line.split(',');
  const close = Number(f[iClose]);
  if (!(close > 0)) throw new Error(`${input}:${n + 2}: close must be a positive number, got '${f[iClose]}'`);
  const ret = f[iTicker] === previous.ticker ? close / previous.close - 1 : '';
  out.push(`${f[iDate]},${f[iTicker]},${close},${ret}`);
  previous = { ticker: f[iTicker], close };
}
writeFileSync(output, `${out.join('\n')}\n`);
console.log(`${out.length - 1} rows`);
