/**
 * Table cells as text, the same in HTML and Markdown, without locale dependence (the report
 * must be the same bytes on every machine):
 * 1. missing values (null, undefined, NaN) show as an em dash; ±Infinity as ∞;
 * 2. a string is shown as is (a Sharpe with its interval, a name);
 * 3. numbers follow the column format.
 */
import type { ColumnFormat } from './report-model.js';

/** The dash shown for a missing value. */
export const MISSING = '—';

/** A cell value formatted for display. */
export function formatValue(value: number | string | null | undefined, format: ColumnFormat): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined || Number.isNaN(value)) return MISSING;
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  switch (format) {
    case 'percent':
      return `${minus(fixed(value * 100, 2))}%`;
    case 'ratio':
      return minus(fixed(value, 2));
    case 'integer':
      return minus(groupThousands(Math.round(value)));
    case 'pvalue':
      return value < 0.001 ? '<0.001' : fixed(value, 3);
    case 'text':
      return String(value);
  }
}

/** True when the value is shown as a number (right-aligned, tabular figures). */
export function isNumericCell(value: number | string | null | undefined, format: ColumnFormat): boolean {
  return format !== 'text' && (typeof value !== 'string' || /^[-−+]?[\d.]/.test(value.trim()));
}

/** toFixed, but never "-0.00". */
function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** A typographic minus lines up with digits better than a hyphen. */
function minus(text: string): string {
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/** 1234567 -> "1,234,567" (fixed separator, not the host locale's). */
function groupThousands(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
