/**
 * TFRecord framing, the container of TensorBoard event files. Each record is
 *
 *   uint64 length (little-endian) | uint32 masked CRC-32C of those 8 bytes | data | uint32 masked CRC-32C of data
 *
 * 1. `frameTfRecord` wraps one payload;
 * 2. `splitTfRecords` walks a file's bytes, checks both CRCs of every record and returns the
 *    payloads, or throws a `TfRecordError` naming the file, the record index and its byte offset.
 */
import { crc32c, maskCrc32c } from './crc32c.js';

const HEADER_BYTES = 12;
const FOOTER_BYTES = 4;

/** A damaged or malformed record file, located by file, 0-based record index and byte offset. */
export class TfRecordError extends Error {
  readonly file: string;
  readonly record: number;
  readonly offset: number;

  constructor(file: string, record: number, offset: number, problem: string) {
    super(`${file}: record ${record} (byte ${offset}): ${problem}`);
    this.name = 'TfRecordError';
    this.file = file;
    this.record = record;
    this.offset = offset;
  }
}

/** One framed record: header, `data`, footer. */
export function frameTfRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + data.length + FOOTER_BYTES);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(data.length), true);
  view.setUint32(8, maskCrc32c(crc32c(out.subarray(0, 8))), true);
  out.set(data, HEADER_BYTES);
  view.setUint32(HEADER_BYTES + data.length, maskCrc32c(crc32c(data)), true);
  return out;
}

export interface SplitTfRecordsOptions {
  /**
   * Accept an incomplete last record (a writer killed mid-append) by dropping it, as
   * TensorBoard does while a run is live. Default false: it is an error.
   */
  allowTruncatedTail?: boolean;
}

export interface TfRecords {
  /** The payloads, each a view into the input bytes. */
  records: Uint8Array[];
  /** Byte offset of each record's header in the input. */
  offsets: number[];
  /** Bytes of an incomplete last record that was dropped; 0 when the file ends cleanly. */
  truncatedBytes: number;
}

/** The verified payloads of a TFRecord file's bytes; `file` names it in errors. */
export function splitTfRecords(bytes: Uint8Array, file: string, options: SplitTfRecordsOptions = {}): TfRecords {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: Uint8Array[] = [];
  const offsets: number[] = [];
  let at = 0;
  const truncated = (problem: string): TfRecords => {
    if (options.allowTruncatedTail) return { records, offsets, truncatedBytes: bytes.length - at };
    throw new TfRecordError(file, records.length, at, `${problem}; the file is truncated`);
  };
  while (at < bytes.length) {
    if (bytes.length - at < HEADER_BYTES) return truncated(`${bytes.length - at} bytes left, fewer than a record header's ${HEADER_BYTES}`);
    const stored = view.getUint32(at + 8, true);
    const computed = maskCrc32c(crc32c(bytes.subarray(at, at + 8)));
    if (stored !== computed) throw new TfRecordError(file, records.length, at, `length CRC mismatch (stored ${hex(stored)}, computed ${hex(computed)}); the file is damaged`);
    const length = view.getBigUint64(at, true);
    const left = bytes.length - at - HEADER_BYTES - FOOTER_BYTES;
    if (length > BigInt(Math.max(left, 0))) return truncated(`record length ${length} exceeds the ${Math.max(left, 0)} bytes left`);
    const start = at + HEADER_BYTES;
    const data = bytes.subarray(start, start + Number(length));
    const storedData = view.getUint32(start + data.length, true);
    const computedData = maskCrc32c(crc32c(data));
    if (storedData !== computedData) throw new TfRecordError(file, records.length, at, `data CRC mismatch (stored ${hex(storedData)}, computed ${hex(computedData)}); the file is damaged`);
    records.push(data);
    offsets.push(at);
    at = start + data.length + FOOTER_BYTES;
  }
  return { records, offsets, truncatedBytes: 0 };
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
