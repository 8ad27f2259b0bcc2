// `npm run bench`: the engine's performance figures, measured as a user meets them
// (whole CLI processes, median of several runs). Prints a table; `--json` prints JSON.
// 1. no-op re-run of the 10-stage reference pipeline (target <= 150 ms);
// 2. `validate` of a generated 100-stage pipeline (target <= 200 ms);
// 3. `status` of a generated 10,000-stage pipeline: first look (YAML parsed), then from the
//    plan cache, never run and fully cached (target <= 2 s);
// 4. SHA-256 throughput over a 1 GB file, and the stat-cache hit that skips it;
// 5. the market chain ingest -> indicators -> split -> normalize on a synthetic universe of
//    $TRADELAB_BENCH_TICKERS (default 1,677) tickers x 2,520 days: wall time and peak RSS per
//    stage (targets: indicators <= 5 s, whole chain <= 30 s, peak RSS <= 4 GB).
// 6. indicator throughput, side by side with R's TTR (test/bench/peers/ttr-indicators.R) when
//    Rscript is installed, skipped with a message when not.
// 7. training throughput of the LSTM configs (a) 1 x 64, (b) 3 x 256 and (c) the 2-layer
//    transformer on the wasm backend,
//    stock vs tradelab kernels, 1 and 2 threads, beside PyTorch CPU (test/bench/peers/
//    torch-training.py) when python3 has torch, skipped with a message when not.
// 8. trading environment throughput (test/bench/env-throughput.js): 64 envs x 58 features,
//    env steps/s for step() alone (target >= 2,000,000) and with observe(), last row and window.
// 9. PPO end to end (test/bench/ppo-throughput.js): env frames/s of rollout + update with the
//    default network on the default observation, and the time split env / forward / update.
// 10. backtest engine (test/bench/backtest-throughput.js): 10 signals over 1,677 tickers x
//    2,520 days with costs and the trade journal, bar-steps/s (target >= 20,000,000).
// 11. planning a sweep (`planning`): `run --dry-run` of a baseline-like pipeline of fast test
//    stages whose sweep expands into 1,000 variants (1,000 trainer and 1,000 backtest copies
//    fanning into one compare): expansion, keys and cache lookups, nothing executed; first look
//    and with every stage cached (target <= 2 s).
// 12. `npm start`: pipelines/baseline.yaml end to end in a fresh store (target <= 15 min), then
//     fully cached (target <= 1 s).
// `--only=noop,validate,status,hash,indicators,chain,training,env,ppo,backtest,planning,start` picks sections.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/tradelab.js');
const asJson = process.argv.includes('--json');
const results = [];

function timeProcess(args, cwd, env = process.env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function record(name, value, unit, target) {
  if (value === null) {
    results.push({ name });
    if (!asJson) process.stderr.write(`  ${name}\n`);
    return;
  }
  const rounded = Math.round(value * 100) / 100;
  results.push({ name, value: rounded, unit, ...(target ? { target } : {}) });
  if (!asJson) process.stderr.write(`  ${name}: ${rounded} ${unit}${target ? ` (target ${target})` : ''}\n`);
}

function project() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tradelab-bench-'));
  mkdirSync(path.join(dir, 'pipelines'));
  return dir;
}

function benchNoop() {
  const dir = project();
  writeFileSync(path.join(dir, 'pipelines/baseline.yaml'), readFileSync(path.join(ROOT, 'test/fixtures/pipelines/reference.yaml')));
  timeProcess([BIN, 'run'], dir);
  const times = Array.from({ length: 5 }, () => timeProcess([BIN, 'run'], dir));
  record('no-op re-run, 10 stages (median of 5, whole process)', median(times), 'ms', '<= 150 ms');
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  const bare = median(Array.from({ length: 5 }, () => timeProcess(['-e', '0'], dir)));
  const bareNoCa = median(Array.from({ length: 5 }, () => timeProcess(['-e', '0'], dir, env)));
  const noopNoCa = median(Array.from({ length: 5 }, () => timeProcess([BIN, 'run'], dir, env)));
  record('  for scale: `node -e 0` in this environment', bare, 'ms');
  record('  no-op re-run without NODE_EXTRA_CA_CERTS', noopNoCa, 'ms');
  record('  for scale: `node -e 0` without NODE_EXTRA_CA_CERTS', bareNoCa, 'ms');
  rmSync(dir, { recursive: true, force: true });
}

