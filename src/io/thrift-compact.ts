/**
 * The Thrift compact protocol, as much of it as Parquet's metadata needs:
 * 1. `ThriftWriter` encodes structs field by field (ids ascending, delta-encoded headers);
 * 2. `readThriftStruct` decodes any struct generically into `{ [fieldId]: value }`, with
 *    nested structs as objects, lists as arrays, binaries as bytes and integers as numbers,
 *    so a reader maps field ids to names and ignores fields it does not know.
 * Integers are zigzag varints; i64 values stay exact up to 2^53, far beyond any file offset.
 */
import { ByteBuilder } from './byte-builder.js';

export const THRIFT = {
  true: 1,
  false: 2,
  byte: 3,
  i16: 4,
  i32: 5,
  i64: 6,
  double: 7,
  binary: 8,
  list: 9,
  set: 10,
  map: 11,
  struct: 12,
} as const;

export type ThriftValue = number | boolean | Uint8Array | ThriftStruct | ThriftValue[];
export interface ThriftStruct {
  [field: number]: ThriftValue;
}

const utf8 = new TextEncoder();

export class ThriftWriter {
  private readonly out = new ByteBuilder();
  private lastField: number[] = [0];

  /** The encoded bytes so far. */
  finish(): Uint8Array {
    return this.out.finish();
  }

  /** An i8 field: one raw byte, not a varint. */
  i8(field: number, value: number): this {
    this.header(field, THRIFT.byte);
    this.out.byte(value & 0xff);
    return this;
  }

  i32(field: number, value: number): this {
    this.header(field, THRIFT.i32);
    this.out.varint(zigzag(value));
    return this;
  }

  i64(field: number, value: number): this {
    this.header(field, THRIFT.i64);
    this.out.varint(zigzag(value));
    return this;
  }

  bool(field: number, value: boolean): this {
    this.header(field, value ? THRIFT.true : THRIFT.false);
    return this;
  }

  binary(field: number, value: string | Uint8Array): this {
    this.header(field, THRIFT.binary);
    this.rawBinary(value);
    return this;
  }

  /** Opens a nested struct field; close it with `end()`. */
  struct(field: number): this {
    this.header(field, THRIFT.struct);
    this.lastField.push(0);
    return this;
  }

  /** Closes the innermost open struct (or the top-level one). */
  end(): this {
    this.out.byte(0);
    this.lastField.pop();
    return this;
  }

  /** A list of i32 values (enums). */
  i32List(field: number, values: readonly number[]): this {
    this.listHeader(field, THRIFT.i32, values.length);
    for (const v of values) this.out.varint(zigzag(v));
    return this;
  }

  binaryList(field: number, values: readonly string[]): this {
    this.listHeader(field, THRIFT.binary, values.length);
    for (const v of values) this.rawBinary(v);
    return this;
  }

  /** A list of structs, each written by `write` between an implicit begin and end. */
  structList<T>(field: number, items: readonly T[], write: (w: this, item: T) => void): this {
    this.listHeader(field, THRIFT.struct, items.length);
    for (const item of items) {
      this.lastField.push(0);
      write(this, item);
      this.end();
    }
    return this;
  }

  private listHeader(field: number, type: number, size: number): void {
    this.header(field, THRIFT.list);
    if (size < 15) this.out.byte((size << 4) | type);
    else {
      this.out.byte(0xf0 | type);
      this.out.varint(size);
    }
  }

  private header(field: number, type: number): void {
    const last = this.lastField[this.lastField.length - 1]!;
    const delta = field - last;
    if (delta > 0 && delta <= 15) this.out.byte((delta << 4) | type);
    else {
      this.out.byte(type);
      this.out.varint(zigzag(field));
    }
    this.lastField[this.lastField.length - 1] = field;
  }

  private rawBinary(value: string | Uint8Array): void {
    const bytes = typeof value === 'string' ? utf8.encode(value) : value;
    this.out.varint(bytes.length);
    this.out.raw(bytes);
  }
}

function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

function unzigzag(value: number): number {
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}

/** Decodes one struct starting at `offset`; `end` is the offset just past it. */
export function readThriftStruct(bytes: Uint8Array, offset = 0): { value: ThriftStruct; end: number } {
  const reader = new CompactReader(bytes, offset);
  const value = reader.struct();
  return { value, end: reader.offset };
}

class CompactReader {
  constructor(
    private readonly bytes: Uint8Array,
    public offset: number,
  ) {}

  struct(): ThriftStruct {
    const out: ThriftStruct = {};
    let field = 0;
    for (;;) {
      const head = this.byte();
      if (head === 0) return out;
      const type = head & 0x0f;
      const delta = head >> 4;
      field = delta === 0 ? unzigzag(this.varint()) : field + delta;
      out[field] = this.value(type);
    }
  }

  private value(type: number): ThriftValue {
    switch (type) {
      case THRIFT.true:
        return true;
      case THRIFT.false:
        return false;
      case THRIFT.byte:
        return (this.byte() << 24) >> 24;
      case THRIFT.i16:
      case THRIFT.i32:
      case THRIFT.i64:
        return unzigzag(this.varint());
      case THRIFT.double: {
        const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, 8);
        this.offset += 8;
        return view.getFloat64(0, true);
      }
      case THRIFT.binary: {
        const n = this.varint();
        const out = this.bytes.subarray(this.offset, this.offset + n);
        if (out.length !== n) throw new Error('truncated Thrift binary');
        this.offset += n;
        return out;
      }
      case THRIFT.list:
      case THRIFT.set:
        return this.list();
      case THRIFT.struct:
        return this.struct();
      default:
        throw new Error(`unsupported Thrift compact type ${type} at byte ${this.offset}`);
    }
  }

  private list(): ThriftValue[] {
    const head = this.byte();
    const size = head >> 4 === 15 ? this.varint() : head >> 4;
    const type = head & 0x0f;
    const out: ThriftValue[] = [];
    for (let i = 0; i < size; i++) {
      // Booleans inside collections are one byte each: 1 true, anything else false.
      out.push(type === THRIFT.true || type === THRIFT.false ? this.byte() === 1 : this.value(type));
    }
    return out;
  }

  private byte(): number {
    if (this.offset >= this.bytes.length) throw new Error('truncated Thrift data');
    return this.bytes[this.offset++]!;
  }

  private varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 0x80;
    }
  }
}
