import { describe, expect, it } from 'vitest';
import { lastAttentionMaps } from '../../stages/attention-artifact.js';

const base64 = (values: number[]) => Buffer.from(new Float32Array(values).buffer).toString('base64');

describe('attention maps for the report', () => {
  it('takes the last saved epoch and splits it into one map per layer and head', () => {
    // 1 layer, 2 heads, 2 steps: head 0 is the identity, head 1 uniform.
    const artifact = { layers: 1, heads: 2, steps: 2, epochs: [{ epoch: 0, values: base64([0, 0, 0, 0, 0, 0, 0, 0]) }, { epoch: 3, values: base64([1, 0, 0, 1, 0.5, 0.5, 0.5, 0.5]) }] };
    const maps = lastAttentionMaps(artifact, 30);
    expect(maps.map((m) => [m.epoch, m.layer, m.head, m.size])).toEqual([[3, 0, 0, 2], [3, 0, 1, 2]]);
    expect(maps[0]!.values).toEqual([1, 0, 0, 1]);
    expect(maps[1]!.values).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('block-averages a long window down to at most maxSide cells a side', () => {
    const L = 5;
    const values = Array.from({ length: L * L }, (_, i) => i);
    const [map] = lastAttentionMaps({ layers: 1, heads: 1, steps: L, epochs: [{ epoch: 1, values: base64(values) }] }, 3);
    expect(map!.size).toBe(3); // blocks of 2: rows {0,1}, {2,3}, {4}
    expect(map!.values[0]).toBe((0 + 1 + 5 + 6) / 4);
    expect(map!.values[2]).toBe((4 + 9) / 2);
    expect(map!.values[8]).toBe(24);
  });

  it('gives no maps when none were saved', () => {
    expect(lastAttentionMaps({ layers: 2, heads: 2, steps: 4, epochs: [] }, 30)).toEqual([]);
  });
});
