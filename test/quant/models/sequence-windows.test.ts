import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/quant/data/random-stream.js';
import { SequenceWindows, rowMajorFeatures, type SequenceTable, type WindowSpan } from '../../../src/quant/models/sequence-windows.js';
import type { SegmentName } from '../../../src/quant/splits/split-plan.js';

const SEGMENTS: SegmentName[] = ['train', 'val', 'test'];
const NAMES = ['ret', 'vol', 'rsi'];

/** Feature f of row r is r * 8 + f (exact in float32), so a gathered value names its row. */
function tableFrom(rows: { ticker: number; date: number; segment: number; label: number }[]): SequenceTable & { columns: Float64Array[] } {
  const columns = NAMES.map((_, f) => Float64Array.from(rows, (_, r) => r * 8 + f));
  return {
    ticker: Int32Array.from(rows, (x) => x.ticker),
    date: Int32Array.from(rows, (x) => x.date),
    segment: Int8Array.from(rows, (x) => x.segment),
    label: Int8Array.from(rows, (x) => x.label),
    features: rowMajorFeatures(columns, NAMES),
    featureNames: NAMES,
    columns,
  };
}

/** Weekdays only, from a Monday: calendar gaps of 3 days over weekends. */
function weekdays(n: number, from = 19_000): number[] {
  const days: number[] = [];
  for (let d = from; days.length < n; d++) if ((d - from) % 7 < 5) days.push(d);
  return days;
}

/** Ticker 0: 10 rows, train x5 (row 4 unlabeled), val x3, test x2; ticker 1: train x3, a dropped row, test x2. */
function smallTable() {
  const t0 = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2].map((segment, i) => ({ ticker: 0, date: weekdays(10)[i]!, segment, label: i === 4 ? -1 : i % 2 }));
  const t1 = [0, 0, 0, -1, 2, 2].map((segment, i) => ({ ticker: 1, date: weekdays(6)[i]!, segment, label: 1 }));
  return tableFrom([...t0, ...t1]);
}

/** A random table: 1-4 tickers of minRows-maxRows rows, blocky chronological segments with dropped rows, some labels missing. */
function randomTable(seed: number, minRows = 0, maxRows = 40) {
  const rng = new RandomStream(seed);
  const rows: { ticker: number; date: number; segment: number; label: number }[] = [];
  const tickers = 1 + Math.floor(rng.nextFloat() * 4);
  for (let t = 0; t < tickers; t++) {
    const n = minRows + Math.floor(rng.nextFloat() * (maxRows - minRows + 1));
    let segment = 0;
    let date = 18_000 + Math.floor(rng.nextFloat() * 10);
    for (let i = 0; i < n; i++) {
      if (rng.nextFloat() < 0.1) segment = Math.min(2, segment + 1);
      date += 1 + Math.floor(rng.nextFloat() * 3);
      rows.push({ ticker: t, date, segment: rng.nextFloat() < 0.05 ? -1 : segment, label: rng.nextFloat() < 0.1 ? -1 : Math.floor(rng.nextFloat() * 3) });
    }
  }
  return tableFrom(rows);
}

/** The definition, checked row by row: every window row is of the end row's ticker, has a segment, and (span `segment`) the end row's segment. */
function naiveEndRows(table: SequenceTable, lookback: number, span: WindowSpan, code: number): number[] {
  const ends: number[] = [];
  for (let e = lookback - 1; e < table.ticker.length; e++) {
    if (table.segment[e] !== code || table.label[e]! < 0) continue;
    let ok = true;
    for (let r = e - lookback + 1; r <= e; r++) {
      if (table.ticker[r] !== table.ticker[e] || table.segment[r]! < 0 || (span === 'segment' && table.segment[r] !== code)) ok = false;
    }
    if (ok) ends.push(e);
  }
  return ends;
}

