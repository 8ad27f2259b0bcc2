import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PooledFileSink } from '../../src/io/pooled-file-sink.js';
import { tempDir } from '../helpers/engine-harness.js';

describe('the pooled file sink', () => {
  it('writes every byte in order through few small slots, waiting for free ones', async () => {
    const file = path.join(tempDir(), 'out.bin');
    const fd = openSync(file, 'w');
    const sink = new PooledFileSink(fd, { slots: 2, slotBytes: 1_000 });
    const expected: number[] = [];
    let previous = 0;
    for (let i = 0; i < 300; i++) {
      const chunk = Uint8Array.from({ length: (i * 37) % 2_500 }, (_, k) => (i + k) % 251);
      expected.push(...chunk);
      await sink.write(chunk);
      expect(sink.written).toBeGreaterThanOrEqual(previous);
      expect(sink.written).toBeLessThanOrEqual(sink.length);
      previous = sink.written;
    }
    await sink.flush();
    expect(sink.written).toBe(expected.length);
    closeSync(fd);
    expect(readFileSync(file).equals(Buffer.from(expected))).toBe(true);
  });

  it('reports a failed write from flush', async () => {
    const file = path.join(tempDir(), 'ro.bin');
    closeSync(openSync(file, 'w'));
    const fd = openSync(file, 'r');
    const sink = new PooledFileSink(fd, { slots: 1, slotBytes: 10 });
    await sink.write(new Uint8Array(5));
    await expect(sink.flush()).rejects.toThrow(/EBADF/);
    closeSync(fd);
  });
});
