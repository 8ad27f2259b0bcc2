// Throughput of the vectorized trading environment (src/quant/rl/trading-env.ts): a batch of
// 64 training envs over a synthetic market of 58 features, stepped with pre-generated random
// actions on one core. Env steps/s (batch steps x 64) for
// 1. step() alone: fills, marks, rewards, logs, episode ends and resets (target >= 2,000,000);
// 2. step() + observe() with observation 'last-row' (58 + 15 values per env);
// 3. step() + observe() with the default 20-row window (20 x 58 + 15 = 1175 values per env).
// Each figure is the median of 5 timed runs of ~0.4 s after a warm-up.
// `node test/bench/env-throughput.js [--json]` (needs `npm run build`); run by
// `npm run bench --only=env`.
import { syntheticEnvMarket } from '../../dist/src/quant/rl/env-synthetic-market.js';
import { TradingEnv } from '../../dist/src/quant/rl/trading-env.js';
import { RandomStream } from '../../dist/src/quant/data/random-stream.js';

const ENVS = 64;
const FEATURES = 58;
const ACTION_STEPS = 4096;
const asJson = process.argv.includes('--json');

const market = syntheticEnvMarket({ tickers: 40, rows: 2520, featureCount: FEATURES, seed: 1, missingOpen: 0.01 });
const random = new RandomStream(2);
const actions = Int32Array.from({ length: ACTION_STEPS * ENVS }, () => random.nextUint32() % 9);
// Views made once, so the timed loop allocates nothing of its own.
const batches = Array.from({ length: ACTION_STEPS }, (_, s) => actions.subarray(s * ENVS, (s + 1) * ENVS));

/** Batch steps per second over ~`seconds`, checking the clock every 256 steps. */
function timeRun(env, into, seconds) {
  let steps = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    for (let k = 0; k < 256; k++, steps++) {
      env.step(batches[steps % ACTION_STEPS]);
      if (into) env.observe(into);
    }
    env.drainEpisodes();
    elapsed = performance.now() - started;
  }
  return steps / (elapsed / 1000);
}

function measure(observation, withObserve) {
  const env = TradingEnv.training({ market, envs: ENVS, seed: 3, config: { observation } });
  const into = withObserve ? new Float32Array(env.count * env.observationSize) : undefined;
  timeRun(env, into, 0.5);
  const runs = Array.from({ length: 5 }, () => timeRun(env, into, 0.4)).sort((a, b) => a - b);
  return { perSecond: runs[2] * ENVS, observationSize: env.observationSize };
}

const results = [];
for (const [name, observation, withObserve] of [
  ['step() alone', 'window', false],
  ["step() + observe(), 'last-row'", 'last-row', true],
  ['step() + observe(), 20-row window', 'window', true],
]) {
  const { perSecond, observationSize } = measure(observation, withObserve);
  const label = `trading env ${name}, ${ENVS} envs x ${FEATURES} features${withObserve ? ` (${observationSize} values per env)` : ''}`;
  results.push({ name: label, value: Math.round(perSecond), unit: 'env steps/s', ...(withObserve ? {} : { target: '>= 2,000,000' }) });
  if (!asJson) console.log(`${label}: ${(perSecond / 1e6).toFixed(2)} M env steps/s`);
}
if (asJson) console.log(JSON.stringify(results));
