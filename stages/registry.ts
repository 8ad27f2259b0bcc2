/**
 * Every built-in stage kind, listed explicitly. The CLI builds the registry from this list
 * and hands it to the engine; nothing registers itself by being imported.
 */
import type { StageDefinition, StageRegistry } from '../src/engine/contract.js';
import { backtestStage } from './backtest/definition.js';
import { commandStage } from './command/definition.js';
import { compareStage } from './compare/definition.js';
// from './command/definition.js';
import { ensembleStage } from './ensemble/definition.js';
import { indicatorsStage } from './indicators/definition.js';
import { ingestStage } from './ingest/definition.js';
import { normalizeStage } from './normalize/definition.js';
import { splitStage } from './split/definition.js';
import { testJoinStage } from './test-join/definition.js';
import { testMapStage } from './test-map/definition.js';
import { testSourceStage } from './test-source/definition.js';
import { trainDqnStage } from './train-dqn/definition.js';
import { trainLstmStage } from './train-lstm/definition.js';
import { trainPpoStage } from './train-ppo/definition.js';
import { trainTransformerStage } from './train-transformer/definition.js';

export const BUILTIN_STAGES: readonly StageDefinition[] = [ingestStage, indicatorsStage, splitStage, normalizeStage, trainLstmStage, trainTransformerStage, trainPpoStage, trainDqnStage, ensembleStage, backtestStage, compareStage, commandStage, testSourceStage, testMapStage, testJoinStage];

export function builtinRegistry(): StageRegistry {
  return new Map(BUILTIN_STAGES.map((s) => [s.kind, s]));
}

/**
 * The inference code of the supervised model stages (`predict-signals.ts` and the `inference-*.ts` files it uses) (`tradelab predict`), loaded only when
 * asked for: the CLI reaches stage code through this file alone, and predicting needs tfjs,
 * which no other verb should load.
 */
export async function loadInference(): Promise<typeof import('./predict-signals.js')> {
  return import('./predict-signals.js');
}
