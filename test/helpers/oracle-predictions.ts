/**
 * YAML for stage tests of ensemble, backtest and compare: the small synthetic data path
 * (see synthetic-data-path.ts) plus `command` stages standing in for classifiers, each
 * right on a given fraction of val and test rows (test/fixtures/scripts/noisy-oracle.mjs).
 */
import path from 'node:path';
import { syntheticDataPath } from './synthetic-data-path.js';

const SCRIPT = path.resolve(import.meta.dirname, '../fixtures/scripts/noisy-oracle.mjs');

export function oracleStage(id: string, accuracy: number, seed: number): string {
  return `  ${id}:
    uses: command
    in: { dataset: scaled.dataset }
    with:
      run: node ${SCRIPT} {in.dataset} ${accuracy} ${seed} {out.predictions}
      deps: [${SCRIPT}]
      inputs: { dataset: dataset }
      outputs: { predictions: { type: predictions, format: parquet } }
`;
}

/** The data path and oracles `a` (accuracy 0.9 by default) and `b` (0.55), then `rest` (more stages). */
export function oraclePipeline(rest: string, options: { tickers?: number; accuracy?: [number, number] } = {}): string {
  const [a, b] = options.accuracy ?? [0.9, 0.55];
  return `pipeline: oracle-test
stages:
${syntheticDataPath({ tickers: options.tickers ?? 4 })}${oracleStage('a', a, 1)}${oracleStage('b', b, 2)}${rest}`;
}