describe('SequenceWindows', () => {
  it('counts samples per segment, keeping windows inside their segment by default', () => {
    const table = smallTable();
    const windows = new SequenceWindows(table, { lookback: 3 });
    expect([...windows.endRows('train')]).toEqual([2, 3, 12]);
    expect([...windows.endRows('val')]).toEqual([7]);
    expect(SEGMENTS.map((s) => windows.count(s))).toEqual([3, 1, 0]);
  });

  it('lets windows read earlier segments of the ticker with span ticker, but never a dropped row', () => {
    const windows = new SequenceWindows(smallTable(), { lookback: 3, span: 'ticker' });
    expect([...windows.endRows('train')]).toEqual([2, 3, 12]);
    expect([...windows.endRows('val')]).toEqual([5, 6, 7]);
    expect([...windows.endRows('test')]).toEqual([8, 9]);
  });

  it('enumerates exactly the windows of the definition on random tables', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom<WindowSpan>('segment', 'ticker'), (seed, lookback, span) => {
        const table = randomTable(seed);
        const windows = new SequenceWindows(table, { lookback, span });
        for (const [code, segment] of SEGMENTS.entries()) expect([...windows.endRows(segment)]).toEqual(naiveEndRows(table, lookback, span, code));
      }),
      { numRuns: 200 },
    );
  });

  it('never crosses tickers and never reads a row after the end row', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 10 }), (seed, lookback) => {
        const table = randomTable(seed);
        const windows = new SequenceWindows(table, { lookback, span: 'ticker' });
        const batch = windows.createBatch(8);
        for (const segment of SEGMENTS) {
          const ends = windows.endRows(segment);
          for (let at = 0; at < ends.length; at += 8) {
            windows.gather(ends.subarray(at, at + 8), batch);
            for (let b = 0; b < batch.size; b++) {
              const end = batch.endRows[b]!;
              for (let t = 0; t < lookback; t++) {
                const row = batch.inputs[(b * lookback + t) * NAMES.length]! / 8;
                expect(row).toBe(end - lookback + 1 + t);
                expect(table.ticker[row]).toBe(table.ticker[end]);
                expect(row).toBeLessThanOrEqual(end);
              }
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('gathers a batch equal to a naive slice of the columns, with day offsets, volatility and labels', () => {
    const table = randomTable(7, 40, 60);
    const lookback = 4;
    const windows = new SequenceWindows(table, { lookback, volatilityFeature: 'vol' });
    const ends = windows.shuffledEndRows('train', 1, 0).subarray(0, 5);
    const batch = windows.createBatch(6);
    windows.gather(ends, batch);
    expect(batch.size).toBe(5);
    for (let b = 0; b < 5; b++) {
      const end = ends[b]!;
      const rows = Array.from({ length: lookback }, (_, t) => end - lookback + 1 + t);
      const slice = rows.flatMap((r) => table.columns.map((c) => c[r]!));
      expect([...batch.inputs.subarray(b * lookback * 3, (b + 1) * lookback * 3)]).toEqual(slice);
      expect([...batch.dayOffsets.subarray(b * lookback, (b + 1) * lookback)]).toEqual(rows.map((r) => table.date[r]! - table.date[end]!));
      expect([...batch.volatility!.subarray(b * lookback, (b + 1) * lookback)]).toEqual(rows.map((r) => table.columns[1]![r]!));
      expect(batch.labels[b]).toBe(table.label[end]);
    }
  });

  it('shows weekends as calendar gaps in the day offsets', () => {
    const windows = new SequenceWindows(smallTable(), { lookback: 3, span: 'ticker' });
    const batch = windows.createBatch(1);
    windows.gather(Int32Array.of(6), batch);
    // Rows 4, 5, 6 are Friday, Monday, Tuesday.
    expect([...batch.dayOffsets]).toEqual([-4, -1, 0]);
    expect(batch.volatility).toBeNull();
  });

  it('shuffles deterministically per (seed, epoch) and differently across epochs and seeds', () => {
    const windows = new SequenceWindows(randomTable(3, 60, 80), { lookback: 2, span: 'ticker' });
    const sorted = [...windows.endRows('train')];
    expect(sorted.length).toBeGreaterThan(20);
    const a = windows.shuffledEndRows('train', 42, 3);
    expect([...windows.shuffledEndRows('train', 42, 3)]).toEqual([...a]);
    expect([...a].sort((x, y) => x - y)).toEqual(sorted);
    expect([...windows.shuffledEndRows('train', 42, 4)]).not.toEqual([...a]);
    expect([...windows.shuffledEndRows('train', 43, 3)]).not.toEqual([...a]);
    expect([...windows.endRows('train')]).toEqual(sorted);
  });

  it('refuses rows that end no sample, and batches that are too small', () => {
    const windows = new SequenceWindows(smallTable(), { lookback: 3 });
    expect(() => windows.gather(Int32Array.of(1), windows.createBatch(1))).toThrow("row 1 ends no sample (lookback 3, span 'segment')");
    expect(() => windows.gather(Int32Array.of(2, 3), windows.createBatch(1))).toThrow('2 samples do not fit a batch of capacity 1');
  });

  it('rejects unsorted rows, split tickers, unknown volatility features and bad lookbacks', () => {
    const rows = (tickers: number[], dates: number[]) => tableFrom(tickers.map((ticker, i) => ({ ticker, date: dates[i]!, segment: 0, label: 1 })));
    expect(() => new SequenceWindows(rows([0, 0], [5, 5]), { lookback: 1 })).toThrow('row 1 (day 5) does not follow row 0 (day 5) of ticker 0');
    expect(() => new SequenceWindows(rows([0, 1, 0], [1, 1, 2]), { lookback: 1 })).toThrow('ticker 0 appears again at row 2');
    expect(() => new SequenceWindows(rows([0], [1]), { lookback: 1, volatilityFeature: 'atr' })).toThrow("no feature 'atr' to read volatility from (features: ret, vol, rsi)");
    expect(() => new SequenceWindows(rows([0], [1]), { lookback: 0 })).toThrow('lookback must be an integer >= 1');
  });
});

describe('rowMajorFeatures', () => {
  it('interleaves the columns row by row', () => {
    expect([...rowMajorFeatures([Float64Array.of(1, 2), Float64Array.of(3, 4)], ['a', 'b'])]).toEqual([1, 3, 2, 4]);
  });

  it('names the feature and row of a value that is not finite in float32', () => {
    expect(() => rowMajorFeatures([Float64Array.of(1, NaN)], ['rsi'])).toThrow("feature 'rsi' is NaN at row 1");
    expect(() => rowMajorFeatures([Float64Array.of(1e39)], ['obv'])).toThrow("feature 'obv' is 1e+39 at row 0 (beyond float32)");
  });
});
