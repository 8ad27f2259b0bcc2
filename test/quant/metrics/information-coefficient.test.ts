import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { informationCoefficient } from '../../../src/quant/metrics/information-coefficient.js';

// Rows in scrambled date order, with ties in score and in return on dates 1, 2 and 3; date 4
// has one ticker and date 5 a constant score (both skipped); the last row has no score.
const DATES = [3, 1, 2, 1, 3, 2, 1, 3, 2, 1, 4, 5, 5, 3, 2, 1, 3, 2];
const SCORE = [0.61, 0.55, 0.4, 0.55, 0.7, 0.52, 0.48, 0.61, 0.52, 0.62, 0.5, 0.5, 0.5, 0.45, 0.58, 0.51, 0.61, NaN];
const RET = [0.01, 0.004, -0.002, -0.001, 0.02, 0.003, 0.004, -0.005, 0.003, 0.012, 0.001, 0.01, -0.01, 0, 0.006, -0.003, 0.01, 0.02];

const input = (dates: number[], score: number[], ret: number[]) => ({
  dates: Int32Array.from(dates),
  score: Float64Array.from(score),
  forwardReturn: Float64Array.from(ret),
});

describe('informationCoefficient', () => {
  it('matches scipy pearsonr and spearmanr per date, ties included, and skips thin or flat dates', () => {
    /* python3, scipy 1.17: for each date d with rows m (finite score and return),
     *   skipped if m.sum() < 2 or np.ptp(score[m]) == 0 or np.ptp(ret[m]) == 0, else
     *   pearsonr(score[m], ret[m])[0], spearmanr(score[m], ret[m])[0];
     *   summary: ics.mean(), ics.std(ddof=1), ics.mean() / ics.std(ddof=1)
     */
    const { daily, summary } = informationCoefficient(input(DATES, SCORE, RET));
    expect(Array.from(daily.date)).toEqual([1, 2, 3]);
    expect(Array.from(daily.tickers)).toEqual([5, 4, 5]);
    const close = (actual: Float64Array | number[], expected: number[]) =>
      Array.from(actual).forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(1e-12));
    close(daily.ic, [0.6611447208114892, 0.9984038297885895, 0.6494370130512954]);
    close(daily.rankIc, [0.5000000000000001, 1.0, 0.6882472016116853]);
    close([summary.icMean, summary.icStd, summary.icir], [0.7696618545504581, 0.19818283485743912, 3.883594939511824]);
    close([summary.rankIcMean, summary.rankIcStd, summary.rankIcir], [0.7294157338705617, 0.25252947557911454, 2.888438001931558]);
    expect([summary.dates, summary.datesSkipped, summary.rowsSkipped]).toEqual([3, 2, 1]);
  });

  it('gives NaN standard deviation and IR from a single date, and NaN everything from none', () => {
    const one = informationCoefficient(input([7, 7, 7], [1, 2, 3], [0.1, 0.3, 0.2])).summary;
    expect(one.icMean).toBeCloseTo(0.5, 14);
    expect(one.rankIcMean).toBeCloseTo(0.5, 14);
    expect([one.icStd, one.icir, one.dates]).toEqual([NaN, NaN, 1]);
    const none = informationCoefficient(input([7], [1], [0.1])).summary;
    expect([none.icMean, none.rankIcMean, none.dates, none.datesSkipped]).toEqual([NaN, NaN, 0, 1]);
  });

  it('gives NaN IR, not Infinity, when every date has the same IC', () => {
    const s = informationCoefficient(input([1, 1, 2, 2], [1, 2, 1, 2], [0.1, 0.2, 0.3, 0.4])).summary;
    expect([s.icMean, s.icStd, s.icir]).toEqual([1, 0, NaN]);
  });

  it('throws a clear error when the columns differ in length', () => {
    expect(() => informationCoefficient(input([1, 1], [0.5], [0.1, 0.2]))).toThrow(/2 dates, 1 scores, 2 forward returns/);
  });

  const panelArb = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 })), { minLength: 2, maxLength: 60 })
    .map((rows) => input(rows.map((r) => r[0]), rows.map((r) => r[1] / 10), rows.map((r) => r[2] / 1000)));

  it('gives correlations in [-1, 1] and accounts for every date', () => {
    fc.assert(
      fc.property(panelArb, (p) => {
        const { daily, summary } = informationCoefficient(p);
        const inRange = [...daily.ic, ...daily.rankIc].every((v) => v >= -1 && v <= 1);
        return inRange && summary.dates + summary.datesSkipped === new Set(p.dates).size;
      }),
    );
  });

  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(panelArb, (p) => {
        const reversed = { dates: p.dates.slice().reverse(), score: p.score.slice().reverse(), forwardReturn: p.forwardReturn.slice().reverse() };
        const a = informationCoefficient(p).daily;
        const b = informationCoefficient(reversed).daily;
        const same = (x: Float64Array, y: Float64Array) => x.every((v, i) => Math.abs(v - y[i]!) < 1e-12);
        return Array.from(a.date).join() === Array.from(b.date).join() && same(a.ic, b.ic) && same(a.rankIc, b.rankIc);
      }),
    );
  });

  it('keeps rank IC under a strictly increasing transform of the score, which moves the IC', () => {
    fc.assert(
      fc.property(panelArb, (p) => {
        const a = informationCoefficient(p).daily;
        const b = informationCoefficient({ ...p, score: p.score.map((s) => Math.exp(3 * s)) }).daily;
        return a.rankIc.every((v, i) => Math.abs(v - b.rankIc[i]!) < 1e-12);
      }),
    );
    // The same transform does change the Pearson IC: ranks, not values, are what is invariant.
    const p = input([1, 1, 1], [0, 1, 2], [0, 0.01, 0.02]);
    const exp = { ...p, score: p.score.map((s) => Math.exp(3 * s)) };
    expect(informationCoefficient(p).daily.ic[0]).toBeCloseTo(1, 14);
    expect(informationCoefficient(exp).daily.ic[0]).toBeLessThan(0.99);
    expect(informationCoefficient(exp).daily.rankIc[0]).toBeCloseTo(1, 14);
  });
});
