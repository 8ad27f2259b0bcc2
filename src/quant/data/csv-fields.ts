/**
 * Splitting one CSV line into fields, by hand rather than by regex, since it runs once
 * per row of files with millions of rows. Lines never span a newline here: price files
 * have no multi-line fields, and a quote left open reads as an error, not a merge.
 */

const COMMA = 44;
const QUOTE = 34;

/**
 * Field boundaries of the unquoted line `text[start, end)`: field i is
 * `text[starts[i], ends[i])`. Returns the number of fields, which may exceed the arrays'
 * length; only that many are stored.
 */
export function splitPlainFields(text: string, start: number, end: number, starts: Int32Array, ends: Int32Array): number {
  const capacity = starts.length;
  let count = 0;
  let from = start;
  // A charCodeAt loop beats one indexOf call per field: price fields are a few characters long.
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) !== COMMA) continue;
    if (count < capacity) {
      starts[count] = from;
      ends[count] = i;
    }
    count++;
    from = i + 1;
  }
  if (count < capacity) {
    starts[count] = from;
    ends[count] = end;
  }
  return count + 1;
}

/**
 * The fields of `text[start, end)` under RFC 4180 quoting (a quoted field may hold commas,
 * and `""` inside it is one quote). Returns null when a quote is left open.
 */
export function splitQuotedFields(text: string, start: number, end: number): string[] | null {
  const fields: string[] = [];
  let pos = start;
  for (;;) {
    let field = '';
    if (pos < end && text.charCodeAt(pos) === QUOTE) {
      pos++;
      for (;;) {
        const close = text.indexOf('"', pos);
        if (close < 0 || close >= end) return null;
        field += text.slice(pos, close);
        if (close + 1 < end && text.charCodeAt(close + 1) === QUOTE) {
          field += '"';
          pos = close + 2;
        } else {
          pos = close + 1;
          break;
        }
      }
      // Text between the closing quote and the comma is kept, as most readers do.
      const comma = nextComma(text, pos, end);
      field += text.slice(pos, comma);
      pos = comma;
    } else {
      const comma = nextComma(text, pos, end);
      field = text.slice(pos, comma);
      pos = comma;
    }
    fields.push(field);
    if (pos >= end) return fields;
    pos++; // past the comma
    if (pos === end) {
      fields.push('');
      return fields;
    }
  }
}

function nextComma(text: string, from: number, end: number): number {
  const comma = text.indexOf(',', from);
  return comma < 0 || comma > end ? end : comma;
}
