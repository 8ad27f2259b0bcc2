import type * as tf from '@tensorflow/tfjs';

/**
 * max |actual − expected| / max |expected|: the error relative to the tensor's scale, so an
 * element near zero does not turn float32 rounding into a huge ratio.
 */
export function relativeError(actual: tf.Tensor, expected: tf.Tensor): number {
  if (actual.shape.join() !== expected.shape.join()) throw new Error(`shapes differ: [${actual.shape.join(', ')}] vs [${expected.shape.join(', ')}]`);
  const a = actual.dataSync();
  const e = expected.dataSync();
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < e.length; i++) {
    worst = Math.max(worst, Math.abs(a[i]! - e[i]!));
    scale = Math.max(scale, Math.abs(e[i]!));
  }
  return scale === 0 ? worst : worst / scale;
}
