/**
 * Malformed pipelines (test/fixtures/malformed/*.yaml) through the real CLI, in a child
 * process run from the repository root:
 * 1. each file exits 2 with its error code, at the line and column of the offending text,
 *    with that source line and a caret under it, and without a stack trace;
 * 2. a file with several problems reports them all, sorted by line; as JSON and as GitHub
 *    annotations too;
 * 3. bad `--set` keys and values are located in the argument (`--set:1:<col>`);
 * 4. a few renderings are golden files, test/fixtures/golden/malformed-<name>.txt
 *    (rewrite them with UPDATE_GOLDEN=1).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/tradelab.js');
const MALFORMED = 'test/fixtures/malformed';
const VALID = 'test/fixtures/pipelines/reference.yaml';
const STORE = mkdtempSync(path.join(os.tmpdir(), 'tradelab-malformed-'));
afterAll(() => rmSync(STORE, { recursive: true, force: true }));

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function tradelab(...args: string[]): CliResult {
  const { TRADELAB_DEBUG: _debug, ...env } = process.env;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...env, TRADELAB_STORE: STORE } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)/m);
  expect(text).not.toMatch(/^\s+at .+:\d+:\d+$/m);
  expect(text).not.toContain('internal error');
}

/** The rendered problem at `location` shows `source` as its line, with the caret at `col`. */
function expectCaret(stderr: string, location: string, line: number, col: number, source: string): void {
  const lines = stderr.split('\n');
  const header = lines.findIndex((l) => l.startsWith(`${location} `));
  expect(header, `no problem rendered at ${location}`).toBeGreaterThanOrEqual(0);
  expect(lines[header + 1]).toBe(`  ${line} | ${source}`);
  const caretLine = lines[header + 2]!;
  const gutter = `  ${' '.repeat(String(line).length)} | `;
  expect(caretLine.startsWith(gutter)).toBe(true);
  expect(caretLine.slice(gutter.length)).toMatch(new RegExp(`^ {${col - 1}}\\^+$`));
}

function sourceLine(file: string, line: number): string {
  return readFileSync(path.join(ROOT, file), 'utf8').split(/\r?\n/)[line - 1]!;
}

function expectGolden(name: string, rendered: string): void {
  const golden = path.join(ROOT, 'test/fixtures/golden', `malformed-${name}.txt`);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(golden, rendered);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(golden, 'utf8');
  } catch {
    throw new Error(`no golden file ${path.relative(ROOT, golden)}; create it with UPDATE_GOLDEN=1`);
  }
  expect(rendered).toBe(expected);
}

interface Case {
  /** Fixture name, test/fixtures/malformed/<name>.yaml. */
  name: string;
  code: string;
  line: number;
  col: number;
  /** The text that starts at line:col in the fixture: proof the position is the offending text. */
  at: string;
  /** The message and hint, as rendered. */
  says: RegExp;
  golden?: boolean;
}

