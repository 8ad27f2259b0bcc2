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
  const values: unknown[] = [];
  for (const text of splitValues(argument.slice(eq + 1))) {
    try {
      values.push(parseYamlScalar(text) as unknown);
    } catch (error) {
      return {
        code: 'E_BAD_OVERRIDE',
        message: `cannot read the value '${text}': ${(error as Error).message.split('\n')[0]}`,
        file: '--set',
        line: 1,
        col: eq + 2,
        length: Math.max(1, argument.length - eq - 1),
        sourceLine: argument,
        hint: 'values are YAML: 0.001, true, abc, "quoted, with comma", [1, 2]',
      };
    }
  }
  return { key, values };
}

function splitValues(text: string): string[] {
  if (text.startsWith('[') || text.startsWith('{')) return [text];
  return text.split(',').map((v) => v.trim());
}
