import { describe, expect, it } from 'vitest';
import { buildEnsemble } from '../../../src/quant/ensemble/build-ensemble.js';
import { policyPredictions } from '../../../src/quant/ensemble/policy-predictions.js';
import type { PredictionSource } from '../../../src/quant/ensemble/prediction-source.js';

/** A two-class source over rows (ticker name, day, segment, label, P(up)). */
function source(name: string, rows: [string, number, number, number, number][]): PredictionSource {
  const tickers = [...new Set(rows.map((r) => r[0]))].sort();
  return {
    name,
    tickers,
    ticker: Int32Array.from(rows.map((r) => tickers.indexOf(r[0]))),
    date: Int32Array.from(rows.map((r) => r[1])),
    segment: Int8Array.from(rows.map((r) => r[2])),
    label: Int8Array.from(rows.map((r) => r[3])),
    probabilities: [Float64Array.from(rows.map((r) => 1 - r[4])), Float64Array.from(rows.map((r) => r[4]))],
  };
}

describe('ensemble', () => {
  it('averages probabilities over the rows every source has, matching tickers by name', () => {
    const a = source('a', [['AA', 1, 1, 1, 0.8], ['AA', 2, 1, 0, 0.4], ['BB', 1, 2, 1, 0.6]]);
    const b = source('b', [['ZZ', 1, 2, 0, 0.9], ['BB', 1, 2, 1, 0.2], ['AA', 1, 1, 1, 0.6]]);
    const e = buildEnsemble([a, b], 'mean');
    expect(e.dropped).toBe(1);
    expect(Array.from(e.date)).toEqual([1, 1]);
    expect(e.tickers[e.ticker[0]!]).toBe('AA');
    expect(e.tickers[e.ticker[1]!]).toBe('BB');
    expect(e.probabilities[1]![0]).toBeCloseTo(0.7, 15);
    expect(e.probabilities[1]![1]).toBeCloseTo(0.4, 15);
    expect(Array.from(e.predicted)).toEqual([1, 0]);
  });

  it('weights sources by validation skill over chance and ignores the test segment', () => {
    const rows = (p: (i: number, seg: number) => number): [string, number, number, number, number][] =>
      Array.from({ length: 20 }, (_, i) => ['AA', i, i < 10 ? 1 : 2, i % 2, p(i, i < 10 ? 1 : 2)]);
    const good = source('good', rows((i) => (i % 2 ? 0.9 : 0.1))); // right on every val row
    const coin = source('coin', rows((i) => (i % 4 < 2 ? 0.7 : 0.3))); // right on half
    const e = buildEnsemble([good, coin], 'weighted');
    expect(e.weights.sources.map((s) => s.valAccuracy)).toEqual([1, 0.5]);
    expect(e.weights.sources.map((s) => s.weight)).toEqual([1, 0]);
    const scrambledTest = source('good', rows((i, seg) => (seg === 2 ? 0.5 : i % 2 ? 0.9 : 0.1)));
    expect(buildEnsemble([scrambledTest, coin], 'weighted').weights).toEqual(e.weights);
  });

  it('falls back to equal weights, and says so, when no source beats chance on validation', () => {
    const a = source('a', [['AA', 1, 1, 1, 0.2], ['AA', 2, 1, 0, 0.9]]);
    const b = source('b', [['AA', 1, 1, 1, 0.4], ['AA', 2, 1, 0, 0.6]]);
    const e = buildEnsemble([a, b], 'weighted');
    expect(e.weights.equalFallback).toBe(true);
    expect(e.weights.sources.map((s) => s.weight)).toEqual([0.5, 0.5]);
  });

  it('takes the majority class in a vote and breaks a tie by the mean probability', () => {
    const a = source('a', [['AA', 1, 2, 1, 0.9], ['AA', 2, 2, 1, 0.51]]);
    const b = source('b', [['AA', 1, 2, 1, 0.6], ['AA', 2, 2, 1, 0.1]]);
    const c = source('c', [['AA', 1, 2, 1, 0.3], ['AA', 2, 2, 1, 0.45]]);
    const e = buildEnsemble([a, b, c], 'vote');
    expect(e.probabilities[1]![0]).toBeCloseTo(2 / 3, 15);
    expect(Array.from(e.predicted)).toEqual([1, 0]);
    const tie = buildEnsemble([a, c], 'vote');
    expect(tie.probabilities[1]![0]).toBe(0.5);
    expect(Array.from(tie.predicted)).toEqual([1, 0]);
  });

  it('refuses sources whose labels disagree or whose class counts differ', () => {
    const a = source('a', [['AA', 1, 1, 1, 0.9]]);
    const b = source('b', [['AA', 1, 1, 0, 0.9]]);
    expect(() => buildEnsemble([a, b], 'mean')).toThrow(/trained on different labels/);
    const three = { ...a, name: 'three', probabilities: [...a.probabilities, new Float64Array(1)] };
    expect(() => buildEnsemble([a, three], 'mean')).toThrow(/predicts 3 classes/);
  });
});

describe('a policy as a prediction source', () => {
  it('moves each position to the decision bar before it, per ticker and segment', () => {
    const p = policyPredictions({
      name: 'ppo',
      tickers: ['AA', 'BB'],
      ticker: Int32Array.from([0, 1, 0, 1, 0]),
      date: Int32Array.from([10, 10, 11, 11, 12]),
      segment: Int8Array.from([2, 2, 2, 2, 2]),
      position: Float64Array.from([0, 1, 0.25, 0.5, 1.2]),
    });
    expect(Array.from(p.ticker)).toEqual([0, 0, 1]);
    expect(Array.from(p.date)).toEqual([10, 11, 10]);
    expect(Array.from(p.probabilities[1]!)).toEqual([0.25, 1, 0.5]);
    expect(Array.from(p.label)).toEqual([-1, -1, -1]);
  });
});

describe('selecting tickers', () => {
  it('keeps the listed tickers or the first N by name, and names the ones a source lacks', async () => {
    const { selectTickers } = await import('../../../src/quant/ensemble/select-tickers.js');
    const s = source('m', [['CC', 1, 2, 1, 0.7], ['AA', 1, 2, 0, 0.2], ['BB', 2, 2, 1, 0.6], ['AA', 2, 2, 1, 0.9]]);
    const first = selectTickers(s, 1);
    expect(Array.from(first.ticker, (i) => first.tickers[i])).toEqual(['AA', 'AA']);
    expect(Array.from(first.probabilities[1]!)).toEqual([0.2, 0.9]);
    const listed = selectTickers(s, ['CC', 'BB']);
    expect(Array.from(listed.date)).toEqual([1, 2]);
    expect(selectTickers(s, null)).toBe(s);
    expect(() => selectTickers(s, ['ZZ'])).toThrow(/no predictions for ZZ; it has AA, BB, CC/);
  });
});