const CASES: Case[] = [
  { name: 'yaml-bad-mapping', code: 'E_YAML', line: 5, col: 11, at: 'n: 3', says: /Nested mappings are not allowed[\s\S]*hint: .*in braces/ },
  { name: 'yaml-tab-indent', code: 'E_YAML', line: 4, col: 1, at: '\tuses', says: /Tabs are not allowed as indentation[\s\S]*hint: .*use spaces/ },
  {
    name: 'yaml-unclosed-bracket',
    code: 'E_YAML',
    line: 9,
    col: 5,
    at: 'with:',
    says: /Flow sequence .* end with a \][\s\S]*hint: the `\[` opened at line 8, column 14 is not closed/,
  },
  { name: 'yaml-unclosed-quote', code: 'E_YAML', line: 5, col: 27, at: '"json }', says: /Missing closing "quote[\s\S]*hint: this quoted string is never closed/ },
  { name: 'empty-file', code: 'E_SCHEMA', line: 1, col: 1, at: '#', says: /the pipeline file is empty/ },
  { name: 'missing-pipeline', code: 'E_SCHEMA', line: 2, col: 1, at: 'stages:', says: /missing required property 'pipeline'[\s\S]*hint: pipeline: Name of the pipeline/ },
  { name: 'missing-stages', code: 'E_SCHEMA', line: 1, col: 1, at: 'pipeline: no-stages', says: /missing required property 'stages'/ },
  { name: 'missing-uses', code: 'E_SCHEMA', line: 5, col: 3, at: 'scaled:', says: /\/stages\/scaled: missing required property 'uses'[\s\S]*hint: uses: The stage kind/ },
  {
    name: 'param-type',
    code: 'E_PARAMS',
    line: 6,
    col: 10,
    at: '"ten"',
    says: /\/stages\/source\/with\/n: must be an integer, got the string "ten"[\s\S]*hint: n: How many numbers to emit/,
    golden: true,
  },
  { name: 'param-minimum', code: 'E_PARAMS', line: 7, col: 13, at: '-4', says: /\/stages\/source\/with\/seed: must be >= 0 \(got -4\)/ },
  { name: 'param-unknown', code: 'E_PARAMS', line: 7, col: 7, at: 'sede', says: /unknown property 'sede'[\s\S]*hint: did you mean 'seed'\?/ },
  { name: 'param-enum', code: 'E_PARAMS', line: 10, col: 13, at: 'product', says: /\/stages\/joined\/with\/mode: must be one of "concat", "sum", got "product"/ },
  { name: 'merge-key-param', code: 'E_PARAMS', line: 6, col: 16, at: '0, seed', says: /\/stages\/source\/with\/n: must be >= 1 \(got 0\)/ },
  { name: 'alias-value', code: 'E_PARAMS', line: 7, col: 17, at: '*source', says: /\/stages\/scaled\/with\/op: must be one of "scale", "add", "round", "abs"/ },
  {
    name: 'unknown-kind',
    code: 'E_UNKNOWN_KIND',
    line: 4,
    col: 19,
    at: 'test-mapp',
    says: /\/stages\/scaled\/uses: unknown stage kind 'test-mapp'[\s\S]*hint: did you mean 'test-map'\?/,
    golden: true,
  },
  {
    name: 'cycle',
    code: 'E_CYCLE',
    line: 4,
    col: 3,
    at: 'a:',
    says: /the stages form a cycle: a -> b -> a[\s\S]*hint: .*break the cycle/,
    golden: true,
  },
  { name: 'self-cycle', code: 'E_CYCLE', line: 4, col: 3, at: 'again:', says: /the stages form a cycle: again -> again/ },
  {
    name: 'dangling-input',
    code: 'E_UNKNOWN_STAGE',
    line: 7,
    col: 16,
    at: 'sourse.numbers',
    says: /'sourse.numbers' refers to an unknown stage 'sourse'[\s\S]*hint: did you mean 'source'\?/,
  },
  {
    name: 'unknown-output-port',
    code: 'E_UNKNOWN_PORT',
    line: 7,
    col: 16,
    at: 'source.numbrs',
    says: /stage 'source' \(test-source\) has no output port 'numbrs'[\s\S]*hint: did you mean 'numbers'\?/,
  },
  {
    name: 'port-type-mismatch',
    code: 'E_PORT_TYPE',
    line: 10,
    col: 16,
    at: 'joined.summary',
    says: /'joined.summary' is of type 'summary' but this input takes 'numbers'/,
    golden: true,
  },
  {
    name: 'missing-input',
    code: 'E_MISSING_INPUT',
    line: 4,
    col: 3,
    at: 'scaled:',
    says: /stage 'scaled' \(test-map\) needs input 'numbers' of type 'numbers'[\s\S]*hint: add `in: \{ numbers: <stage>.<port> \}`/,
  },
  { name: 'duplicate-id', code: 'E_DUPLICATE_ID', line: 8, col: 3, at: 'source:', says: /two stages have the id 'source'/ },
  { name: 'unresolved-var', code: 'E_UNRESOLVED_VAR', line: 9, col: 13, at: '${vars.nope}', says: /unresolved reference \$\{vars.nope\}[\s\S]*hint: defined vars: n/ },
  { name: 'list-to-single-port', code: 'E_SCHEMA', line: 9, col: 9, at: '- source.numbers', says: /input port 'numbers' takes one artifact, got a list/ },
  {
    name: 'variant-unknown-stage',
    code: 'E_BAD_OVERRIDE',
    line: 6,
    col: 5,
    at: 'sorce.with.n',
    says: /'sorce.with.n' names an unknown stage 'sorce'[\s\S]*hint: did you mean 'source'\?/,
  },
  { name: 'sweep-unknown-stage', code: 'E_BAD_OVERRIDE', line: 6, col: 3, at: 'scaled.with.by', says: /'scaled.with.by' names an unknown stage 'scaled'/ },
  {
    name: 'variant-wrong-type',
    code: 'E_PARAMS',
    line: 6,
    col: 5,
    at: 'source.with.n',
    says: /\/variants\/long\/source.with.n: n: must be an integer, got the string "lots"/,
  },
  { name: 'sweep-wrong-value', code: 'E_PARAMS', line: 5, col: 28, at: '-3', says: /\/sweep\/source.with.seed\/2: seed: must be >= 0 \(got -3\)/ },
  {
    name: 'variant-key-form',
    code: 'E_SCHEMA',
    line: 6,
    col: 5,
    at: 'source.n',
    says: /invalid name 'source.n'[\s\S]*hint: did you mean 'source.with.n'\?/,
  },
];

