import { DataType, TimeUnit, type Table, type Timestamp, type Vector } from 'apache-arrow';

// Fraction digits per TimeUnit (SECOND, MILLISECOND, MICROSECOND, NANOSECOND).
const FRACTION_DIGITS = [0, 3, 6, 9] as const;

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Renders an Arrow table as CSV text: a header row, one line per row, LF line
 * endings and a trailing newline.
 *
 * - Fields holding a comma, quote, CR or LF are quoted, quotes doubled (RFC 4180).
 * - Numbers use their shortest round-trip form; null and NaN are empty fields,
 *   while an empty string is written `""` so it stays distinct from null.
 * - Date columns (date32/date64) are `YYYY-MM-DD`; timestamps are ISO 8601 in
 *   UTC with as many fraction digits as their unit (naive timestamps are taken
 *   as UTC). Values are read from the raw integers, so micro/nanoseconds are exact.
 * - bigint is a decimal string, booleans `true`/`false`.
 */
export function tableToCsv(table: Table): string {
  const names = table.schema.fields.map((field) => field.name);
  const columns = names.map((_, index) => formatColumn(table.getChildAt(index)!));
  const lines = [names.map(quoteField).join(',')];
  for (let row = 0; row < table.numRows; row++) {
    lines.push(columns.map((column) => column[row]).join(','));
  }
  return lines.join('\n') + '\n';
}

// Column-at-a-time, so the type dispatch happens once per column, not per cell.
function formatColumn(vector: Vector): string[] {
  const type: DataType = vector.type;
  if (DataType.isTimestamp(type)) return formatTimestamps(vector, type);
  const format = DataType.isDate(type) ? formatDate : formatValue;
  const out: string[] = [];
  for (const value of vector) out.push(value == null ? '' : format(value));
  return out;
}

function formatValue(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return Number.isNaN(value) ? '' : String(value);
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'string':
      return value === '' ? '""' : quoteField(value);
    default:
      // Nested values (struct rows, lists) have a JSON form via toJSON().
      return quoteField(JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
  }
}

// Arrow JS hands date32 and date64 values over as epoch milliseconds.
function formatDate(value: unknown): string {
  const ms = value instanceof Date ? value.getTime() : Number(value);
  return new Date(ms).toISOString().slice(0, -'T00:00:00.000Z'.length);
}

// Arrow JS converts timestamps to float milliseconds, which loses microseconds
// and nanoseconds; the raw int64 values in each chunk are exact.
function formatTimestamps(vector: Vector, type: Timestamp): string[] {
  const digits = FRACTION_DIGITS[type.unit as TimeUnit];
  const perSecond = 10n ** BigInt(digits);
  const out: string[] = [];
  for (const chunk of vector.data) {
    for (let index = 0; index < chunk.length; index++) {
      const raw: unknown = chunk.values[index];
      out.push(chunk.getValid(index) ? formatInstant(BigInt(raw as bigint), perSecond, digits) : '');
    }
  }
  return out;
}

function formatInstant(raw: bigint, perSecond: bigint, digits: number): string {
  let seconds = raw / perSecond;
  let fraction = raw % perSecond;
  if (fraction < 0n) {
    // BigInt division truncates toward zero; instants before 1970 need floor.
    seconds -= 1n;
    fraction += perSecond;
  }
  const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, -'.000Z'.length);
  return digits === 0 ? `${whole}Z` : `${whole}.${String(fraction).padStart(digits, '0')}Z`;
}

function quoteField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
