import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePriceCsv, type PriceCsvOptions, type PriceCsvSource } from '../../../src/quant/data/price-csv.js';
import { PriceDataError } from '../../../src/quant/data/price-data-error.js';
import { formatIsoDay, parseIsoDay, type PriceTable } from '../../../src/quant/data/price-table.js';
import { generateMarket } from '../../../src/quant/data/synthetic-market.js';

const DATA = '/work/shared/data';
const HEADER = 'date,ticker,open,high,low,close,volume';

function csv(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

function failure(sources: PriceCsvSource | PriceCsvSource[], options?: PriceCsvOptions): PriceDataError {
  try {
    parsePriceCsv(sources, options);
  } catch (error) {
    if (error instanceof PriceDataError) return error;
    throw error;
  }
  throw new Error('expected a PriceDataError');
}

/** Plain arrays, so `toEqual` compares NaN with NaN and shows readable diffs. */
function plain(table: PriceTable) {
  return {
    tickers: table.tickers,
    ticker: Array.from(table.ticker),
    date: Array.from(table.date, formatIsoDay),
    open: Array.from(table.open),
    high: Array.from(table.high),
    low: Array.from(table.low),
    close: Array.from(table.close),
    volume: Array.from(table.volume),
    offsets: Array.from(table.offsets),
    has: table.has,
  };
}

function tableToLines(table: PriceTable): string[] {
  const cell = (x: number) => (Number.isNaN(x) ? '' : String(x));
  return Array.from(table.close, (_, row) =>
    [formatIsoDay(table.date[row]!), table.tickers[table.ticker[row]!], ...[table.open, table.high, table.low, table.close, table.volume].map((c) => cell(c[row]!))].join(','),
  );
}

describe('parsePriceCsv on the shared real data', () => {
  it('reads the Dow Jones 30 closes: 30 tickers, 75,870 rows, close only', () => {
    const table = parsePriceCsv({ file: 'dowjones30.csv', text: readFileSync(`${DATA}/dowjones30_1991_2001_close.csv`, 'utf8') });
    expect(table.tickers).toHaveLength(30);
    expect(table.tickers[0]).toBe('AA');
    expect(table.tickers[29]).toBe('XOM');
    expect(table.close).toHaveLength(75_870);
    expect(table.has).toEqual({ open: false, high: false, low: false, volume: false });
    expect(table.open.every(Number.isNaN) && table.volume.every(Number.isNaN)).toBe(true);
    expect(table.close.every((c) => c > 0)).toBe(true);
    expect(Array.from(table.offsets.subarray(0, 3))).toEqual([0, 2529, 5058]);
    expect([formatIsoDay(table.date[0]!), table.close[0]]).toEqual(['1990-12-31', 5.92]);
    expect([formatIsoDay(table.date[75_869]!), table.close[75_869]]).toEqual(['2001-01-02', 43.87]);
  });

  it('reads the S&P 500 file with every OHLCV column, values exact', () => {
    const table = parsePriceCsv({ file: 'sp500.csv', text: readFileSync(`${DATA}/sp500_2000_2020_ohlcv.csv`, 'utf8') });
    expect(table.tickers).toEqual(['^GSPC']);
    expect(table.close).toHaveLength(5105);
    expect(table.has).toEqual({ open: true, high: true, low: true, volume: true });
    expect([table.open[0], table.high[0], table.low[0], table.close[0], table.volume[0]]).toEqual([1469.25, 1478, 1438.359985, 1455.219971, 931_800_000]);
    expect(formatIsoDay(table.date[5104]!)).toBe('2020-04-17');
  });
});

describe('parsePriceCsv columns', () => {
  it('matches header names ignoring case and blanks', () => {
    const table = parsePriceCsv({ file: 'a.csv', text: csv(' Date ,TICKER,Close', '2001-01-02,X,10') });
    expect(plain(table).close).toEqual([10]);
  });

  it('reads other header names through a column mapping, ignoring unmapped columns', () => {
    const text = csv('Date,Open,High,Low,Close,Adj Close,Volume,Symbol', '2001-01-02,10,12,9,11,10.5,100,ABC', '2001-01-03,11,13,10,12,12,200,ABC');
    const table = parsePriceCsv({ file: 'yahoo.csv', text }, { columns: { date: 'Date', ticker: 'Symbol', close: 'Adj Close' } });
    expect(plain(table)).toMatchObject({ tickers: ['ABC'], close: [10.5, 12], open: [10, 11], volume: [100, 200] });
  });

  it('leaves out fields mapped to null, and says so when adjusted closes meet unadjusted bars', () => {
    const text = csv('Date,Open,High,Low,Close,Adj Close,Volume,Symbol', '2001-01-02,10,12,9,11,5.5,100,ABC', '2001-01-03,11,13,10,12,6,200,ABC');
    const adjusted = { date: 'Date', ticker: 'Symbol', close: 'Adj Close' };
    const table = parsePriceCsv({ file: 'yahoo.csv', text }, { columns: { ...adjusted, open: null, high: null, low: null } });
    expect(plain(table)).toMatchObject({ close: [5.5, 6], open: [Number.NaN, Number.NaN], volume: [100, 200] });
    expect(table.has).toEqual({ open: false, high: false, low: false, volume: true });
    const error = failure({ file: 'yahoo.csv', text }, { columns: adjusted });
    expect(error.issues.map((i) => i.hint)).toEqual([expect.stringContaining("close is read from 'Adj Close'"), undefined]);
  });

  it('lets a source map its own columns and name the ticker of a file without one', () => {
    const text = csv('day,price', '2001-01-03,2', '2001-01-02,1');
    const table = parsePriceCsv({ file: 'msft.csv', text, columns: { date: 'day', close: 'price' }, ticker: 'MSFT' });
    expect(plain(table)).toMatchObject({ tickers: ['MSFT'], date: ['2001-01-02', '2001-01-03'], close: [1, 2] });
    expect(table.has).toEqual({ open: false, high: false, low: false, volume: false });
  });

  it('keeps a column that is empty on some rows, NaN there and marked present', () => {
    const table = parsePriceCsv({ file: 'a.csv', text: csv(HEADER, '2001-01-02,X,,,,10,', '2001-01-03,X,10.5,,,11,NA') });
    expect(plain(table).open).toEqual([Number.NaN, 10.5]);
    expect(table.has).toEqual({ open: true, high: false, low: false, volume: false });
  });

  it('reads quoted fields, CRLF line endings, a byte-order mark and blank lines', () => {
    const text = '\ufeff"date","ticker","close"\r\n2001-01-02,"A,B",10\r\n\r\n"2001-01-03","say ""x""",11\r\n';
    const table = parsePriceCsv({ file: 'q.csv', text });
    expect(plain(table)).toMatchObject({ tickers: ['A,B', 'say "x"'], close: [10, 11] });
  });

  it('rejects a header without the required fields, naming what it has', () => {
    const error = failure({ file: 'h.csv', text: csv('Day,Price', '2001-01-02,1') });
    expect(error.issues.map((i) => [i.line, i.column])).toEqual([[1, 'date'], [1, 'ticker'], [1, 'close']]);
    expect(error.issues[2]!.message).toBe("no 'close' column; the header has 'Day', 'Price'");
    expect(failure({ file: 'm.csv', text: csv(HEADER) }, { columns: { close: 'Adj Close' } }).issues[0]!.message).toMatch(/^no column 'Adj Close' \(mapped to close\)/);
    expect(failure({ file: 't.csv', text: csv(HEADER, '2001-01-02,X,1,1,1,1,1'), ticker: 'Y' }).issues[0]!.column).toBe('ticker');
    const typo = failure({ file: 'k.csv', text: csv(HEADER) }, { columns: { adjclose: 'Adj Close' } as never });
    expect(typo.issues[0]!.message).toBe("unknown field 'adjclose' in the column mapping; fields are date, ticker, open, high, low, close, volume");
  });

  it('reads a file with a ticker column as one named ticker when the column is mapped to null', () => {
    const table = parsePriceCsv({ file: 'x.csv', text: csv(HEADER, '2001-01-02,ignored,1,1,1,1,1'), columns: { ticker: null }, ticker: 'Y' });
    expect(table.tickers).toEqual(['Y']);
    expect(failure({ file: 'x.csv', text: csv(HEADER, '2001-01-02,X,1,1,1,1,1'), columns: { ticker: null } }).issues[0]!.message).toMatch(/without the ticker option/);
  });
});

describe('parsePriceCsv ordering and merging', () => {
  it('sorts unsorted rows by (ticker, date)', () => {
    const text = csv(HEADER, '2001-01-03,B,,,,4,', '2001-01-02,B,,,,3,', '2001-01-03,A,,,,2,', '2001-01-02,A,,,,1,');
    const table = parsePriceCsv({ file: 'u.csv', text });
    expect(plain(table)).toMatchObject({ tickers: ['A', 'B'], ticker: [0, 0, 1, 1], close: [1, 2, 3, 4], offsets: [0, 2, 4] });
  });

  it('gives the same table for any order of the same rows', () => {
    const market = generateMarket({ seed: 3, tickers: 4, days: 12 }).prices;
    const lines = tableToLines(market);
    const expected = plain(market);
    fc.assert(
      fc.property(fc.shuffledSubarray(lines, { minLength: lines.length }), (shuffled) => {
        expect(plain(parsePriceCsv({ file: 's.csv', text: csv(HEADER, ...shuffled) }))).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('round-trips a synthetic market through CSV text exactly', () => {
    const market = generateMarket({ seed: 11, tickers: 25, days: 300, regimes: {} }).prices;
    expect(plain(parsePriceCsv({ file: 'syn.csv', text: csv(HEADER, ...tableToLines(market)) }))).toEqual(plain(market));
  });

  it('merges several files into one table', () => {
    const a = { file: 'a.csv', text: csv('date,close', '2001-01-02,1'), ticker: 'A' };
    const b = { file: 'b.csv', text: csv(HEADER, '2001-01-02,B,2,2,2,2,5', '2001-01-02,C,3,3,3,3,6') };
    const table = parsePriceCsv([b, a]);
    expect(plain(table)).toMatchObject({ tickers: ['A', 'B', 'C'], close: [1, 2, 3], open: [Number.NaN, 2, 3] });
    expect(table.has.open).toBe(true);
  });

  it('reports a (ticker, date) in two files at the later one, naming the first', () => {
    const a = { file: 'a.csv', text: csv(HEADER, '2001-01-02,A,,,,1,', '2001-01-03,A,,,,1,') };
    const b = { file: 'b.csv', text: csv(HEADER, '2001-01-04,A,,,,1,', '2001-01-03,A,,,,2,') };
    const error = failure([a, b]);
    expect(error.issues).toEqual([{ file: 'b.csv', line: 3, column: 'date', message: 'duplicate (A, 2001-01-03): already at a.csv:3' }]);
  });
});

describe('parsePriceCsv errors', () => {
  it('reports every bad row with its line: bad date, duplicate, high < low', () => {
    const text = csv(
      HEADER,
      '2001-01-02,A,10,11,9,10,100',
      '2001-02-30,A,10,11,9,10,100',
      '2001-01-03,A,10,11,9,10,100',
      '2001-01-03,A,10,11,9,10.5,100',
      '2001-01-04,A,10,11,9,10,100',
      '2001-01-05,A,10,8,9,8.5,100',
    );
    const error = failure({ file: 'bad.csv', text });
    expect(error.total).toBe(3);
    expect(error.issues.map((i) => [i.line, i.column])).toEqual([[3, 'date'], [5, 'date'], [7, 'high']]);
    expect(error.message).toBe(
      [
        'bad price data: 3 problems',
        "  bad.csv:3 date: unparseable date '2001-02-30'",
        '    hint: dates are YYYY-MM-DD',
        '  bad.csv:5 date: duplicate (A, 2001-01-03): already at line 4',
        '  bad.csv:7 high: high 8 < low 9',
      ].join('\n'),
    );
  });

  it('reports non-positive prices, values outside [low, high], non-numbers and wrong field counts', () => {
    const text = csv(
      HEADER,
      '2001-01-02,A,10,11,9,0,100',
      '2001-01-03,A,-1,11,9,10,100',
      '2001-01-04,A,12,11,9,10,100',
      '2001-01-05,A,10,11,9,abc,100',
      '2001-01-08,A,10,11,9,10',
      '2001-01-09,A,10,11,9,10,-5',
      '2001-01-10,,10,11,9,10,5',
      '2001-01-11,A,10,11,9,,5',
    );
    const error = failure({ file: 'bad.csv', text });
    expect(error.issues.map((i) => `${i.line} ${i.column ?? '-'}: ${i.message}`)).toEqual([
      '2 close: non-positive price 0',
      '3 open: non-positive price -1',
      '4 open: open 12 outside [low 9, high 11]',
      "5 close: non-numeric value 'abc'",
      '6 -: expected 7 fields, found 6',
      '7 volume: negative volume -5',
      '8 ticker: empty ticker',
      '9 close: missing close',
    ]);
  });

  it('lists the first problems up to the cap and counts the rest', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `2001-01-${String(i + 1).padStart(2, '0')},A,,,,-1,`);
    const error = failure({ file: 'many.csv', text: csv(HEADER, ...rows) });
    expect(error.issues).toHaveLength(20);
    expect(error.total).toBe(30);
    expect(error.issues.map((i) => i.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(error.message.split('\n').at(-1)).toBe('  ... and 10 more');
    expect(failure({ file: 'many.csv', text: csv(HEADER, ...rows) }, { maxIssues: 5 }).issues).toHaveLength(5);
  });

  it('keeps the earliest lines when duplicates outnumber the cap', () => {
    const rows = Array.from({ length: 200 }, (_, i) => formatIsoDay(parseIsoDay('2001-01-01') + i) + ',A,,,,1,');
    const error = failure([{ file: 'a.csv', text: csv(HEADER, ...rows) }, { file: 'b.csv', text: csv(HEADER, ...rows.reverse()) }]);
    expect(error.total).toBe(200);
    expect(error.issues.map((i) => `${i.file}:${i.line}`)).toEqual(Array.from({ length: 20 }, (_, i) => `b.csv:${i + 2}`));
  });

  it('says so for an empty file and for a header without rows', () => {
    expect(failure({ file: 'empty.csv', text: '' }).issues).toMatchObject([{ file: 'empty.csv', line: 1, message: 'empty file: no header row' }]);
    expect(failure({ file: 'blank.csv', text: '\n  \n' }).issues[0]!.message).toBe('empty file: no header row');
    expect(failure({ file: 'header.csv', text: `${HEADER}\n` }).issues).toEqual([{ file: 'header.csv', line: 1, message: 'no data rows after the header' }]);
  });
});
