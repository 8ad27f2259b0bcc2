/**
 * Runs `train-lstm`: load the dataset's windows, build the LSTM from the params with a seeded
 * initialization, train (resuming from a checkpoint when one matches), write model, history
 * and predictions.
 */
import type { StageContext } from '../../src/engine/contract.js';
import { createLstm } from '../../src/quant/models/lstm-model.js';
import { loopOptions, prepareTraining, runTraining, writeTrainingOutputs, type TrainingParams } from '../sequence-training.js';

interface LstmParams extends TrainingParams {
  lookback: number;
  layers: number;
  units: number;
  dropout: number;
  attention: boolean;
}

export async function run(ctx: StageContext): Promise<void> {
  const p = ctx.params as unknown as LstmParams;
  const { tfjs, table, tickers, classes, windows, seed } = await prepareTraining(ctx, p);
  const config = { features: table.featureNames.length, classes, layers: p.layers, units: p.units, dropout: p.dropout, attention: p.attention, seed };
  const model = createLstm(tfjs, config);
  const result = await runTraining(ctx, {
    tfjs,
    model,
    windows,
    classes,
    ...loopOptions(p, { windows, table, classes, seed }),
    learningRate: () => p.learning_rate,
    fingerprint: JSON.stringify({ config, p, backend: tfjs.getBackend() }),
  });
  await writeTrainingOutputs(ctx, { tfjs, model, windows, table, tickers, classes, result });
  model.dispose();
}
