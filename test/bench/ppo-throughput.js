// End-to-end PPO training throughput (issue 5): rollout + update with the default network
// (separate 64-64 tanh trunks) and SB3's default update (batch 64, 10 epochs) on the default
// trading observation (20-row window of 58 features + 15 portfolio values = 1175 inputs),
// 8 envs x 256 steps per rollout over a synthetic market, on the wasm backend (tradelab's
// kernels). Reports env frames/s over the timed updates and where the time went: inside the
// environments, in the rollout's forward passes, in GAE and the gradient steps.
// `node test/bench/ppo-throughput.js [--json]` (needs `npm run build`); run by
// `npm run bench --only=ppo`.
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../dist/src/quant/models/backend/select-backend.js';
import { registerAdamKernel } from '../../dist/src/quant/models/kernels/adam-kernel.js';
import { installWasmKernels } from '../../dist/src/quant/models/kernels/wasm-kernel-overrides.js';
import { syntheticEnvMarket } from '../../dist/src/quant/rl/env-synthetic-market.js';
import { PpoTrainer } from '../../dist/src/quant/rl/ppo.js';
import { TradingEnv } from '../../dist/src/quant/rl/trading-env.js';

const ENVS = 8;
const N_STEPS = 256;
const TIMED_UPDATES = 3;
const asJson = process.argv.includes('--json');

const backend = await selectBackend({ choice: 'wasm', threads: 2 });
tf.env().set('PROD', true);
installWasmKernels();
registerAdamKernel();
const market = syntheticEnvMarket({ tickers: 20, rows: 1500, featureCount: 58, seed: 1 });
const env = TradingEnv.training({ market, envs: ENVS, seed: 2 });
const trainer = new PpoTrainer(tf, env, { nSteps: N_STEPS, seed: 3 });
const frames = ENVS * N_STEPS;
await trainer.train({ totalSteps: frames }); // warm-up: JIT, XNNPACK operators
const logs = [];
const started = performance.now();
await trainer.train({ totalSteps: frames * (1 + TIMED_UPDATES), onUpdate: (log) => logs.push(log) });
const seconds = (performance.now() - started) / 1000;
const sum = (key) => logs.reduce((total, log) => total + log[key], 0);
const [envSeconds, forwardSeconds, updateSeconds] = ['envSeconds', 'forwardSeconds', 'updateSeconds'].map(sum);
const results = [
  { name: `PPO end to end (rollout + update), ${ENVS} envs x ${N_STEPS} steps, obs ${env.observationSize}, ${backend.build} ${backend.threads}t`, value: Math.round((frames * TIMED_UPDATES) / seconds), unit: 'env frames/s' },
  { name: '  share of time in the environments', value: (100 * envSeconds) / seconds, unit: '%' },
  { name: '  share of time in rollout forward passes', value: (100 * forwardSeconds) / seconds, unit: '%' },
  { name: '  share of time in GAE + gradient steps', value: (100 * updateSeconds) / seconds, unit: '%' },
];
trainer.dispose();
if (asJson) console.log(JSON.stringify(results));
else for (const r of results) console.log(`${r.name}: ${r.unit === '%' ? r.value.toFixed(1) : r.value} ${r.unit}`);
process.exit(0);