describe('malformed pipelines through `tradelab validate`', () => {
  it.each(CASES)('$name exits 2 with [$code] at $line:$col', ({ name, code, line, col, at, says, golden }) => {
    const file = `${MALFORMED}/${name}.yaml`;
    const source = sourceLine(file, line);
    expect(source.slice(col - 1).startsWith(at), `fixture text at ${line}:${col} is ${JSON.stringify(source.slice(col - 1))}`).toBe(true);

    const result = tradelab('validate', file);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const first = result.stderr.split('\n')[0]!;
    expect(first.startsWith(`${file}:${line}:${col} `)).toBe(true);
    expect(first.endsWith(` [${code}]`)).toBe(true);
    expect(result.stderr).toMatch(says);
    expect(result.stderr).toMatch(/^1 problem in 1 file \(1 checked\)$/m);
    expectCaret(result.stderr, `${file}:${line}:${col}`, line, col, source);
    expectNoStackTrace(result.stderr);
    if (golden) expectGolden(name, result.stderr);
  });

  it('reports every problem of a file at once, sorted by line rather than by when they were found', () => {
    const file = `${MALFORMED}/three-problems.yaml`;
    const { code, stderr } = tradelab('validate', file);
    expect(code).toBe(2);
    const found = [...stderr.matchAll(/^test\/fixtures\/malformed\/three-problems\.yaml:(\d+):(\d+) .*\[(E_\w+)\]$/gm)].map((m) => [
      Number(m[1]),
      Number(m[2]),
      m[3],
    ]);
    // Found params first, wiring second, variant keys last; printed in file order.
    expect(found).toEqual([
      [3, 10, 'E_BAD_OVERRIDE'],
      [7, 20, 'E_UNKNOWN_STAGE'],
      [10, 16, 'E_PARAMS'],
    ]);
    for (const [line, col] of found as [number, number][]) expectCaret(stderr, `${file}:${line}:${col}`, line, col, sourceLine(file, line));
    expect(stderr).toMatch(/^3 problems in 1 file \(1 checked\)$/m);
    expectNoStackTrace(stderr);
    expectGolden('three-problems', stderr);
  });

  it('reports the same problems as JSON on stdout with --format json', () => {
    const file = `${MALFORMED}/three-problems.yaml`;
    const { code, stdout, stderr } = tradelab('validate', '--format', 'json', file);
    expect(code).toBe(2);
    expect(stderr).toBe('');
    const parsed = JSON.parse(stdout) as { files: string[]; problems: { code: string; file: string; line: number; col: number; pointer: string; hint?: string }[] };
    expect(parsed.files).toEqual([file]);
    expect(parsed.problems.map((p) => [p.code, p.file, p.line, p.col, p.pointer])).toEqual([
      ['E_BAD_OVERRIDE', file, 3, 10, '/variants/big/ghost.with.n'],
      ['E_UNKNOWN_STAGE', file, 7, 20, '/stages/scaled/in/numbers'],
      ['E_PARAMS', file, 10, 16, '/stages/source/with/n'],
    ]);
    expect(parsed.problems[1]!.hint).toBe("did you mean 'source'?");
  });

  it('prints one GitHub annotation per problem with --format github', () => {
    const three = tradelab('validate', '--format', 'github', `${MALFORMED}/three-problems.yaml`);
    expect(three.code).toBe(2);
    const heads = three.stdout.trimEnd().split('\n').map((l) => /^::error [^:]+::/.exec(l)?.[0]);
    expect(heads).toEqual([
      `::error file=${MALFORMED}/three-problems.yaml,line=3,col=10,title=E_BAD_OVERRIDE::`,
      `::error file=${MALFORMED}/three-problems.yaml,line=7,col=20,title=E_UNKNOWN_STAGE::`,
      `::error file=${MALFORMED}/three-problems.yaml,line=10,col=16,title=E_PARAMS::`,
    ]);
    const cycle = tradelab('validate', '--format', 'github', `${MALFORMED}/cycle.yaml`);
    expect(cycle.code).toBe(2);
    expect(cycle.stdout).toBe(
      `::error file=${MALFORMED}/cycle.yaml,line=4,col=3,title=E_CYCLE::/stages/a: the stages form a cycle: a -> b -> a` +
        ' (hint: a stage cannot depend on its own output; break the cycle by removing one `in:` reference)\n',
    );
  });

  it('checks the whole directory in one process and finds a problem in every file', () => {
    const files = readdirSync(path.join(ROOT, MALFORMED)).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(16);
    const { code, stderr } = tradelab('validate', MALFORMED);
    expect(code).toBe(2);
    for (const f of files) expect(stderr).toContain(`${MALFORMED}/${f}:`);
    expect(stderr).toMatch(new RegExp(`^\\d+ problems in ${files.length} files \\(${files.length} checked\\)$`, 'm'));
    expectNoStackTrace(stderr);
  });

  it('names a pipeline file that does not exist', () => {
    const file = `${MALFORMED}/does-not-exist.yaml`;
    const { code, stderr } = tradelab('validate', file);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file} cannot read pipeline file: no such file [E_FILE]`);
    expect(stderr).toMatch(/^ {2}hint: /m);
    expectNoStackTrace(stderr);
  });
});

describe('bad --set arguments of `tradelab run`', () => {
  const SET_CASES: { argument: string; code: string; col: number; says: RegExp }[] = [
    { argument: 'zzz.with.n=3', code: 'E_BAD_OVERRIDE', col: 1, says: /'zzz.with.n' names an unknown stage 'zzz'[\s\S]*hint: known stages: a, b, / },
    { argument: 'a.n=3', code: 'E_BAD_OVERRIDE', col: 3, says: /'a.n' must have the form <stage>.with.<param>[\s\S]*hint: e.g. a.with.seed=7/ },
    { argument: 'a.with.n=ten', code: 'E_PARAMS', col: 10, says: /\/stages\/a\/with\/n: must be an integer, got the string "ten"/ },
    { argument: 'a.with.sede=3', code: 'E_PARAMS', col: 8, says: /\/stages\/a\/with\/sede: unknown property 'sede'[\s\S]*hint: did you mean 'seed'\?/ },
  ];

  it.each(SET_CASES)('--set $argument exits 2 with [$code] at --set:1:$col and runs nothing', ({ argument, code, col, says }) => {
    const { code: exit, stderr } = tradelab('run', '--dry-run', '--set', argument, VALID);
    expect(exit).toBe(2);
    const first = stderr.split('\n')[0]!;
    expect(first.startsWith(`--set:1:${col} `)).toBe(true);
    expect(first.endsWith(` [${code}]`)).toBe(true);
    expect(stderr).toMatch(says);
    expectCaret(stderr, `--set:1:${col}`, 1, col, argument);
    expect(stderr).toMatch(/nothing was run/);
    expectNoStackTrace(stderr);
  });
});
