import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputDigest } from '../../src/engine/output-digest.js';
import { tempDir } from '../helpers/engine-harness.js';

describe('the output digest thread', () => {
  it('hashes a file as it grows to the same SHA-256 as hashing the finished file', async () => {
    const file = path.join(tempDir(), 'out.bin');
    writeFileSync(file, '');
    const digest = new OutputDigest(file);
    let length = 0;
    for (let i = 0; i < 20; i++) {
      const chunk = Buffer.alloc(700_000 + i * 1_013, i * 7);
      appendFileSync(file, chunk);
      length += chunk.length;
      if (i % 3 === 0) digest.advance(length);
    }
    const sha256 = await digest.finish(length);
    expect(sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
  });

  it('fails with a clear error when the file is shorter than the length it is told', async () => {
    const file = path.join(tempDir(), 'short.bin');
    writeFileSync(file, 'abc');
    await expect(new OutputDigest(file).finish(10)).rejects.toThrow(/short\.bin ends at byte 3, before the 10 bytes written/);
  });
});
