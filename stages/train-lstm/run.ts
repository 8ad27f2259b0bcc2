/**
 * Runs `train-lstm`: load the dataset's windows, build the LSTM from the params with a seeded
 * initialization, train (resuming from a checkpoint when one matches), write model, history
 * and predictions.
 */
import type { StageContext } from '../../src/engine/contract.js';
import { createLstm } from '../../src/quant/models/lstm-model.js';
import { prepareTraining, runTraining, writeTrainingOutputs, type TrainingParams } from '../sequence-training.js';

interface LstmParams extends TrainingParams {
  lookback: number;
  layers: number;
  units: number;
  dropout: number;
  attention: boolean;
}

export async function run(ctx: StageContext): Promise<void> {
  const p = ctx.params as unknown as LstmParams;
  const setup = await prepareTraining(ctx, p);
  const { tfjs, table, classes, seed } = setup;
  const model = createLstm(tfjs, { features: table.featureNames.length, classes, layers: p.layers, units: p.units, dropout: p.dropout, attention: p.attention, seed });
  const result = await runTraining(ctx, setup, { model, params: p, learningRate: () => p.learning_rate });
  await writeTrainingOutputs(ctx, { ...setup, model, result });
  model.dispose();
}
