/**
 * Loads a pipeline file's text into plain data, keeping a way back to the source.
 * 1. parse YAML (anchors, aliases and `<<` merge keys resolved) keeping node ranges;
 * 2. report YAML syntax errors and duplicate keys (a duplicate stage id is its own code);
 * 3. interpolate `${vars.x}` everywhere but in `vars:` itself.
 * Pure: takes text, touches no filesystem.
 */
import { LineCounter, Scalar, isMap, isScalar, isSeq, parseDocument, visit, type Document } from 'yaml';
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

  reportYamlErrors(doc, text, lineCounter, problems);
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
    problems.at('', 'E_SCHEMA', raw == null ? 'the pipeline file is empty' : 'a pipeline file must be a YAML mapping', {
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

/**
 * YAML syntax errors, once each. The parser notices an unclosed `{`/`[` or quote only where
 * the text ends or dedents, so the hint names where it was opened: a missing quote is
 * located at its opening quote, and the errors it causes further on are dropped.
 */
function reportYamlErrors(doc: Document, text: string, lineCounter: LineCounter, problems: ProblemList): void {
  const unclosedQuotes = new Set<number>();
  const seen = new Set<string>();
  for (const error of [...doc.errors, ...doc.warnings]) {
    const message =
      error.code === 'MULTIPLE_DOCS'
        ? 'a second YAML document starts here'
        : error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const dedupe = `${error.pos[0]}|${message}`;
    const flow = /^Flow (map|sequence)/.exec(message);
    if (seen.has(dedupe) || (flow && unclosedQuotes.has(error.pos[0]))) continue;
    seen.add(dedupe);
    let [start, end] = error.pos;
    let hint = yamlHint(error.code, message);
    const quote = error.code === 'MISSING_CHAR' && /quote/.test(message) ? openingQuote(doc, start) : undefined;
    if (quote) {
      unclosedQuotes.add(start);
      [start, end] = [quote.range![0], quote.range![0] + 1];
      hint = 'this quoted string is never closed; add its closing quote';
    }
    if (flow) {
      const open = openingBracket(text, start, flow[1] === 'map');
      if (open !== undefined) {
        const { line, col } = lineCounter.linePos(open);
        const [opener, closer] = flow[1] === 'map' ? ['{', '}'] : ['[', ']'];
        hint = `the \`${opener}\` opened at line ${line}, column ${col} is not closed; add \`${closer}\` on that line, or indent the next lines further`;
      }
    }
    problems.atOffsets(start, end, { code: 'E_YAML', message, hint });
  }
}

/**
 * Start offset of the innermost `{...}` (or `[...]`) opened before `offset` that has no closing
 * bracket. Re-parses with source tokens, which only the CST knows; this runs only on an error.
 */
function openingBracket(text: string, offset: number, map: boolean): number | undefined {
  let found: number | undefined;
  visit(parseDocument(text, { keepSourceTokens: true, uniqueKeys: false }), {
    Node(_key, node) {
      if (!(isMap(node) || isSeq(node)) || isMap(node) !== map || !node.flow || !node.range || node.range[0] >= offset) return;
      const token = node.srcToken;
      const closed = token?.type === 'flow-collection' && token.end.some((t) => t.type === 'flow-map-end' || t.type === 'flow-seq-end');
      if (!closed) found = Math.max(found ?? -1, node.range[0]);
    },
  });
  return found;
}

/** The quoted scalar whose opening quote starts the string that runs to `offset`. */
function openingQuote(doc: Document, offset: number): Scalar | undefined {
  let found: Scalar | undefined;
  visit(doc, {
    Scalar(_key, node) {
      const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
      if (quoted && node.range && node.range[0] < offset && node.range[1] >= offset) found = node;
    },
  });
  return found;
}

function yamlHint(code: string, message: string): string {
  if (/^Flow (map|sequence)/.test(message)) return 'a `{` or `[` opened above is not closed on its line, or the next line is not indented enough';
  if (/^Nested mappings/.test(message)) return 'a mapping cannot start on its key\'s line: write it in braces (`with: { n: 3 }`) or on the next lines, indented';
  switch (code) {
    case 'MULTIPLE_DOCS':
      return 'a pipeline file holds one YAML document; remove the `---` line, or move what follows to its own file';
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
