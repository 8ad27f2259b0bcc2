/**
 * The `tradelab` command: parses arguments (commander), dispatches to a verb, maps the
 * outcome to an exit code (0 ok, 1 a stage failed, 2 invalid pipeline or usage). Verbs are
 * imported lazily so a verb loads only what it needs.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isTradelabError } from '../engine/errors.js';
import { tradelabVersion } from './package-info.js';
import { renderProblems } from './render-problems.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').filter(Boolean)];
const repeat = (value: string, previous: string[] = []): string[] => [...previous, value];
const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number >= 1');
  return n;
};
const positiveNumber = (value: string): number => {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('must be a number > 0');
  return n;
};

function program(setCode: (code: number) => void): Command {
  const cli = new Command('tradelab')
    .description('Declarative, content-hashed experiment pipelines for ML trading research.')
    .version(tradelabVersion())
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const storeOption = new Option('--store <dir>', 'artifact store directory (default: $TRADELAB_STORE or ./artifacts)');

  cli
    .command('run')
    .description('run a pipeline: execute stale stages, reuse cached ones')
    .argument('[file]', 'pipeline file', 'pipelines/baseline.yaml')
    .option('--set <stage.with.param=value>', 'override a param (repeatable); several values (v1,v2) make a multirun: one variant per combination', repeat)
    .option('--variant <name>', 'run this named variant from the file alone (default: the base and every variant, crossed with the sweep)')
    .option('--max-variants <n>', 'refuse a plan of more variants than this (default 64)', positiveInt)
    .option('--only <stages>', 'run only these stages (and what they need); comma-separated, repeatable', collect)
    .option('--from <stages>', 'run these stages and everything downstream', collect)
    .option('--skip <stages>', 'leave these stages and their dependents out', collect)
    .option('--force <stages>', 'execute these stages even when cached', collect)
    .option('--dry-run', 'show what would run, execute nothing')
    .option('--jobs <n>', 'stages to run at once (default: number of cores)', positiveInt)
    .option('--keep-going', 'after a failure, keep running stages that do not depend on it')
    .option('--timeout <seconds>', 'kill a stage that runs longer (a stage\'s own timeout: wins)', positiveNumber)
    .option('--max-memory <MiB>', 'heap limit of each stage process; past it the stage fails as out of memory', positiveInt)
    .addOption(new Option('--backend <name>', 'compute backend of every training stage (sets its `backend` param)').choices(['auto', 'tensorflow', 'wasm', 'cpu']))
    .option('--json', 'print one machine-readable summary on stdout instead of progress')
    .addOption(storeOption)
    .action(async (file, opts) => setCode(await (await import('./commands/run-command.js')).runCommand(file, opts)));

  cli
    .command('validate')
    .description('check pipeline files (and directories of them) without running anything')
    .argument('[paths...]', 'pipeline files or directories (default: pipelines/baseline.yaml)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .action(async (paths, opts) => setCode(await (await import('./commands/validate-command.js')).validateCommand(paths, opts)));

  cli
    .command('status')
    .description('show each stage as cached or stale, and exactly why')
    .argument('[file]', 'pipeline file', 'pipelines/baseline.yaml')
    .option('--json', 'machine-readable output')
    .addOption(storeOption)
    .action(async (file, opts) => setCode(await (await import('./commands/status-command.js')).statusCommand(file, opts)));

  cli
    .command('dag')
    .description('print the stage graph')
    .argument('[file]', 'pipeline file', 'pipelines/baseline.yaml')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'mermaid', 'dot']).default('text'))
    .action(async (file, opts) => setCode(await (await import('./commands/dag-command.js')).dagCommand(file, opts)));

  cli
    .command('runs')
    .description('list recorded runs, newest first')
    .option('--json', 'machine-readable output')
    .addOption(storeOption)
    .action(async (opts) => setCode(await (await import('./commands/runs-command.js')).runsCommand(opts)));

  cli
    .command('show')
    .description('show one run: stages, keys, artifacts, versions')
    .argument('<run>', 'run id (a unique prefix is enough)')
    .option('--json', 'print the manifest as JSON')
    .addOption(storeOption)
    .action(async (run, opts) => setCode(await (await import('./commands/show-command.js')).showCommand(run, opts)));

  cli
    .command('diff')
    .description('what changed between two runs: per stage whether its key changed and why, headline metrics side by side')
    .argument('<runA>', 'run id (a unique prefix is enough)')
    .argument('<runB>', 'run id (a unique prefix is enough)')
    .option('--json', 'machine-readable output')
    .addOption(storeOption)
    .action(async (a, b, opts) => setCode(await (await import('./commands/diff-command.js')).diffCommand(a, b, opts)));

  cli
    .command('repro')
    .description("run a recorded run's exact resolved pipeline again and compare every output hash with the manifest")
    .argument('<run>', 'run id (a unique prefix is enough)')
    .option('--verify', 're-execute every stage into a temporary store, ignoring the cache; exit 1 when one is not bit-reproducible')
    .option('--jobs <n>', 'stages to run at once (default: number of cores)', positiveInt)
    .option('--json', 'machine-readable output')
    .addOption(storeOption)
    .action(async (run, opts) => setCode(await (await import('./commands/repro-command.js')).reproCommand(run, opts)));

  cli
    .command('report')
    .description("print the path of a run's HTML report (copied out of the store next to its Markdown and JSON)")
    .argument('[run]', 'run id (a unique prefix is enough); default: the newest run with a report')
    .option('--json', 'machine-readable output')
    .addOption(storeOption)
    .action(async (run, opts) => setCode(await (await import('./commands/report-command.js')).reportCommand(run, opts)));

  cli
    .command('gc')
    .description('delete cache entries and objects that the kept runs do not reference')
    .option('--keep <n>', 'keep what the newest n runs of each pipeline reference', positiveInt, 10)
    .option('--dry-run', 'report what would be deleted')
    .addOption(storeOption)
    .action(async (opts) => setCode(await (await import('./commands/gc-command.js')).gcCommand(opts)));

  cli
    .command('export')
    .description('write an artifact as CSV or Parquet')
    .argument('<artifact>', 'an artifact id (prefix), or stage.port of the default pipeline\'s latest state')
    .argument('<out>', 'output file: *.csv or *.parquet')
    .option('--pipeline <file>', 'pipeline that stage.port refers to', 'pipelines/baseline.yaml')
    .addOption(storeOption)
    .action(async (artifact, out, opts) => setCode(await (await import('./commands/export-command.js')).exportCommand(artifact, out, opts)));

  cli
    .command('predict')
    .description("apply a run's trained model to new prices: each ticker's class probabilities for its latest date")
    .argument('<run>', 'run id (a unique prefix is enough)')
    .requiredOption('--model <stage>', 'the model stage of the run (train-lstm or train-transformer)')
    .requiredOption('--data <file>', 'new prices: long OHLCV CSV or Parquet, with the columns the run ingested')
    .option('--out <file>', 'also write the signals: *.csv, *.parquet or *.json')
    .addOption(new Option('--backend <name>', 'compute backend (default: the one the run trained on)').choices(['auto', 'tensorflow', 'wasm', 'cpu']))
    .option('--json', 'print the signals as JSON')
    .addOption(storeOption)
    .action(async (run, opts) => setCode(await (await import('./commands/predict-command.js')).predictCommand(run, opts)));
  return cli;
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const cli = program((c) => {
    code = c;
  });
  try {
    await cli.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isTradelabError(error)) {
      process.stderr.write(renderProblems(error.problems, 'text'));
      return error.problems.some((p) => p.code === 'E_STAGE_FAILED') ? 1 : 2;
    }
    const detail = process.env.TRADELAB_DEBUG ? ((error as Error).stack ?? String(error)) : (error as Error).message;
    process.stderr.write(`tradelab: internal error: ${detail}\n  hint: this is a bug in tradelab; set TRADELAB_DEBUG=1 for the stack trace and report it\n`);
    return 1;
  }
}
