/**
 * Malformed pipelines through the real CLI: each gives exit 2, the right code, the exact
 * file:line:col, and no stack trace. A few rendered messages are kept as golden files
 * (regenerate with UPDATE_GOLDEN=1).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/tradelab.js');
const INVALID = 'test/fixtures/invalid';
const VALID = 'test/fixtures/pipelines/small-valid.yaml';

function tradelab(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TRADELAB_STORE: path.join(ROOT, 'artifacts') } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(text).not.toContain('internal error');
}

const CASES: [file: string, code: string, position: string, detail: RegExp][] = [
  ['yaml-unclosed-flow', 'E_YAML', '4:3', /Flow map .* end with a \}/],
  ['yaml-tab-indent', 'E_YAML', '3:1', /Tabs are not allowed/],
  ['param-wrong-type', 'E_PARAMS', '3:38', /\/stages\/a\/with\/n: must be an integer, got the string "ten"/],
  ['param-out-of-range', 'E_PARAMS', '6:10', /must be >= 1 \(got 0\)/],
  ['param-unknown', 'E_PARAMS', '3:41', /unknown property 'sede'[\s\S]*did you mean 'seed'\?/],
  ['param-enum', 'E_PARAMS', '4:64', /must be one of "scale", "add", "round", "abs", got "multiply"/],
  ['unknown-kind', 'E_UNKNOWN_KIND', '5:11', /unknown stage kind 'test-mapp'[\s\S]*did you mean 'test-map'\?/],
  ['missing-uses', 'E_SCHEMA', '3:3', /missing required property 'uses'/],
  ['missing-top-level', 'E_SCHEMA', '1:1', /missing required property 'pipeline'/],
  ['cycle', 'E_CYCLE', '3:3', /the stages form a cycle: a -> b -> c -> a/],
  ['dangling-reference', 'E_UNKNOWN_STAGE', '4:39', /unknown stage 'price'[\s\S]*did you mean 'prices'\?/],
  ['unknown-output-port', 'E_UNKNOWN_PORT', '4:39', /has no output port 'number'[\s\S]*did you mean 'numbers'\?/],
  ['port-type-mismatch', 'E_PORT_TYPE', '5:39', /'j.summary' is of type 'summary' but this input takes 'numbers'/],
  ['missing-input', 'E_MISSING_INPUT', '4:3', /needs input 'numbers' of type 'numbers'/],
  ['duplicate-id', 'E_DUPLICATE_ID', '4:3', /two stages have the id 'a'/],
  ['unresolved-var', 'E_UNRESOLVED_VAR', '4:41', /unresolved reference \$\{vars.sed\}[\s\S]*defined vars: seed/],
  ['list-to-single-port', 'E_SCHEMA', '4:39', /takes one artifact, got a list/],
  ['reference-syntax', 'E_SCHEMA', '4:39', /the string "a" is not an accepted form[\s\S]*`stage.port`/],
  ['variant-unknown-stage', 'E_BAD_OVERRIDE', '5:11', /names an unknown stage 'aa'[\s\S]*did you mean 'a'\?/],
  ['variant-wrong-value', 'E_PARAMS', '5:11', /\/variants\/wide\/a.with.n: n: must be an integer, got the string "many"/],
];

describe('malformed pipelines', () => {
  it.each(CASES)('%s gives exit 2, %s at its line and column', (name, code, position, detail) => {
    const file = `${INVALID}/${name}.yaml`;
    const { code: exit, stderr } = tradelab('validate', file);
    expect(exit).toBe(2);
    expect(stderr).toContain(`${file}:${position} `);
    expect(stderr).toContain(`[${code}]`);
    expect(stderr).toMatch(detail);
    expect(stderr).toMatch(/\n\s+\d+ \| .*\n\s+\| *\^+/);
    expectNoStackTrace(stderr);
  });

  it('reports every problem of a file at once, sorted by line', () => {
    const { code, stderr } = tradelab('validate', `${INVALID}/three-problems.yaml`);
    expect(code).toBe(2);
    const found = [...stderr.matchAll(/three-problems\.yaml:(\d+):\d+ .*\[(E_\w+)\]/g)].map((m) => [Number(m[1]), m[2]]);
    expect(found).toEqual([[3, 'E_PARAMS'], [4, 'E_UNKNOWN_KIND'], [5, 'E_UNKNOWN_STAGE']]);
    expect(stderr).toMatch(/3 problems in 1 file/);
  });

  it('validates a whole directory and counts the problems per file', () => {
    const { code, stderr } = tradelab('validate', INVALID);
    expect(code).toBe(2);
    expect(stderr).toMatch(/problems in 21 files \(21 checked\)/);
  });

  it('gives the same problems as JSON and as GitHub annotations', () => {
    const json = tradelab('validate', '--format', 'json', `${INVALID}/three-problems.yaml`);
    expect(json.code).toBe(2);
    const parsed = JSON.parse(json.stdout) as { problems: { code: string; line: number; col: number; pointer: string }[] };
    expect(parsed.problems.map((p) => [p.code, p.line, p.col, p.pointer])).toEqual([
      ['E_PARAMS', 3, 38, '/stages/a/with/n'],
      ['E_UNKNOWN_KIND', 4, 14, '/stages/b/uses'],
      ['E_UNKNOWN_STAGE', 5, 39, '/stages/c/in/numbers'],
    ]);
    const github = tradelab('validate', '--format', 'github', `${INVALID}/cycle.yaml`);
    expect(github.code).toBe(2);
    expect(github.stdout).toBe(
      '::error file=test/fixtures/invalid/cycle.yaml,line=3,col=3,title=E_CYCLE::/stages/a: the stages form a cycle: a -> b -> c -> a (hint: a stage cannot depend on its own output; break the cycle by removing one `in:` reference)\n',
    );
  });

  it('rejects a bad --set key with exit 2 and its position in the argument', () => {
    const unknown = tradelab('run', VALID, '--set', 'zzz.with.n=3');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--set:1:1 'zzz.with.n' names an unknown stage 'zzz' [E_BAD_OVERRIDE]");
    const shape = tradelab('run', VALID, '--set', 'a.n=3');
    expect(shape.code).toBe(2);
    expect(shape.stderr).toContain("--set:1:3 'a.n' must have the form <stage>.with.<param> [E_BAD_OVERRIDE]");
    const noValue = tradelab('run', VALID, '--set', 'a.with.n');
    expect(noValue.code).toBe(2);
    expect(noValue.stderr).toMatch(/--set needs <stage>.with.<param>=<value>/);
    const badValue = tradelab('run', VALID, '--set', 'a.with.n=lots');
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toContain('--set:1:10 /stages/a/with/n: must be an integer, got the string "lots" [E_PARAMS]');
    const unreadable = tradelab('run', VALID, '--set', 'a.with.n=[1');
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/--set:1:10 cannot read the value '\[1'/);
    // A multirun is fine, but each of its values is checked like a single one.
    const multirun = tradelab('run', VALID, '--set', 'a.with.n=1,lots');
    expect(multirun.code).toBe(2);
    expect(multirun.stderr).toMatch(/must be an integer, got the string "lots" \[E_PARAMS\]/);
    for (const r of [unknown, shape, noValue, badValue, unreadable, multirun]) {
      expect(r.stderr).toMatch(/nothing was run/);
      expectNoStackTrace(r.stderr);
    }
  });

  it('names a missing pipeline file', () => {
    const { code, stderr } = tradelab('validate', 'pipelines/nope.yaml');
    expect(code).toBe(2);
    expect(stderr).toContain('pipelines/nope.yaml cannot read pipeline file: no such file [E_FILE]');
  });

  it.each(['cycle', 'unknown-kind', 'param-wrong-type', 'port-type-mismatch', 'three-problems'])('renders %s exactly as its golden file', (name) => {
    const { stderr } = tradelab('validate', `${INVALID}/${name}.yaml`);
    const golden = path.join(ROOT, 'test/fixtures/golden', `${name}.txt`);
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, stderr);
    expect(stderr).toBe(readFileSync(golden, 'utf8'));
  });
});
