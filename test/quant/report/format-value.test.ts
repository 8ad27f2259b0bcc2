import { describe, expect, it } from 'vitest';
import { formatValue, isNumericCell } from '../../../src/quant/report/format-value.js';

describe('formatValue', () => {
  it('formats each column kind without the host locale', () => {
    expect(formatValue(0.12345, 'percent')).toBe('12.35%');
    expect(formatValue(-0.5, 'percent')).toBe('−50.00%');
    expect(formatValue(1.005, 'ratio')).toBe('1.00');
    expect(formatValue(-1234567.4, 'integer')).toBe('−1,234,567');
    expect(formatValue(0.0004, 'pvalue')).toBe('<0.001');
    expect(formatValue(0.04999, 'pvalue')).toBe('0.050');
    expect(formatValue(3, 'text')).toBe('3');
  });

  it('shows missing values as a dash, never NaN, and infinities as ∞', () => {
    for (const v of [null, undefined, Number.NaN]) expect(formatValue(v, 'ratio')).toBe('—');
    expect(formatValue(Number.POSITIVE_INFINITY, 'ratio')).toBe('∞');
    expect(formatValue(Number.NEGATIVE_INFINITY, 'percent')).toBe('−∞');
  });

  it('never writes a negative zero', () => {
    expect(formatValue(-0.00001, 'percent')).toBe('0.00%');
    expect(formatValue(-0.001, 'ratio')).toBe('0.00');
  });

  it('shows a string as given', () => {
    expect(formatValue('1.42 [0.31, 2.50]', 'ratio')).toBe('1.42 [0.31, 2.50]');
  });
});

describe('isNumericCell', () => {
  it('right-aligns numbers and number-like strings, not text', () => {
    expect(isNumericCell(1, 'ratio')).toBe(true);
    expect(isNumericCell('1.42 [0.31, 2.50]', 'ratio')).toBe(true);
    expect(isNumericCell('n/a', 'ratio')).toBe(false);
    expect(isNumericCell(1, 'text')).toBe(false);
  });
});
