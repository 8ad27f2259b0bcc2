import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimalAt } from '../../../src/quant/data/parse-decimal.js';

/** Reads `text` embedded between other characters, as the CSV reader does. */
function read(text: string): number {
  return parseDecimalAt(`-1${text}9,`, 2, 2 + text.length);
}

const decimalText = fc
  .record({
    sign: fc.constantFrom('', '-', '+'),
    whole: fc.stringMatching(/^[0-9]{0,20}$/),
    dot: fc.boolean(),
    fraction: fc.stringMatching(/^[0-9]{0,20}$/),
    exponent: fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), fc.stringMatching(/^[0-9]{0,6}$/)), { nil: undefined }),
  })
  .map(({ sign, whole, dot, fraction, exponent }) => `${sign}${whole}${dot ? '.' : ''}${dot ? fraction : ''}${exponent?.join('') ?? ''}`);

describe('parseDecimalAt', () => {
  it('gives exactly what Number() gives for any decimal text', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(Object.is(read(text), Number(text)), text).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('gives exactly what Number() gives for the shortest form of any double and for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double().map(String), fc.string({ maxLength: 12 })), (text) => {
        expect(Object.is(read(text), Number(text)), text).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads the numbers of real price files and the corner cases', () => {
    const cases = ['1455.219971', '931800000', '0.0001', '-0', '-0.0', '.5', '5.', '1e22', '1e23', '123456789012345678', '0e999', ' 7 ', '0x1A', 'Infinity', '', '-', '.', '1e', '1.2.3'];
    for (const text of cases) expect(Object.is(read(text), Number(text)), text).toBe(true);
  });
});
