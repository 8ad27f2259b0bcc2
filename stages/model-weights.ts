/**
 * Trained weights as the JSON fields of a model artifact, in TensorFlow.js's weights-manifest
 * layout: `weightsManifest` names each weight's shape and dtype in order, `weightData` holds
 * their float32 bytes back to back, base64. Shared by the supervised and RL training stages.
 */
import type * as tf from '@tensorflow/tfjs';

export function weightFields(weights: ReadonlyMap<string, tf.Variable>): { weightsManifest: unknown[]; weightData: string } {
  const manifest = [...weights].map(([name, v]) => ({ name, shape: v.shape, dtype: 'float32' }));
  const bytes = Buffer.concat([...weights.values()].map((v) => {
    const values = v.dataSync() as Float32Array;
    return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  }));
  return { weightsManifest: [{ paths: ['weightData'], weights: manifest }], weightData: bytes.toString('base64') };
}
