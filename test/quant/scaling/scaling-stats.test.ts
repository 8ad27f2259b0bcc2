import { describe, expect, it } from 'vitest';
import { fitScaling } from '../../../src/quant/scaling/fit-scaling.js';
import { parseScalingStats, scalingNotes, serializeScalingStats } from '../../../src/quant/scaling/scaling-stats.js';
import { SEGMENT } from '../../../src/quant/splits/split-plan.js';

const T = SEGMENT.train;
const X = SEGMENT.test;

const fitted = () =>
  fitScaling({
    method: 'robust', scope: 'per-ticker', names: ['ret_1', 'flag'],
    columns: [Float64Array.from([-0.5, 0.25, 0.1, 2, 3, 4]), Float64Array.from([0, 0, 0, 1, 0, 0])],
    segment: Int8Array.from([T, T, T, X, X, T]), tickers: ['AA', 'BB', 'CC'], offsets: Int32Array.from([0, 3, 5, 6]),
  });

describe('scaling stats', () => {
  it('serialize to the same JSON text every time, NaN written as null', () => {
    const text = serializeScalingStats(fitted());
    expect(text).toBe(serializeScalingStats(fitted()));
    expect(JSON.parse(text)).toEqual({
      method: 'robust', scope: 'per-ticker', clip: 5, tickers: ['AA', 'BB', 'CC'],
      features: [
        { name: 'ret_1', center: [0.1, null, 4], scale: [1.4826 * 0.15, null, 0], count: [3, 0, 1], rule: [0, 3, 2] },
        { name: 'flag', center: [0, null, 0], scale: [0, null, 0], count: [3, 0, 1], rule: [2, 3, 2] },
      ],
    });
  });

  it('parse back bit for bit', () => {
    const stats = fitted();
    const back = parseScalingStats(serializeScalingStats(stats));
    expect(back).toEqual(stats);
    for (const key of ['center', 'scale', 'count', 'rule'] as const) expect(Buffer.from(back[key].buffer).equals(Buffer.from(stats[key].buffer))).toBe(true);
    expect(() => parseScalingStats(serializeScalingStats(stats).replace('"count":[3,0,1]', '"count":[3,0]'))).toThrow(
      "scaling stats for 'ret_1' hold a wrong number of entries (want 3)",
    );
  });

  it('list every entry fitted by a fallback rule, for the stage to log', () => {
    expect(scalingNotes(fitted())).toEqual([
      { feature: 'ret_1', ticker: 'BB', rule: 'unfitted' },
      { feature: 'ret_1', ticker: 'CC', rule: 'constant' },
      { feature: 'flag', ticker: 'AA', rule: 'constant' },
      { feature: 'flag', ticker: 'BB', rule: 'unfitted' },
      { feature: 'flag', ticker: 'CC', rule: 'constant' },
    ]);
  });
});
