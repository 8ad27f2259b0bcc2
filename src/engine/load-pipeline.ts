/**
 * Loads a pipeline file's text into plain data, keeping a way back to the source.
 * 1. parse YAML (anchors, aliases and `<<` merge keys resolved) keeping node ranges;
 * 2. report YAML syntax errors and duplicate keys (a duplicate stage id is its own code);
 * 3. interpolate `${vars.x}` everywhere but in `vars:` itself.
 * Pure: takes text, touches no filesystem.
 */
import { LineCounter, isMap, isScalar, parseDocument, visit, type Document } from 'yaml';
import { interpolate, type UnresolvedReference } from './interpolate.js';
import { ProblemList } from './problem-list.js';
import { joinPointer } from './json-pointer.js';
import { SourceLocator } from './source-locator.js';

export interface LoadedPipeline {
  file: string;
  text: string;
  /** The document after alias resolution and interpolation; unknown until validated. */
  data: unknown;
  locator: SourceLocator;
  problems: ProblemList;
}

export function loadPipeline(file: string, text: string): LoadedPipeline {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, merge: true, prettyErrors: false });
  const locator = new SourceLocator(doc, lineCounter, text);
  const problems = new ProblemList(file, locator);

  for (const error of [...doc.errors, ...doc.warnings]) {
    problems.atOffsets(error.pos[0], error.pos[1], {
      code: 'E_YAML',
      message: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
      hint: yamlHint(error.code, error.message),
    });
  }
  if (doc.errors.length > 0) return { file, text, data: undefined, locator, problems };

  reportDuplicateKeys(doc, problems);
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 10_000 });
  } catch (error) {
    problems.at('', 'E_YAML', (error as Error).message, { hint: 'check anchors and aliases' });
    return { file, text, data: undefined, locator, problems };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.at('', 'E_SCHEMA', 'a pipeline file must be a YAML mapping', {
      hint: 'start with `pipeline: <name>` and a `stages:` mapping',
    });
    return { file, text, data: raw, locator, problems };
  }
  return { file, text, data: interpolateDocument(raw as Record<string, unknown>, problems), locator, problems };
}

function interpolateDocument(raw: Record<string, unknown>, problems: ProblemList): Record<string, unknown> {
  const vars = raw.vars !== null && typeof raw.vars === 'object' ? (raw.vars as Record<string, unknown>) : {};
  const unresolved: UnresolvedReference[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    out[key] = key === 'vars' ? value : interpolate(value, vars, unresolved, [key]);
  }
  const names = Object.keys(vars);
  for (const { pointer, expression } of unresolved) {
    const name = expression.startsWith('vars.') ? expression.slice(5) : undefined;
    const hint =
      name === undefined
        ? 'only ${vars.NAME} references are supported'
        : names.length > 0
          ? `defined vars: ${names.join(', ')}`
          : 'define it under `vars:` at the top of the file';
    problems.at(pointer, 'E_UNRESOLVED_VAR', `unresolved reference \${${expression}}`, { hint });
  }
  return out;
}

function reportDuplicateKeys(doc: Document, problems: ProblemList): void {
  visit(doc, {
    Map(_key, map, path) {
      const seen = new Set<string>();
      const segments: (string | number)[] = [];
      for (const step of path) {
        if (isMap(step) || !('key' in step)) continue;
        if (isScalar(step.key)) segments.push(String(step.key.value));
      }
      const pointer = joinPointer(segments);
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        if (!seen.has(name)) {
          seen.add(name);
          continue;
        }
        const isStageId = pointer === '/stages';
        const range = pair.key.range!;
        problems.atOffsets(range[0], range[1], {
          code: isStageId ? 'E_DUPLICATE_ID' : 'E_DUPLICATE_KEY',
          message: isStageId ? `two stages have the id '${name}'` : `duplicate key '${name}' in ${pointer || 'the document'}`,
          pointer: `${pointer}/${name}`,
          hint: isStageId ? 'give each stage a unique id' : 'remove or rename one of them',
        });
      }
    },
  });
}

function yamlHint(code: string, message: string): string {
  if (/^Flow (map|sequence)/.test(message)) return 'a `{` or `[` opened above is not closed on its line, or the next line is not indented enough';
  switch (code) {
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: nested keys need consistent spaces (no tabs)';
    case 'TAB_AS_INDENT':
      return 'YAML does not allow tabs for indentation; use spaces';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a key is missing its `:` or a value spans lines unexpectedly';
    case 'UNEXPECTED_TOKEN':
      return 'check for a stray character, an unclosed bracket or quote';
    default:
      return 'fix the YAML syntax; `tradelab validate` re-checks the file';
  }
}
