import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../src/quant/models/backend/select-backend.js';
import { transposeLastTwo } from '../../../../src/quant/models/kernels/transpose-last-two.js';
import { asWasmBackend } from '../../../../src/quant/models/kernels/wasm-heap.js';

describe('transposeLastTwo', () => {
  beforeAll(async () => {
    await selectBackend({ choice: 'wasm', threads: 1 });
  });

  // Each shape takes one path: narrow rows, a batch of small matrices, a tall matrix in
  // blocks of 64 and of 32 columns, the JS loop, and a batch of large matrices.
  const shapes = [[300, 17], [5, 90, 90], [200, 128], [300, 96], [130, 131], [2, 140, 130], [1, 7]];
  for (const shape of shapes) {
    it(`swaps the last two axes of [${shape.join(', ')}] exactly like tf.transpose`, () => {
      const x = tf.randomNormal(shape, 0, 1, 'float32', shape[0]);
      const perm = shape.length === 2 ? [1, 0] : [0, 2, 1];
      const expected = tf.transpose(x, perm);
      const backend = asWasmBackend(tf.backend());
      const info = transposeLastTwo(backend, x);
      const actual = tf.engine().makeTensorFromTensorInfo(info);
      expect(actual.shape).toEqual(expected.shape);
      expect(Array.from(actual.dataSync())).toEqual(Array.from(expected.dataSync()));
      tf.dispose([x, expected, actual]);
    });
  }
});
