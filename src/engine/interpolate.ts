/**
 * `${vars.name}` interpolation. A string that is exactly one reference takes the
 * variable's value with its type (`"${vars.lookback}"` -> 30); a reference inside a longer
 * string is spliced in as text. `$${` writes a literal `${`.
 */
import { joinPointer } from './json-pointer.js';

export interface UnresolvedReference {
  pointer: string;
  expression: string;
}

const WHOLE = /^\$\{([^}]*)\}$/;

export function interpolate(
  value: unknown,
  vars: Record<string, unknown>,
  unresolved: UnresolvedReference[],
  path: (string | number)[] = [],
): unknown {
  if (typeof value === 'string') return interpolateString(value, vars, unresolved, path);
  if (value === null || typeof value !== 'object') return value;
  const visit = (v: unknown, key: string | number): unknown => {
    path.push(key);
    const out = interpolate(v, vars, unresolved, path);
    path.pop();
    return out;
  };
  if (Array.isArray(value)) return value.map(visit);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = visit(v, k);
  return out;
}

function interpolateString(
  text: string,
  vars: Record<string, unknown>,
  unresolved: UnresolvedReference[],
  path: (string | number)[],
): unknown {
  if (!text.includes('${')) return text;
  const whole = WHOLE.exec(text);
  if (whole && !text.startsWith('$${')) {
    const found = lookup(whole[1]!.trim(), vars);
    if (found.ok) return found.value;
    unresolved.push({ pointer: joinPointer(path), expression: whole[1]!.trim() });
    return text;
  }
  return text.replace(/(\$?)\$\{([^}]*)\}/g, (match, escape: string, expr: string) => {
    if (escape) return match.slice(1);
    const found = lookup(expr.trim(), vars);
    if (found.ok) return typeof found.value === 'string' ? found.value : JSON.stringify(found.value);
    unresolved.push({ pointer: joinPointer(path), expression: expr.trim() });
    return match;
  });
}

function lookup(expression: string, vars: Record<string, unknown>): { ok: true; value: unknown } | { ok: false } {
  const parts = expression.split('.');
  if (parts[0] !== 'vars' || parts.length < 2) return { ok: false };
  let current: unknown = vars;
  for (const part of parts.slice(1)) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return { ok: false };
    current = (current as Record<string, unknown>)[part];
  }
  return { ok: true, value: current };
}
