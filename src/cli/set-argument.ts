/** `--set key=value[,value...]` arguments of `tradelab run`. */
import { parse as parseYamlScalar } from 'yaml';
import type { Problem } from '../engine/errors.js';

/**
 * Parses a `--set key=value[,value...]` argument. Values are YAML scalars
 * (`0.001`, `true`, `abc`); a comma separates several values (a multirun).
 */
export function parseSetArgument(argument: string): { key: string; values: unknown[] } | Problem {
  const eq = argument.indexOf('=');
  if (eq <= 0) {
    return {
      code: 'E_BAD_OVERRIDE',
      message: `--set needs <stage>.with.<param>=<value>, got '${argument}'`,
      file: '--set',
      line: 1,
      col: 1,
      length: Math.max(1, argument.length),
      sourceLine: argument,
      hint: 'e.g. --set lstm.with.units=128',
    };
  }
  const key = argument.slice(0, eq).trim();
  const values = splitValues(argument.slice(eq + 1)).map((v) => parseYamlScalar(v) as unknown);
  return { key, values };
}

function splitValues(text: string): string[] {
  if (text.startsWith('[') || text.startsWith('{')) return [text];
  return text.split(',').map((v) => v.trim());
}
