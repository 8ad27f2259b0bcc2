import { describe, expect, it } from 'vitest';
import { drawdownSeries } from '../../../src/quant/report/drawdown.js';

describe('drawdownSeries', () => {
  it('is equity over its running peak minus 1, zero at each new high', () => {
    const dd = drawdownSeries([1, 1.2, 0.9, 1.2, 1.5, 1.2]);
    const expected = [0, 0, 0.9 / 1.2 - 1, 0, 0, 1.2 / 1.5 - 1];
    dd.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });

  it('keeps missing and non-positive points as gaps without moving the peak', () => {
    const dd = drawdownSeries([1, null, Number.NaN, 2, 0, Number.POSITIVE_INFINITY, 1]);
    expect(dd).toEqual([0, null, null, 0, null, null, -0.5]);
  });
});
