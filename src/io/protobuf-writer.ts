/**
 * A minimal protocol-buffers encoder: field keys, varints, fixed32/fixed64 numbers and
 * length-delimited strings, bytes and nested messages (encoded first, then embedded).
 * Enough to write TensorBoard's `Event` without a protobuf dependency.
 */

/** Protobuf wire types. */
export const WIRE = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

import { ByteBuilder } from './byte-builder.js';

const utf8 = new TextEncoder();

export class ProtobufWriter {
  private readonly out = new ByteBuilder();

  /** The encoded bytes so far (a view; copy it before writing more). */
  finish(): Uint8Array {
    return this.out.finish();
  }

  /** An unsigned integer field (int64/uint64/int32 with a value >= 0). */
  uint(field: number, value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`protobuf field ${field}: expected an integer in [0, 2^53), got ${value}`);
    this.key(field, WIRE.varint);
    this.out.varint(value);
    return this;
  }

  /** A `double` field (fixed64, little-endian IEEE 754). */
  double(field: number, value: number): this {
    this.key(field, WIRE.fixed64);
    this.out.float64(value);
    return this;
  }

  /** A `float` field (fixed32, little-endian IEEE 754; the value rounds to float32). */
  float(field: number, value: number): this {
    this.key(field, WIRE.fixed32);
    this.out.float32(value);
    return this;
  }

  /** A `string` field, UTF-8 encoded. */
  string(field: number, value: string): this {
    return this.bytesField(field, utf8.encode(value));
  }

  /** A `bytes` field, or an embedded message given as its encoded bytes. */
  bytesField(field: number, value: Uint8Array): this {
    this.key(field, WIRE.lengthDelimited);
    this.out.varint(value.length);
    this.out.raw(value);
    return this;
  }

  /** An embedded message field. */
  message(field: number, message: ProtobufWriter): this {
    return this.bytesField(field, message.finish());
  }

  private key(field: number, wireType: number): void {
    if (!Number.isInteger(field) || field < 1 || field > 536_870_911) throw new RangeError(`protobuf field number must be in [1, 2^29), got ${field}`);
    this.out.varint(field * 8 + wireType);
  }
}
