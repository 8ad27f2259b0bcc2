/**
 * A minimal protocol-buffers decoder: splits a message into its fields (number, wire
 * type, raw value) without a schema, so a caller maps the numbers it knows and skips the
 * rest. Throws a plain Error on malformed input; the caller adds where the bytes came from.
 */
import { WIRE } from './protobuf-writer.js';

/** One decoded field. Varints come back as numbers (exact below 2^53), fixed32/fixed64 as their raw bytes. */
export interface ProtobufField {
  field: number;
  wireType: number;
  /** Varint fields: the value. */
  varint: number;
  /** Fixed32, fixed64 and length-delimited fields: the payload (a view into the input). */
  bytes: Uint8Array;
}

const EMPTY = new Uint8Array(0);

/** Every field of `message`, in encoded order. */
export function readProtobufFields(message: Uint8Array): ProtobufField[] {
  const fields: ProtobufField[] = [];
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (at >= message.length) throw new Error(`truncated varint at byte ${at}`);
      const byte = message[at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
    throw new Error(`varint longer than 10 bytes at byte ${at}`);
  };
  const take = (n: number): Uint8Array => {
    if (at + n > message.length) throw new Error(`field payload of ${n} bytes at byte ${at} runs past the message's ${message.length} bytes`);
    const view = message.subarray(at, at + n);
    at += n;
    return view;
  };
  while (at < message.length) {
    const keyAt = at;
    const key = varint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (field === 0) throw new Error(`field number 0 at byte ${keyAt}`);
    if (wireType === WIRE.varint) fields.push({ field, wireType, varint: varint(), bytes: EMPTY });
    else if (wireType === WIRE.fixed64) fields.push({ field, wireType, varint: 0, bytes: take(8) });
    else if (wireType === WIRE.fixed32) fields.push({ field, wireType, varint: 0, bytes: take(4) });
    else if (wireType === WIRE.lengthDelimited) fields.push({ field, wireType, varint: 0, bytes: take(varint()) });
    else throw new Error(`unsupported wire type ${wireType} for field ${field} at byte ${keyAt}`);
  }
  return fields;
}

/** The value of a fixed64 field as a little-endian double. */
export function fieldDouble(field: ProtobufField): number {
  return new DataView(field.bytes.buffer, field.bytes.byteOffset, 8).getFloat64(0, true);
}

/** The value of a fixed32 field as a little-endian float. */
export function fieldFloat(field: ProtobufField): number {
  return new DataView(field.bytes.buffer, field.bytes.byteOffset, 4).getFloat32(0, true);
}
