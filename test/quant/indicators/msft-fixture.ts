import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OhlcvSeries } from '../../../src/quant/indicators/indicator-group.js';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/msft');

/** A CSV of numbers as named columns; empty cells are NaN. `Number()` on `%.17g` text is exact. */
function readColumns(file: string): Map<string, Float64Array> {
  const [header, ...lines] = readFileSync(path.join(DIR, file), 'utf8').trim().split('\n');
  const names = header!.split(',');
  const columns = names.map(() => new Float64Array(lines.length));
  lines.forEach((line, row) => {
    line.split(',').forEach((cell, k) => {
      columns[k]![row] = cell === '' ? Number.NaN : Number(cell);
    });
  });
  return new Map(names.map((name, k) => [name, columns[k]!]));
}

/** TTR 0.24.3 values for the MSFT fixture, by reference column name (inputs included). */
export const reference = readColumns('indicators_msft.csv');

/** Each reference column's first non-NA row, 1-based. */
export const firstValidRow: Map<string, number> = new Map(
  readFileSync(path.join(DIR, 'indicators_msft_first_valid.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .map(([name, row]) => [name!, Number(row)]),
);

const prices = readColumns('msft_2000_2001_ohlcv.csv');

/** The 249 MSFT rows as one ticker's series. */
export const msft: OhlcvSeries = {
  open: prices.get('open')!,
  high: prices.get('high')!,
  low: prices.get('low')!,
  close: prices.get('close')!,
  volume: prices.get('volume')!,
};
