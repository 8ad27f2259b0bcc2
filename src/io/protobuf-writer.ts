/**
 * A minimal protocol-buffers encoder: field keys, varints, fixed32/fixed64 numbers and
 * length-delimited strings, bytes and nested messages (encoded first, then embedded).
 * Enough to write TensorBoard's `Event` without a protobuf dependency.
 */

/** Protobuf wire types. */
export const WIRE = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

const utf8 = new TextEncoder();

export class ProtobufWriter {
  private bytes = new Uint8Array(64);
  private view = new DataView(this.bytes.buffer);
  private length = 0;

  /** The encoded bytes so far (a view; copy it before writing more). */
  finish(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  /** An unsigned integer field (int64/uint64/int32 with a value >= 0). */
  uint(field: number, value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`protobuf field ${field}: expected an integer in [0, 2^53), got ${value}`);
    this.key(field, WIRE.varint);
    this.varint(value);
    return this;
  }

  /** A `double` field (fixed64, little-endian IEEE 754). */
  double(field: number, value: number): this {
    this.key(field, WIRE.fixed64);
    this.reserve(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
    return this;
  }

  /** A `float` field (fixed32, little-endian IEEE 754; the value rounds to float32). */
  float(field: number, value: number): this {
    this.key(field, WIRE.fixed32);
    this.reserve(4);
    this.view.setFloat32(this.length, value, true);
    this.length += 4;
    return this;
  }

  /** A `string` field, UTF-8 encoded. */
  string(field: number, value: string): this {
    return this.bytesField(field, utf8.encode(value));
  }

  /** A `bytes` field, or an embedded message given as its encoded bytes. */
  bytesField(field: number, value: Uint8Array): this {
    this.key(field, WIRE.lengthDelimited);
    this.varint(value.length);
    this.reserve(value.length);
    this.bytes.set(value, this.length);
    this.length += value.length;
    return this;
  }

  /** An embedded message field. */
  message(field: number, message: ProtobufWriter): this {
    return this.bytesField(field, message.finish());
  }

  private key(field: number, wireType: number): void {
    if (!Number.isInteger(field) || field < 1 || field > 536_870_911) throw new RangeError(`protobuf field number must be in [1, 2^29), got ${field}`);
    this.varint(field * 8 + wireType);
  }

  // Base-128, low group first; arithmetic, not bit operators, so values above 2^31 stay exact.
  private varint(value: number): void {
    this.reserve(10);
    while (value >= 0x80) {
      this.bytes[this.length++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.bytes[this.length++] = value;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
}
