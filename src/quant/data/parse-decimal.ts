/**
 * `Number(text.slice(start, end))`, without the slice for the numbers price files hold.
 *
 * A plain decimal (`-12.5`, `931800000`, `1.5e-3`) with at most 15 significant digits and
 * a decimal exponent within ±22 is read by Clinger's fast path: the digits form an exact
 * integer below 2^53, 10^k is exact for k <= 22, so one multiplication or division rounds
 * once, correctly, and gives the very double `Number` gives. Anything else (more digits,
 * blanks, hex, `Infinity`, garbage) is handed to `Number` itself, so the two never differ.
 */

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const MAX_FAST_DIGITS = 15;
const MAX_FAST_EXPONENT = 22;
const ZERO = 48;
const DOT = 46;
const MINUS = 45;
const PLUS = 43;

export function parseDecimalAt(text: string, start: number, end: number): number {
  let i = start;
  let c = text.charCodeAt(i);
  const negative = c === MINUS;
  if (negative || c === PLUS) i++;
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let scale = 0;
  let afterDot = false;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    const digit = c - ZERO;
    if (digit >= 0 && digit <= 9) {
      digits++;
      if (afterDot) scale++;
      if (mantissa !== 0 || digit !== 0) significant++;
      mantissa = mantissa * 10 + digit;
    } else if (c === DOT && !afterDot) {
      afterDot = true;
    } else {
      break;
    }
  }
  if (digits === 0 || significant > MAX_FAST_DIGITS) return slowPath(text, start, end);
  let exponent = 0;
  if (i < end) {
    exponent = exponentAt(text, i, end);
    if (Number.isNaN(exponent)) return slowPath(text, start, end);
  }
  const power = exponent - scale;
  if (power < -MAX_FAST_EXPONENT || power > MAX_FAST_EXPONENT) return mantissa === 0 ? signed(0, negative) : slowPath(text, start, end);
  const value = power < 0 ? mantissa / POWERS_OF_TEN[-power]! : mantissa * POWERS_OF_TEN[power]!;
  return signed(value, negative);
}

// `e5`, `E-3`, `e+07` up to the end of the field; NaN for anything else.
function exponentAt(text: string, i: number, end: number): number {
  const e = text.charCodeAt(i);
  if (e !== 101 && e !== 69) return Number.NaN;
  i++;
  const sign = text.charCodeAt(i);
  const negative = sign === MINUS;
  if (negative || sign === PLUS) i++;
  if (i >= end || end - i > 4) return Number.NaN;
  let value = 0;
  for (; i < end; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

function signed(value: number, negative: boolean): number {
  return negative ? -value : value;
}

function slowPath(text: string, start: number, end: number): number {
  return Number(text.slice(start, end));
}
