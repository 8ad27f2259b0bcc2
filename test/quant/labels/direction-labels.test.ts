import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_LABEL, classifyDirection, directionLabels } from '../../../src/quant/labels/direction-labels.js';
import { forwardReturns } from '../../../src/quant/labels/forward-returns.js';

// Ticker A: 10, 11, 12.1, 11; ticker B: 20, 18, 18.
const close = Float64Array.from([10, 11, 12.1, 11, 20, 18, 18]);
const offsets = Int32Array.from([0, 4, 7]);

function expectClose(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    if (Number.isNaN(e)) expect(actual[i], `row ${i}`).toBeNaN();
    else expect(actual[i], `row ${i}`).toBeCloseTo(e, 12);
  });
}

describe('forward returns', () => {
  it('divides the close h rows ahead by today\'s close, NaN over the last h rows of each ticker', () => {
    expectClose(forwardReturns(close, offsets, 1), [0.1, 0.1, 11 / 12.1 - 1, NaN, -0.1, 0, NaN]);
    expectClose(forwardReturns(close, offsets, 2), [0.21, 0, NaN, NaN, -0.1, NaN, NaN]);
  });

  it('never reads the next ticker: a ticker shorter than the horizon has no forward return at all', () => {
    expectClose(forwardReturns(close, offsets, 3), [0.1, NaN, NaN, NaN, NaN, NaN, NaN]);
    expectClose(forwardReturns(close, offsets, 4), [NaN, NaN, NaN, NaN, NaN, NaN, NaN]);
  });

  it('gives NaN where a close is NaN', () => {
    expectClose(forwardReturns(Float64Array.from([1, NaN, 2, 4]), Int32Array.of(0, 4), 1), [NaN, NaN, 1, NaN]);
  });

  it('rejects a horizon that is not an integer >= 1', () => {
    expect(() => forwardReturns(close, offsets, 0)).toThrow('label horizon must be an integer >= 1 (got 0)');
    expect(() => forwardReturns(close, offsets, 1.5)).toThrow(RangeError);
  });

  it('equals the ratio within each ticker for any lengths and horizon (property)', () => {
    const ticker = fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { maxLength: 12 });
    fc.assert(
      fc.property(fc.array(ticker, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 6 }), (tickers, h) => {
        const all = Float64Array.from(tickers.flat());
        const offs = Int32Array.from([0, ...tickers.map((_, i) => tickers.slice(0, i + 1).flat().length)]);
        const r = forwardReturns(all, offs, h);
        let row = 0;
        for (const prices of tickers) {
          prices.forEach((p, t) => {
            const want = t + h < prices.length ? prices[t + h]! / p - 1 : NaN;
            expect(Object.is(r[row++], want)).toBe(true);
          });
        }
      }),
    );
  });
});

describe('direction labels', () => {
  it('binary: 1 when the forward return is > 0, 0 when <= 0, -1 without one', () => {
    const { label, unlabeled } = directionLabels({ close, offsets, horizon: 1, kind: 'binary' });
    expect(Array.from(label)).toEqual([1, 1, 0, NO_LABEL, 0, 0, NO_LABEL]);
    expect(unlabeled).toBe(2);
  });

  it('ternary: 2 above +deadZone, 0 below -deadZone, 1 in between, -1 without a return', () => {
    const { label } = directionLabels({ close, offsets, horizon: 1, kind: 'ternary', deadZone: 0.05 });
    expect(Array.from(label)).toEqual([2, 2, 0, NO_LABEL, 0, 1, NO_LABEL]);
    const { label: two } = directionLabels({ close, offsets, horizon: 2, kind: 'ternary', deadZone: 0.05 });
    expect(Array.from(two)).toEqual([2, 1, NO_LABEL, NO_LABEL, 0, NO_LABEL, NO_LABEL]);
  });

  it('counts a return exactly at the dead zone as flat, on both sides', () => {
    const r = Float64Array.from([0.05, -0.05, 0.050001, -0.050001, 0, NaN]);
    expect(Array.from(classifyDirection(r, { kind: 'ternary', deadZone: 0.05 }))).toEqual([1, 1, 2, 0, 1, NO_LABEL]);
    expect(Array.from(classifyDirection(r, { kind: 'ternary' }))).toEqual([2, 0, 2, 0, 1, NO_LABEL]);
    expect(Array.from(classifyDirection(r, { kind: 'binary', deadZone: 0.05 }))).toEqual([1, 0, 1, 0, 0, NO_LABEL]);
  });

  it('labels nothing in the last `horizon` rows of every ticker', () => {
    const { label, unlabeled } = directionLabels({ close, offsets, horizon: 3, kind: 'binary' });
    expect(Array.from(label)).toEqual([1, NO_LABEL, NO_LABEL, NO_LABEL, NO_LABEL, NO_LABEL, NO_LABEL]);
    expect(unlabeled).toBe(6);
  });

  it('rejects a negative or non-finite dead zone and an unknown kind', () => {
    const r = Float64Array.of(0.1);
    expect(() => classifyDirection(r, { kind: 'ternary', deadZone: -0.01 })).toThrow('dead zone must be a finite number >= 0 (got -0.01)');
    expect(() => classifyDirection(r, { kind: 'ternary', deadZone: Infinity })).toThrow(RangeError);
    expect(() => classifyDirection(r, { kind: 'sign' as 'binary' })).toThrow("label kind must be 'binary' or 'ternary' (got 'sign')");
  });
});
