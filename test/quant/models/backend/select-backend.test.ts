import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BackendError } from '../../../../src/quant/models/backend/backend-error.js';
import { selectBackend } from '../../../../src/quant/models/backend/select-backend.js';

const require = createRequire(import.meta.url);
const installed = (name: string) => {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
};
const nativeMissing = !installed('@tensorflow/tfjs-node-gpu') && !installed('@tensorflow/tfjs-node');

/** The product of two fixed matrices on the active backend. */
function product(): Float32Array {
  return tf.tidy(() => {
    const a = tf.randomNormal([64, 96], 0, 1, 'float32', 1);
    const b = tf.randomNormal([96, 80], 0, 1, 'float32', 2);
    return tf.matMul(a, b).dataSync() as Float32Array;
  }).slice();
}

describe('selectBackend', () => {
  it('activates the cpu backend and describes it', async () => {
    const description = await selectBackend({ choice: 'cpu' });
    expect(description).toEqual({
      choice: 'cpu', name: 'cpu', package: '@tensorflow/tfjs-backend-cpu', version: '4.22.0', build: 'javascript', threads: 1, fallbacks: [],
    });
    expect(tf.getBackend()).toBe('cpu');
  });

  it.runIf(nativeMissing)('falls back from the missing native packages to wasm under auto, saying why for each', async () => {
    const description = await selectBackend({ choice: 'auto', threads: 1 });
    expect(description).toMatchObject({ choice: 'auto', name: 'wasm', package: '@tensorflow/tfjs-backend-wasm', version: '4.22.0', build: 'wasm SIMD', threads: 1 });
    expect(description.fallbacks.map((f) => f.candidate)).toEqual(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']);
    for (const fallback of description.fallbacks) expect(fallback.reason).toMatch(/Cannot find (package|module)/);
    expect(tf.getBackend()).toBe('wasm');
  });

  it.runIf(nativeMissing)('refuses tensorflow when neither native package loads, with a hint', async () => {
    const failure = await selectBackend({ choice: 'tensorflow' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BackendError);
    expect((failure as BackendError).code).toBe('backend-unavailable');
    expect((failure as BackendError).message).toMatch(/tfjs-node-gpu: .*\n.*tfjs-node: /);
    expect((failure as BackendError).hint).toMatch(/README/);
  });

  it('rejects an unknown choice and a bad thread count', async () => {
    await expect(selectBackend({ choice: 'gpu' as never })).rejects.toThrow(/unknown backend 'gpu'; expected one of auto, tensorflow, wasm, cpu/);
    await expect(selectBackend({ choice: 'wasm', threads: 0 })).rejects.toThrow(/threads must be an integer >= 1/);
  });

  it('runs the multithreaded SIMD build with the requested threads, computing what the single-threaded build does', async () => {
    const listeners = process.listenerCount('unhandledRejection');
    const single = await selectBackend({ choice: 'wasm', threads: 1 });
    expect(single.build).toBe('wasm SIMD');
    const expected = product();

    const multi = await selectBackend({ choice: 'wasm', threads: 2 });
    expect(multi).toMatchObject({ name: 'wasm', build: 'wasm multithreaded SIMD', threads: 2, fallbacks: [] });
    expect(product()).toEqual(expected);
    expect(process.listenerCount('unhandledRejection')).toBe(listeners);

    expect(await selectBackend({ choice: 'wasm', threads: 2 })).toBe(multi);
  });
});
