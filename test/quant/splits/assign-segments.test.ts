import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_LABEL } from '../../../src/quant/labels/direction-labels.js';
import { assignSegments } from '../../../src/quant/splits/assign-segments.js';
import { SEGMENT, type SegmentName, type SegmentRange, type SplitPlan } from '../../../src/quant/splits/split-plan.js';
import { days, leaks, rowsOf, segmentNames } from './split-fixtures.js';

function plan(ranges: [SegmentName, number, number][], gap: Partial<SplitPlan> & { horizon: number }): SplitPlan {
  return { ranges: ranges.map(([segment, start, end]) => ({ segment, start, end })), embargoDays: 0, lookback: 0, ...gap };
}

const trainValTest = (gap: Partial<SplitPlan> & { horizon: number }) => plan([['train', 0, 9], ['val', 10, 14], ['test', 15, 19]], gap);

describe('assignSegments', () => {
  it('assigns rows by date and purges the last h rows before each later segment', () => {
    const rows = rowsOf([days(0, 19)]);
    const { segment, counts } = assignSegments(rows, trainValTest({ horizon: 1 }));
    expect(segmentNames(segment)).toBe('TTTTTTTTT.VVVV.XXXXX');
    expect(counts).toEqual({ train: 9, val: 4, test: 5, outside: 0, missingLabel: 0, warmUp: 0, purgeGap: 2 });
    expect(segmentNames(assignSegments(rows, trainValTest({ horizon: 3 })).segment)).toBe('TTTTTTT...VV...XXXXX');
  });

  it('cuts embargo_days from the earlier side, and the purge adds nothing when the embargo covers the horizon', () => {
    const rows = rowsOf([days(0, 19), days(0, 19)]);
    const { segment, counts } = assignSegments(rows, trainValTest({ horizon: 2, embargoDays: 2 }));
    expect(segmentNames(segment.subarray(0, 20))).toBe('TTTTTTTT..VVV..XXXXX');
    expect(counts.purgeGap).toBe(8);
    expect(segmentNames(assignSegments(rows, trainValTest({ horizon: 1, embargoDays: 3 })).segment.subarray(0, 20))).toBe('TTTTTTT...VV...XXXXX');
  });

  it('counts the days between the ranges as gap and leaves rows outside every range unassigned', () => {
    const rows = rowsOf([days(0, 24)]);
    const { segment, counts } = assignSegments(rows, plan([['train', 0, 9], ['test', 12, 20]], { horizon: 3 }), {});
    expect(segmentNames(segment)).toBe('TTTTTTTTT...XXXXXXXXX....');
    expect(counts).toMatchObject({ train: 9, test: 9, outside: 6, purgeGap: 1 });
  });

  it('purges by the ticker\'s own rows when it skips days the calendar has', () => {
    const rows = rowsOf([days(0, 19), days(0, 19).filter((d) => d % 2 === 0)]);
    const { segment } = assignSegments(rows, trainValTest({ horizon: 2, embargoDays: 2 }));
    // Calendar embargo cuts days 8-9 and 13-14; ticker B's rows 6 and 12 would still see val/test 2 rows ahead.
    expect(segmentNames(segment.subarray(20))).toBe('TTT..V..XX');
  });

  it('after an evaluation segment cuts horizon + lookback rows from the training segment, not from the test', () => {
    const rows = rowsOf([days(0, 29)]);
    const testFirst = (embargoDays: number) => plan([['test', 0, 9], ['train', 10, 29]], { horizon: 2, lookback: 3, embargoDays });
    expect(segmentNames(assignSegments(rows, testFirst(0)).segment)).toBe('XXXXXXXXXX.....TTTTTTTTTTTTTTT');
    expect(segmentNames(assignSegments(rows, testFirst(5)).segment)).toBe('XXXXXXXXXX.....TTTTTTTTTTTTTTT');
    expect(segmentNames(assignSegments(rows, testFirst(7)).segment)).toBe('XXXXXXXXXX.......TTTTTTTTTTTTT');
  });

  it('drops rows without a label, then warm-up rows with a NaN feature, then gap rows, counting each once', () => {
    const rows = rowsOf([days(0, 19)]);
    const label = new Int8Array(20).fill(1);
    label.fill(NO_LABEL, 18);
    label[9] = NO_LABEL;
    const feature = new Float64Array(20).fill(1);
    feature.fill(NaN, 0, 3);
    feature[14] = NaN;
    const { segment, counts } = assignSegments(rows, trainValTest({ horizon: 1 }), { label, features: [feature, new Float64Array(20)] });
    expect(segmentNames(segment)).toBe('...TTTTTT.VVVV.XXX..');
    expect(counts).toEqual({ train: 6, val: 4, test: 3, outside: 0, missingLabel: 3, warmUp: 4, purgeGap: 0 });
    const forward = new Float64Array(20).fill(0.01);
    forward[0] = NaN;
    expect(assignSegments(rows, trainValTest({ horizon: 1 }), { label: forward }).counts).toMatchObject({ missingLabel: 1, train: 8 });
  });

  it('throws on overlapping or inverted ranges and on bad numbers', () => {
    const rows = rowsOf([days(0, 19)]);
    expect(() => assignSegments(rows, plan([['train', 0, 10], ['val', 10, 14]], { horizon: 1 }))).toThrow(
      'invalid split: train [1970-01-01, 1970-01-11] overlaps val [1970-01-11, 1970-01-15]',
    );
    expect(() => assignSegments(rows, plan([['train', 9, 0]], { horizon: 1 }))).toThrow('train starts 1970-01-10 after it ends 1970-01-01');
    expect(() => assignSegments(rows, plan([['train', 0, 9]], { horizon: 0 }))).toThrow('horizon must be an integer >= 1 (got 0)');
  });

  it('never lets a label window or, after evaluation, a feature window reach another segment (property)', () => {
    const ticker = fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { maxLength: 60 }).map((d) => d.sort((a, b) => a - b));
    const layout = fc.record({
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: 58 }), { minLength: 2, maxLength: 4 }).map((c) => c.sort((a, b) => a - b)),
      gaps: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 5, maxLength: 5 }),
      names: fc.array(fc.constantFrom<SegmentName>('train', 'val', 'test'), { minLength: 5, maxLength: 5 }),
    });
    const gap = fc.record({ horizon: fc.integer({ min: 1, max: 6 }), embargoDays: fc.integer({ min: 0, max: 6 }), lookback: fc.integer({ min: 0, max: 8 }) });
    fc.assert(
      fc.property(fc.array(ticker, { minLength: 1, maxLength: 4 }), layout, gap, (tickers, { cuts, gaps, names }, g) => {
        const bounds = [0, ...cuts, 60];
        const ranges: SegmentRange[] = [];
        for (let i = 0; i + 1 < bounds.length; i++) {
          const start = bounds[i]! + gaps[i]!;
          if (start <= bounds[i + 1]! - 1) ranges.push({ segment: names[i]!, start, end: bounds[i + 1]! - 1 });
        }
        const rows = rowsOf(tickers);
        const p: SplitPlan = { ranges, ...g };
        const { segment, counts } = assignSegments(rows, p);
        expect(leaks(rows, p, segment)).toEqual([]);
        const kept = [0, 0, 0];
        for (const s of segment) if (s !== SEGMENT.none) kept[s]!++;
        expect([counts.train, counts.val, counts.test]).toEqual(kept);
        expect(counts.train + counts.val + counts.test + counts.outside + counts.purgeGap).toBe(rows.date.length);
      }),
      { numRuns: 300 },
    );
  });
});
