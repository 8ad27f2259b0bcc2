import { describe, expect, it } from 'vitest';
import { recommend, type Contender } from '../../../src/quant/compare/recommendation.js';
import { returnStatistics } from '../../../src/quant/compare/return-statistics.js';
import { RandomStream } from '../../../src/quant/data/random-stream.js';

const T = 500;

/** Daily returns: drift + 1% noise, seeded. */
function stream(seed: number, drift: number, base?: Float64Array): Float64Array {
  const random = new RandomStream(seed);
  return Float64Array.from({ length: T }, (_, t) => (base ? base[t]! : 0) + drift + 0.01 * random.nextNormal());
}

/** Contenders built the way the compare stage builds them: statistics, then recommendation. */
function judge(models: Record<string, Float64Array>, buyAndHold: Float64Array, valSharpe?: Record<string, number>) {
  const names = Object.keys(models);
  const returns = [...names.map((n) => models[n]!), buyAndHold];
  const stats = returnStatistics({ returns, candidate: [...names.map(() => true), false], benchmark: names.length, options: { periodsPerYear: 252, seed: 1, resamples: 200 } });
  const contenders: Contender[] = names.map((name, i) => ({
    name,
    selectionSharpe: valSharpe?.[name] ?? stats[i]!.sharpe,
    testSharpe: stats[i]!.sharpe,
    testReturns: returns[i]!,
    pVsBuyAndHold: stats[i]!.dmPAdjusted,
    dsr: stats[i]!.dsr,
  }));
  return recommend({ contenders, alpha: 0.05, selectedOn: valSharpe ? 'val' : 'test', buyAndHoldSharpe: stats[names.length]!.sharpe });
}

describe('the recommendation', () => {
  const market = stream(1, 0.0003);

  it('names a model that beats buy-and-hold and the runner-up by a wide margin', () => {
    const r = judge({ strong: stream(2, 0.003, market), noise: stream(3, 0, market) }, market);
    expect(r.verdict).toBe('best-model');
    expect(r.best).toBe('strong');
    expect(r.text).toMatch(/strong is recommended/);
  });

  it('says plainly that nothing beats buy-and-hold when the models are noise around it', () => {
    const models = Object.fromEntries([4, 5, 6, 7].map((s) => [`m${s}`, stream(s, 0, market).map((x, t) => 0.2 * x + 0.8 * market[t]!)]));
    const r = judge(models, market);
    expect(r.verdict).toBe('no-model-beats-buy-and-hold');
    expect(r.text).toMatch(/No model is distinguishable from buy-and-hold/);
  });

  it('names no single model when two beat buy-and-hold but cannot be told apart', () => {
    const edge = stream(8, 0.003, market);
    const r = judge({ a: edge, b: edge.map((x, t) => x + 0.0005 * Math.sin(t)) }, market);
    expect(r.verdict).toBe('no-clear-winner');
    expect(r.text).toMatch(/cannot be told apart/);
  });

  it('chooses on validation Sharpe, not on test', () => {
    const r = judge({ strong: stream(2, 0.003, market), weak: stream(3, 0, market) }, market, { strong: 0.1, weak: 2 });
    expect(r.details[0]).toMatch(/^weak has the best validation Sharpe/);
    expect(r.verdict).toBe('no-model-beats-buy-and-hold');
  });

  it('refuses to judge on too few periods', () => {
    const short = (x: Float64Array) => x.subarray(0, 10);
    const r = recommend({ contenders: [{ name: 'm', selectionSharpe: 1, testSharpe: 1, testReturns: short(market), pVsBuyAndHold: 0.01, dsr: 0.9 }], alpha: 0.05, selectedOn: 'val', buyAndHoldSharpe: 0.5 });
    expect(r.verdict).toBe('insufficient-data');
  });
});

describe('return statistics', () => {
  it('gives a never-trading strategy undefined ratios with a reason, and still tests it against buy-and-hold', () => {
    const market = stream(1, 0.0003);
    const stats = returnStatistics({ returns: [new Float64Array(T), market], candidate: [true, false], benchmark: 1, options: { periodsPerYear: 252, seed: 1, resamples: 100 } });
    expect(stats[0]!.sharpe).toBeNaN();
    expect(stats[0]!.undefinedReason).toMatch(/never vary/);
    expect(stats[0]!.dmP).toBeGreaterThan(0);
    expect(stats[1]!.sharpeLower).toBeLessThan(stats[1]!.sharpe);
    expect(stats[1]!.dmPAdjusted).toBeNaN();
  });

  it('deflates a lucky best among many noise trials below its plain PSR', () => {
    const market = stream(1, 0);
    const trials = Array.from({ length: 20 }, (_, i) => stream(100 + i, 0));
    const returns = [...trials, market];
    const stats = returnStatistics({ returns, candidate: [...trials.map(() => true), false], benchmark: 20, options: { periodsPerYear: 252, seed: 1, resamples: 50 } });
    const best = stats.slice(0, 20).reduce((a, b) => (b.sharpe > a.sharpe ? b : a));
    expect(best.dsr).toBeLessThan(best.psr);
    expect(best.dsr).toBeLessThan(0.95);
  });
});