function generated(n, fanIn) {
  const lines = ['pipeline: generated', 'stages:', '  s0: { uses: test-source, with: { n: 3, seed: 0 } }'];
  for (let i = 1; i < n; i++) {
    const from = fanIn && i % 10 === 0 ? `[${Array.from({ length: 3 }, (_, k) => `s${i - 1 - k}.numbers`).join(', ')}]` : undefined;
    lines.push(
      from
        ? `  s${i}: { uses: test-join, in: { parts: ${from} }, with: { mode: sum } }`
        : `  s${i}: { uses: test-map, in: { numbers: s${Math.floor((i - 1) / 2)}.numbers }, with: { op: add, by: ${i} } }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function benchValidate() {
  const dir = project();
  writeFileSync(path.join(dir, 'pipelines/p100.yaml'), generated(100, true));
  const times = Array.from({ length: 5 }, () => timeProcess([BIN, 'validate', 'pipelines/p100.yaml'], dir));
  record('validate, 100 stages (median of 5, whole process)', median(times), 'ms', '<= 200 ms');
  rmSync(dir, { recursive: true, force: true });
}

async function benchStatus() {
  const dir = project();
  writeFileSync(path.join(dir, 'pipelines/p10k.yaml'), generated(10_000, false));
  record('status, 10,000 stages, first look (parses and validates the YAML)', timeProcess([BIN, 'status', 'pipelines/p10k.yaml'], dir), 'ms');
  record('status, 10,000 stages never run (median of 3, whole process)', median(Array.from({ length: 3 }, () => timeProcess([BIN, 'status', 'pipelines/p10k.yaml'], dir))), 'ms', '<= 2000 ms');
  await fillCache(dir, 'pipelines/p10k.yaml');
  timeProcess([BIN, 'status', 'pipelines/p10k.yaml'], dir);
  record('status, 10,000 stages all cached (median of 3, whole process)', median(Array.from({ length: 3 }, () => timeProcess([BIN, 'status', 'pipelines/p10k.yaml'], dir))), 'ms', '<= 2000 ms');
  rmSync(dir, { recursive: true, force: true });
}

/** Records a cache entry and a one-byte-distinct object for every stage, as a finished run would. */
async function fillCache(dir, file) {
  const { openPipeline } = await import(path.join(ROOT, 'dist/src/cli/open-pipeline.js'));
  const { ArtifactStore } = await import(path.join(ROOT, 'dist/src/engine/artifact-store.js'));
  const { resolvePreimage } = await import(path.join(ROOT, 'dist/src/engine/key-resolver.js'));
  const { stageKey } = await import(path.join(ROOT, 'dist/src/engine/stage-key.js'));
  const opened = await openPipeline(path.join(dir, file));
  if (!opened.ok) throw new Error('generated pipeline is invalid');
  const store = new ArtifactStore(path.join(dir, 'artifacts'));
  const known = new Map();
  for (const spec of opened.pipeline.stages) {
    const { preimage } = await resolvePreimage(spec, known, store.statCache, dir);
    const key = stageKey(preimage);
    const outputs = {};
    for (const [port, out] of Object.entries(spec.outputs)) {
      const tmp = path.join(dir, 'object.tmp');
      writeFileSync(tmp, `${key}:${port}`);
      outputs[port] = { ...(await store.putFile(tmp)), type: out.type, format: 'json' };
    }
    store.writeCacheEntry({ key, kind: spec.kind, preimage, outputs, seconds: 0, finishedAt: new Date().toISOString() });
    known.set(spec.id, outputs);
  }
  store.saveStatCache();
}

/** Baseline-shaped (data chain, four trainers, ensemble, backtest, compare) with a 10 x 25 x 4 sweep of one trainer. */
function sweepPipeline() {
  const values = (n, f) => `[${Array.from({ length: n }, (_, i) => f(i)).join(', ')}]`;
  return `pipeline: planning
stages:
  prices: { uses: test-source, with: { n: 50, seed: 1 } }
  features: { uses: test-map, in: { numbers: prices.numbers }, with: { op: scale, by: 2 } }
  split: { uses: test-map, in: { numbers: features.numbers }, with: { op: add, by: -1 } }
  scaled: { uses: test-map, in: { numbers: split.numbers }, with: { op: round, by: 0.5 } }
  lstm: { uses: test-map, in: { numbers: scaled.numbers }, with: { op: scale, by: 1 } }
  transformer: { uses: test-map, in: { numbers: scaled.numbers }, with: { op: add, by: 1 } }
  ppo: { uses: test-map, in: { numbers: scaled.numbers }, with: { op: abs } }
  dqn: { uses: test-map, in: { numbers: scaled.numbers }, with: { op: scale, by: 3 } }
  ensemble: { uses: test-join, in: { parts: [lstm.numbers, transformer.numbers] } }
  backtest: { uses: test-map, in: { numbers: lstm.numbers }, with: { op: abs } }
  others: { uses: test-join, in: { parts: [ensemble.numbers, ppo.numbers, dqn.numbers] } }
  compare: { uses: test-join, in: { parts: [backtest.numbers, others.numbers] } }
sweep:
  lstm.with.by: ${values(10, (i) => (i + 1) / 10)}
  lstm.with.sleep_ms: ${values(25, (i) => i)}
  lstm.with.op: [scale, add, round, abs]
`;
}

async function benchPlanning() {
  const dir = project();
  writeFileSync(path.join(dir, 'pipelines/sweep.yaml'), sweepPipeline());
  const args = [BIN, 'run', 'pipelines/sweep.yaml', '--dry-run', '--max-variants', '1000', '--json'];
  record('plan a 1,000-variant sweep (2,012 stages), first look: parse, validate, expand, keys (whole process)', timeProcess(args, dir), 'ms');
  await fillCache(dir, 'pipelines/sweep.yaml');
  timeProcess(args, dir);
  record('plan a 1,000-variant sweep, every stage cached (median of 3, whole process)', median(Array.from({ length: 3 }, () => timeProcess(args, dir))), 'ms', '<= 2000 ms');
  rmSync(dir, { recursive: true, force: true });
}

async function benchHash() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tradelab-hash-'));
  const file = path.join(dir, 'big.bin');
  const chunk = Buffer.alloc(1 << 24, 7);
  const fd = openSync(file, 'w');
  for (let i = 0; i < 64; i++) writeSync(fd, chunk);
  closeSync(fd);
  const bytes = 64 * chunk.length;
  const { StatCache } = await import(path.join(ROOT, 'dist/src/engine/file-hash.js'));
  const cache = new StatCache();
  const start = process.hrtime.bigint();
  await cache.hashFile(file, 'big.bin');
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  record(`SHA-256 of a ${(bytes / 1e9).toFixed(2)} GB file (streamed, 1 MiB reads)`, bytes / 1e6 / seconds, 'MB/s');
  const again = process.hrtime.bigint();
  await cache.hashFile(file, 'big.bin');
  record('  the same file again, stat-cache hit', Number(process.hrtime.bigint() - again) / 1e6, 'ms');
  rmSync(dir, { recursive: true, force: true });
}

function benchChain() {
  const tickers = Number(process.env.TRADELAB_BENCH_TICKERS ?? 1677);
  const dir = project();
  writeFileSync(
    path.join(dir, 'pipelines/chain.yaml'),
    `pipeline: chain
stages:
  prices: { uses: ingest, with: { source: synthetic, seed: 1, synthetic: { tickers: ${tickers}, days: 2520, signal_strength: 0.05, regimes: {} } } }
  features: { uses: indicators, in: { prices: prices.prices } }
  split:
    uses: split
    in: { features: features.features }
    with: { train: [2000-01-01, 2005-12-31], val: [2006-01-01, 2007-12-31], test: [2008-01-01, 2009-12-31], embargo_days: 5, label: { horizon: 1 } }
  scaled: { uses: normalize, in: { dataset: split.dataset } }
`,
  );
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, 'run', 'pipelines/chain.yaml', '--json', '--jobs', '1'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const summary = r.stdout ? JSON.parse(r.stdout) : undefined;
  const label = `${tickers} tickers x 2,520 days (${((tickers * 2520) / 1e6).toFixed(2)} M rows)`;
  if (!summary || summary.status !== 'succeeded') {
    const failed = summary?.stages.find((s) => s.status === 'failed');
    record(`market chain, ${label}: FAILED at ${failed?.id ?? '?'}: ${(failed?.error ?? r.stderr).split('\n')[0]}`, wall, 's');
  } else {
    for (const stage of summary.stages) {
      const target = stage.id === 'features' ? '<= 5 s' : undefined;
      record(`market chain, ${stage.id} [${stage.kind}] (peak RSS ${stage.runtime?.maxRssMb ?? '?'} MB)`, stage.seconds, 's', target);
    }
    record(`market chain, ${label}, whole run (peak RSS of any stage ${Math.max(...summary.stages.map((s) => s.runtime?.maxRssMb ?? 0))} MB, target <= 4096 MB)`, wall, 's', '<= 30 s');
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Indicator throughput of the full standard set vs R's TTR on the same synthetic rows. */
async function benchIndicators() {
  const { generateMarket } = await import(path.join(ROOT, 'dist/src/quant/data/synthetic-market.js'));
  const { computeIndicators } = await import(path.join(ROOT, 'dist/src/quant/indicators/compute-indicators.js'));
  const { formatIsoDay } = await import(path.join(ROOT, 'dist/src/quant/data/price-table.js'));
  const tickers = Number(process.env.TRADELAB_BENCH_TTR_TICKERS ?? 100);
  const { prices } = generateMarket({ seed: 3, tickers, days: 2520 });
  const rows = prices.close.length;
  const start = process.hrtime.bigint();
  for (let i = 0; i < prices.tickers.length; i++) {
    const [a, b] = [prices.offsets[i], prices.offsets[i + 1]];
    const s = (c) => c.subarray(a, b);
    computeIndicators({ open: s(prices.open), high: s(prices.high), low: s(prices.low), close: s(prices.close), volume: s(prices.volume) }, { has: prices.has });
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  record(`indicators, full standard set (61 columns), ${tickers} tickers x 2,520 days`, rows / seconds / 1e6, 'M rows/s');
  const rscript = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
  if (rscript.error) {
    record('  R TTR peer skipped: Rscript not found (apt-get install r-cran-ttr to compare)', null);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tradelab-ttr-'));
  const csv = ['date,ticker,open,high,low,close,volume'];
  for (let r = 0; r < rows; r++) csv.push(`${formatIsoDay(prices.date[r])},${prices.tickers[prices.ticker[r]]},${prices.open[r]},${prices.high[r]},${prices.low[r]},${prices.close[r]},${prices.volume[r]}`);
  writeFileSync(path.join(dir, 'prices.csv'), `${csv.join('\n')}\n`);
  const peer = spawnSync('Rscript', [path.join(ROOT, 'test/bench/peers/ttr-indicators.R'), path.join(dir, 'prices.csv')], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  if (peer.status !== 0) {
    record(`  R TTR peer failed: ${peer.stderr.split('\n')[0]}`, null);
    return;
  }
  const ttr = JSON.parse(peer.stdout.trim().split('\n').at(-1));
  record('  R TTR 0.24, the 31 TTR calls covering the same families, same rows', ttr.rows / ttr.seconds / 1e6, 'M rows/s');
}

function benchTraining() {
  const ours = spawnSync(process.execPath, [path.join(ROOT, 'test/bench/training-throughput.js'), '--json'], { encoding: 'utf8' });
  if (ours.status !== 0) throw new Error(`training-throughput.js failed: ${ours.stderr}`);
  const rows = JSON.parse(ours.stdout.trim().split('\n').at(-1));
  for (const r of rows) record(`training ${r.name} [${r.build}, ${r.threads}t, ${r.kernels} kernels]`, r.samplesPerSecond, 'samples/s');
  // Debian's python3-torch lives in the system Python, which another python3 on PATH may shadow.
  const python = ['python3', '/usr/bin/python3'].find((exe) => spawnSync(exe, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0);
  if (!python) {
    record('  PyTorch peer skipped: no python3 with torch (apt-get install python3-torch libopenblas0-pthread to compare; without OpenBLAS, Debian torch runs on the reference BLAS, ~3.5x slower)', null);
    return;
  }
  const env = { ...process.env, TORCH_THREADS: '1', OPENBLAS_NUM_THREADS: '2' };
  const peer = spawnSync(python, [path.join(ROOT, 'test/bench/peers/torch-training.py')], { encoding: 'utf8', env });
  if (peer.status !== 0) {
    record(`  PyTorch peer failed: ${peer.stderr.split('\n').filter(Boolean).at(-1)}`, null);
    return;
  }
  for (const t of JSON.parse(peer.stdout.trim().split('\n').at(-1))) {
    const best = Math.max(...rows.filter((r) => r.config === t.config).map((r) => r.samplesPerSecond));
    record(`  PyTorch CPU (${t.config}), 1 torch thread + 2 BLAS threads`, t.samplesPerSecond, 'samples/s');
    record(`  ratio tradelab best / PyTorch (${t.config})`, best / t.samplesPerSecond, 'x', t.config === 'b' ? undefined : '>= 0.5');
  }
}

function benchEnv() {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'test/bench/env-throughput.js'), '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`env-throughput.js failed: ${r.stderr}`);
  for (const row of JSON.parse(r.stdout.trim().split('\n').at(-1))) record(row.name, row.value, row.unit, row.target);
}

function benchPpo() {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'test/bench/ppo-throughput.js'), '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ppo-throughput.js failed: ${r.stderr}`);
  for (const row of JSON.parse(r.stdout.trim().split('\n').at(-1))) record(row.name, row.value, row.unit);
}

function benchBacktest() {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'test/bench/backtest-throughput.js'), '--json'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`backtest-throughput.js failed: ${r.stderr}`);
  for (const row of JSON.parse(r.stdout.trim().split('\n').at(-1))) record(row.name, row.value, row.unit, row.target);
}

