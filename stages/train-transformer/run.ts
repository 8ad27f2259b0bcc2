/**
 * Runs `train-transformer`: load the dataset's windows (with each day's realized volatility
 * when the attention is volatility-aware), build the encoder with a seeded initialization,
 * train with warm-up then inverse-square-root learning rates (resuming from a checkpoint when
 * one matches), save the attention maps of a fixed probe batch every `attention_every`
 * epochs, and write model, history, predictions, the maps and their heatmaps.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { StageContext } from '../../src/engine/contract.js';
import { renderAttentionHeatmap } from '../../src/quant/models/attention-heatmap.js';
import { learningRate } from '../../src/quant/models/learning-rate-schedule.js';
import { SequenceWindows } from '../../src/quant/models/sequence-windows.js';
import { batchTensors } from '../../src/quant/models/train-classifier.js';
import { attentionMaps, averageOverBatch, createTransformer, type PositionalEncoding } from '../../src/quant/models/transformer-model.js';
import { formatIsoDay } from '../../src/quant/data/price-table.js';
import { prepareTraining, runTraining, writeTrainingOutputs, type TrainingParams } from '../sequence-training.js';
import { float32FromBase64 } from '../attention-artifact.js';

interface TransformerParams extends TrainingParams {
  lookback: number;
  layers: number;
  heads: number;
  d_model: number;
  d_ff: number;
  dropout: number;
  positional: PositionalEncoding;
  volatility_bias: boolean;
  volatility_feature: string;
  warmup_steps: number;
  attention_every: number;
  probe_size: number;
}

export async function run(ctx: StageContext): Promise<void> {
  const p = ctx.params as unknown as TransformerParams;
  const setup = await prepareTraining(ctx, p, p.volatility_bias ? { volatilityFeature: p.volatility_feature } : {});
  const { tfjs, table, tickers, classes, windows, seed } = setup;
  const model = createTransformer(tfjs, {
    features: table.featureNames.length, classes, layers: p.layers, heads: p.heads, dModel: p.d_model, dFf: p.d_ff,
    dropout: p.dropout, volatilityBias: p.volatility_bias, positional: p.positional, seed,
  });
  const probe = probeBatch(windows, p.probe_size);
  const mapsFile = path.join(ctx.scratchDir, 'attention.jsonl');
  const result = await runTraining(ctx, setup, {
    model,
    params: p,
    learningRate: (step) => learningRate(step, { peak: p.learning_rate, warmupSteps: p.warmup_steps }),
    onEpochEnd: (epoch) => {
      if ((epoch + 1) % p.attention_every !== 0 || !probe) return;
      const inputs = batchTensors(tfjs, windows, probe);
      const mean = averageOverBatch(attentionMaps(model, inputs));
      tfjs.dispose(Object.values(inputs));
      appendFileSync(mapsFile, `${JSON.stringify({ epoch, values: Buffer.from(mean.buffer, mean.byteOffset, mean.byteLength).toString('base64') })}\n`);
    },
  });
  const saved = existsSync(mapsFile) ? readFileSync(mapsFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { epoch: number; values: string }) : [];
  await ctx.output('attention', {
    json: {
      layers: p.layers,
      heads: p.heads,
      steps: p.lookback,
      layout: '[layers, heads, query step, key step], float32 little-endian, base64; averaged over the probe batch',
      probe: probe ? Array.from(probe.endRows.subarray(0, probe.size), (r) => ({ ticker: tickers[table.ticker[r]!], date: formatIsoDay(table.date[r]!) })) : [],
      epochs: saved,
    },
  });
  const last = saved.at(-1);
  const svg = last
    ? renderAttentionHeatmap(float32FromBase64(last.values), p.lookback, { heads: p.heads, title: `attention after epoch ${last.epoch + 1}: a row per layer, a panel per head (query step down, key step across)` })
    : '<svg xmlns="http://www.w3.org/2000/svg"><text x="10" y="20">no attention maps were saved</text></svg>';
  await ctx.output('heatmaps', { bytes: new TextEncoder().encode(svg), format: 'bytes' });
  await writeTrainingOutputs(ctx, { ...setup, model, result });
  model.dispose();
}

/** The first val samples (train when there is no val), always the same for a dataset. */
function probeBatch(windows: SequenceWindows, size: number) {
  const rows = windows.count('val') > 0 ? windows.endRows('val') : windows.endRows('train');
  if (rows.length === 0) return undefined;
  const batch = windows.createBatch(Math.min(size, rows.length));
  windows.gather(rows.subarray(0, batch.capacity), batch);
  return batch;
}
