/**
 * A trained sequence classifier back from its JSON artifact (what `train-lstm` and
 * `train-transformer` write):
 * 1. check the format and read the architecture (`kind`, `config`), the window settings
 *    (`features`, `lookback`, `classes`, `span`);
 * 2. rebuild the model with the recorded config and overwrite every weight with the
 *    artifact's float32 bytes (tfjs weights-manifest layout), checking names and shapes.
 * The seeded initializer runs first, so the weights' creation order (and names) are the
 * trained model's; the values are then exactly the trained ones.
 */
import type * as tf from '@tensorflow/tfjs';
import { createLstm, type LstmConfig } from './lstm-model.js';
import type { SequenceModel } from './sequence-model.js';
import type { WindowSpan } from './sequence-windows.js';
import { createTransformer, type TransformerConfig } from './transformer-model.js';

/** The JSON of a sequence model artifact, as the training stages write it. */
export interface SequenceModelArtifact {
  format: 'tradelab-sequence-model';
  version: number;
  kind: 'lstm' | 'transformer';
  config: Record<string, unknown>;
  /** Feature columns in the order the model reads them. */
  features: string[];
  lookback: number;
  classes: number;
  span: WindowSpan;
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
  /** The weights' float32 bytes back to back, base64. */
  weightData: string;
}

/** A model artifact that cannot be read: not a sequence model, or weights that do not fit the config. */
export class ModelArtifactError extends Error {}

/** Parses and checks a model artifact's JSON text (no tfjs needed). */
export function parseSequenceModelArtifact(text: string): SequenceModelArtifact {
  const json = JSON.parse(text) as Partial<SequenceModelArtifact>;
  if (json.format !== 'tradelab-sequence-model') {
    throw new ModelArtifactError(`not a sequence model artifact (format ${JSON.stringify(json.format ?? null)}); predict reads the model of a train-lstm or train-transformer stage`);
  }
  if (json.kind !== 'lstm' && json.kind !== 'transformer') throw new ModelArtifactError(`unknown sequence model kind ${JSON.stringify(json.kind)}`);
  if (!Array.isArray(json.features) || !Number.isSafeInteger(json.lookback) || !Number.isSafeInteger(json.classes) || typeof json.weightData !== 'string') {
    throw new ModelArtifactError('the model artifact lacks features, lookback, classes or weightData');
  }
  return json as SequenceModelArtifact;
}

/** Rebuilds the model of `artifact` on the active tfjs backend, with its trained weights. */
export function loadSequenceModel(tfjs: typeof tf, artifact: SequenceModelArtifact): SequenceModel {
  const model = artifact.kind === 'lstm'
    ? createLstm(tfjs, artifact.config as unknown as LstmConfig)
    : createTransformer(tfjs, artifact.config as unknown as TransformerConfig);
  try {
    assignWeights(tfjs, model, artifact);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}

function assignWeights(tfjs: typeof tf, model: SequenceModel, artifact: SequenceModelArtifact): void {
  const specs = artifact.weightsManifest.flatMap((group) => group.weights);
  const bytes = Buffer.from(artifact.weightData, 'base64');
  // Copy out of Node's shared buffer pool so the Float32Array view is aligned and our own.
  const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const names = [...model.weights.keys()];
  if (specs.length !== names.length) throw new ModelArtifactError(`the artifact holds ${specs.length} weights, the ${artifact.kind} config makes ${names.length}`);
  let at = 0;
  specs.forEach((spec, i) => {
    const variable = model.weights.get(spec.name);
    if (spec.name !== names[i] || !variable) throw new ModelArtifactError(`weight ${i} is '${spec.name}' in the artifact, '${names[i]}' in the model`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (variable.shape.join('x') !== spec.shape.join('x')) throw new ModelArtifactError(`weight '${spec.name}' is ${spec.shape.join('x')} in the artifact, ${variable.shape.join('x')} in the model`);
    if (at + size > values.length) throw new ModelArtifactError(`weightData ends inside weight '${spec.name}'`);
    const part = values.subarray(at, at + size);
    tfjs.tidy(() => variable.assign(tfjs.tensor(part, spec.shape, 'float32')));
    at += size;
  });
  if (at !== values.length) throw new ModelArtifactError(`weightData holds ${values.length - at} values more than the weights`);
}