/** `npm start` as a newcomer meets it: the default pipeline end to end in a fresh store, then fully cached. */
function benchStart() {
  const dir = project();
  cpSync(path.join(ROOT, 'pipelines'), path.join(dir, 'pipelines'), { recursive: true });
  cpSync(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
  const full = timeProcess([BIN, 'run', 'pipelines/baseline.yaml'], dir);
  record('`npm start` (pipelines/baseline.yaml end to end, fresh store, whole process)', full / 1000, 's', '<= 900 s');
  const cached = median(Array.from({ length: 3 }, () => timeProcess([BIN, 'run', 'pipelines/baseline.yaml'], dir)));
  record('`npm start` with everything cached (median of 3, whole process)', cached, 'ms', '<= 1000 ms');
  rmSync(dir, { recursive: true, force: true });
}

const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const want = (name) => !only || only.includes(name);
if (!asJson) process.stderr.write(`tradelab benchmarks (node ${process.versions.node}, ${os.cpus().length} cores)\n`);
if (want('noop')) benchNoop();
if (want('validate')) benchValidate();
if (want('status')) await benchStatus();
if (want('hash')) await benchHash();
if (want('indicators')) await benchIndicators();
if (want('chain')) benchChain();
if (want('training')) benchTraining();
if (want('env')) benchEnv();
if (want('ppo')) benchPpo();
if (want('backtest')) benchBacktest();
if (want('planning')) await benchPlanning();
if (want('start')) benchStart();
if (asJson) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
