/**
 * Runs `ensemble`: reads every source, turns RL traces into two-class sources, combines
 * them with weights chosen on the validation segment only, and writes the predictions
 * table and the weights.
 */
import type { StageContext } from '../../src/engine/contract.js';
import { buildEnsemble } from '../../src/quant/ensemble/build-ensemble.js';
import type { EnsembleMethod } from '../../src/quant/ensemble/combine-predictions.js';
import { policyPredictions } from '../../src/quant/ensemble/policy-predictions.js';
import { predictionColumns, readPolicyTrace, readPredictions, sourceName } from '../prediction-table.js';

export async function run(ctx: StageContext): Promise<void> {
  const method = ctx.params.method as EnsembleMethod;
  const classifiers = await Promise.all((ctx.inputs.predictions ?? []).map((a, i) => readPredictions(a, sourceName(a, i))));
  const policies = await Promise.all((ctx.inputs.actions ?? []).map(async (a, i) => policyPredictions(await readPolicyTrace(a, sourceName(a, classifiers.length + i)))));
  if (policies.length > 0 && classifiers.some((c) => c.probabilities.length !== 2)) {
    throw new Error('RL policies can join an ensemble of two-class classifiers only (P(up) = position); drop `actions:` or use a binary label in `split`');
  }
  const ensemble = buildEnsemble([...classifiers, ...policies], method);
  for (const s of ensemble.weights.sources) ctx.log(`${s.name}: val accuracy ${Number.isNaN(s.valAccuracy) ? '-' : s.valAccuracy.toFixed(4)} over ${s.valRows} rows, weight ${s.weight.toFixed(4)}`);
  if (ensemble.weights.equalFallback) ctx.log('no source beats chance on the validation segment: equal weights');
  if (ensemble.dropped > 0) ctx.log(`${ensemble.dropped} rows of ${classifiers[0]?.name ?? 'the first source'} are missing from another source and were left out`);
  await ctx.output('predictions', {
    columns: predictionColumns(ensemble),
    metadata: { 'tradelab.classes': String(ensemble.probabilities.length), 'tradelab.model': `ensemble-${method}` },
  });
  await ctx.output('weights', { json: { method, rows: ensemble.date.length, dropped: ensemble.dropped, equalFallback: ensemble.weights.equalFallback, sources: ensemble.weights.sources } });
}
