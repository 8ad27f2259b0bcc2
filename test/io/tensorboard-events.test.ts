import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crc32c, maskCrc32c, unmaskCrc32c } from '../../src/io/crc32c.js';
import { readProtobufFields } from '../../src/io/protobuf-reader.js';
import { ProtobufWriter } from '../../src/io/protobuf-writer.js';
import { EVENT_FILE_VERSION, TensorBoardWriter, eventFileName, readTensorBoardEvents } from '../../src/io/tensorboard-events.js';
import { TfRecordError, frameTfRecord, splitTfRecords } from '../../src/io/tfrecord.js';

const ascii = (s: string) => new TextEncoder().encode(s);

/** Little-endian bytes of a double / float / uint32 / uint64, built independently of the writer. */
function f64(x: number): number[] {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x, true);
  return [...new Uint8Array(b.buffer)];
}
function f32(x: number): number[] {
  const b = new DataView(new ArrayBuffer(4));
  b.setFloat32(0, x, true);
  return [...new Uint8Array(b.buffer)];
}
function u32(x: number): number[] {
  return [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, x >>> 24];
}
function u64(x: number): number[] {
  return [...u32(x), 0, 0, 0, 0];
}

describe('crc32c', () => {
  it('matches the published CRC-32C check values', () => {
    expect(crc32c(ascii('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(0))).toBe(0);
    // RFC 3720 (iSCSI), appendix B.4.
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
  });

  it('masks as TFRecord does: rotate right 15, add 0xa282ead8, and unmasks back', () => {
    expect(maskCrc32c(0xe3069283)).toBe(0xc78ab0e5);
    expect(maskCrc32c(0)).toBe(0xa282ead8);
    expect(maskCrc32c(crc32c(new Uint8Array(8)))).toBe(0x07980329);
    for (const crc of [0, 1, 0xe3069283, 0xffffffff, 0x80000000, 0x12345678]) expect(unmaskCrc32c(maskCrc32c(crc))).toBe(crc);
  });
});

describe('protobuf encoding', () => {
  it('writes varints little group first and reads every wire type back', () => {
    const bytes = new ProtobufWriter().uint(1, 300).uint(2, 2 ** 40 + 5).double(3, -1.5).float(4, 0.25).string(5, 'é').finish();
    expect([...bytes.subarray(0, 3)]).toEqual([0x08, 0xac, 0x02]);
    const fields = readProtobufFields(bytes);
    expect(fields.map((f) => [f.field, f.wireType])).toEqual([[1, 0], [2, 0], [3, 1], [4, 5], [5, 2]]);
    expect(fields[0]!.varint).toBe(300);
    expect(fields[1]!.varint).toBe(2 ** 40 + 5);
    expect([...fields[4]!.bytes]).toEqual([0xc3, 0xa9]);
  });

  it('rejects a payload that runs past the message', () => {
    expect(() => readProtobufFields(Uint8Array.of(0x0a, 0x05, 0x61))).toThrow(/runs past the message/);
  });
});

describe('TensorBoardWriter', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tradelab-tb-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function writeHistory(): string {
    const writer = new TensorBoardWriter(join(dir, 'run', 'train-lstm'), { startTime: 1_700_000_000.5, hostname: 'box' });
    writer.scalars(1, { 'train/loss': 0.69, 'train/accuracy': 0.5 }, 1_700_000_010);
    writer.scalars(2, { 'train/loss': 0.6, 'lr': 1e-3, 'samples_per_s': 3100 }, 1_700_000_020);
    writer.close();
    return writer.file;
  }

  it('names the file events.out.tfevents.<seconds>.<hostname> in the directory it creates', () => {
    const file = writeHistory();
    expect(readdirSync(join(dir, 'run', 'train-lstm'))).toEqual(['events.out.tfevents.1700000000.box']);
    expect(file).toBe(join(dir, 'run', 'train-lstm', 'events.out.tfevents.1700000000.box'));
    expect(eventFileName(42, 'h', '.val')).toBe('events.out.tfevents.0000000042.h.val');
  });

  it('frames the file-version event byte for byte: length, masked CRCs, wall_time and file_version', () => {
    const bytes = new Uint8Array(readFileSync(writeHistory()));
    const payload = [0x09, ...f64(1_700_000_000.5), 0x1a, 13, ...ascii(EVENT_FILE_VERSION)];
    const length = u64(payload.length);
    const expected = [...length, ...u32(maskCrc32c(crc32c(Uint8Array.from(length)))), ...payload, ...u32(maskCrc32c(crc32c(Uint8Array.from(payload))))];
    expect(payload.length).toBe(24);
    expect([...bytes.subarray(0, expected.length)]).toEqual(expected);
  });

  it('encodes a scalar event as Event{wall_time, step, summary{value{tag, simple_value}}}', () => {
    const bytes = new Uint8Array(readFileSync(writeHistory()));
    const { records } = splitTfRecords(bytes, 'f');
    const value = (tag: string, v: number) => [0x0a, tag.length, ...ascii(tag), 0x15, ...f32(v)];
    const values = [...value('train/loss', 0.69), ...value('train/accuracy', 0.5)];
    const summary = [0x0a, value('train/loss', 0.69).length, ...value('train/loss', 0.69), 0x0a, value('train/accuracy', 0.5).length, ...value('train/accuracy', 0.5)];
    expect(summary.length).toBe(values.length + 4);
    expect([...records[1]!]).toEqual([0x09, ...f64(1_700_000_010), 0x10, 1, 0x2a, summary.length, ...summary]);
  });

  it('reads back every event with float32-rounded values', () => {
    const events = readTensorBoardEvents(writeHistory());
    expect(events).toEqual([
      { wallTime: 1_700_000_000.5, step: 0, fileVersion: 'brain.Event:2' },
      { wallTime: 1_700_000_010, step: 1, summary: [{ tag: 'train/loss', simpleValue: Math.fround(0.69) }, { tag: 'train/accuracy', simpleValue: 0.5 }] },
      {
        wallTime: 1_700_000_020,
        step: 2,
        summary: [
          { tag: 'train/loss', simpleValue: Math.fround(0.6) },
          { tag: 'lr', simpleValue: Math.fround(1e-3) },
          { tag: 'samples_per_s', simpleValue: 3100 },
        ],
      },
    ]);
  });

  it('has every record on disk as soon as scalars returns, before close', () => {
    const writer = new TensorBoardWriter(dir, { startTime: 10, hostname: 'h', clock: () => 11 });
    writer.scalars(5, { loss: 1 });
    expect(readTensorBoardEvents(writer.file).map((e) => [e.step, e.wallTime])).toEqual([[0, 10], [5, 11]]);
    writer.close();
    expect(() => writer.scalars(6, { loss: 1 })).toThrow(/is closed/);
  });

  it('detects a corrupted data byte and names the file and the record', () => {
    const file = writeHistory();
    const bytes = readFileSync(file);
    const second = 12 + 24 + 4;
    bytes[second + 12 + 3] ^= 0x01;
    writeFileSync(file, bytes);
    expect(() => readTensorBoardEvents(file)).toThrow(TfRecordError);
    expect(() => readTensorBoardEvents(file)).toThrow(`${file}: record 1 (byte ${second}): data CRC mismatch`);
  });

  it('detects a corrupted length and a truncated tail, and can drop the tail on request', () => {
    const file = writeHistory();
    const bytes = readFileSync(file);
    const damaged = Buffer.from(bytes);
    damaged[0] = 25;
    writeFileSync(file, damaged);
    expect(() => readTensorBoardEvents(file)).toThrow(`${file}: record 0 (byte 0): length CRC mismatch`);
    writeFileSync(file, bytes.subarray(0, bytes.length - 3));
    expect(() => readTensorBoardEvents(file)).toThrow(/record 2 \(byte \d+\): record length \d+ exceeds .* the file is truncated/);
    expect(readTensorBoardEvents(file, { allowTruncatedTail: true }).map((e) => e.step)).toEqual([0, 1]);
  });

  it('reports an undecodable payload under a valid CRC as a bad Event', () => {
    const file = join(dir, 'bad');
    writeFileSync(file, frameTfRecord(Uint8Array.of(0x0a, 0x01, 0x00)));
    expect(() => readTensorBoardEvents(file)).toThrow(`${file}: record 0 (byte 0): not a valid Event (Event.wall_time (field 1) has wire type 2, expected 1)`);
  });

  it('refuses to overwrite an existing event file and rejects bad steps and empty summaries', () => {
    const writer = new TensorBoardWriter(dir, { startTime: 1, hostname: 'h' });
    expect(() => new TensorBoardWriter(dir, { startTime: 1, hostname: 'h' })).toThrow(/already exists; give each writer .* its own 'suffix'/);
    expect(new TensorBoardWriter(dir, { startTime: 1, hostname: 'h', suffix: '.val' }).file).toMatch(/\.h\.val$/);
    expect(() => writer.scalars(-1, { loss: 1 })).toThrow(/step must be an integer >= 0/);
    expect(() => writer.scalars(1, {})).toThrow(/no values/);
    writer.close();
  });
});
