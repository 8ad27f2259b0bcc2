/**
 * TensorBoard's `Event` message, as much of it as scalar logging needs, encoded and decoded
 * by hand (field numbers from tensorflow/core/util/event.proto and
 * tensorflow/core/framework/summary.proto):
 *
 *   Event   { double wall_time = 1; int64 step = 2; oneof what { string file_version = 3; Summary summary = 5; ... } }
 *   Summary { repeated Value value = 1; }
 *   Value   { string tag = 1; oneof value { float simple_value = 2; ... } }
 *
 * Decoding skips fields it does not know, so files written by TensorFlow or PyTorch read too.
 */
import { fieldDouble, fieldFloat, readProtobufFields, type ProtobufField } from './protobuf-reader.js';
import { ProtobufWriter, WIRE } from './protobuf-writer.js';

/** The `file_version` of the first event of every event file. */
export const EVENT_FILE_VERSION = 'brain.Event:2';

const EVENT = { wallTime: 1, step: 2, fileVersion: 3, summary: 5 } as const;
const SUMMARY = { value: 1 } as const;
const VALUE = { tag: 1, simpleValue: 2 } as const;

/** One value of a decoded summary; `simpleValue` is absent for non-scalar values (images, histograms, tensors). */
export interface SummaryValue {
  tag: string;
  simpleValue?: number;
}

/** A decoded event: the fields tradelab writes. */
export interface TensorBoardEvent {
  /** Seconds since the Unix epoch. */
  wallTime: number;
  step: number;
  /** Set on the first event of a file only. */
  fileVersion?: string;
  /** Set on summary events. */
  summary?: SummaryValue[];
}

/** The first event of a file: its wall time and `file_version`. */
export function encodeFileVersionEvent(wallTime: number): Uint8Array {
  return new ProtobufWriter().double(EVENT.wallTime, wallTime).string(EVENT.fileVersion, EVENT_FILE_VERSION).finish();
}

/** An event holding one scalar summary value per entry of `values` (float32 on the wire). */
export function encodeScalarEvent(wallTime: number, step: number, values: ReadonlyArray<readonly [tag: string, value: number]>): Uint8Array {
  const summary = new ProtobufWriter();
  for (const [tag, value] of values) summary.message(SUMMARY.value, new ProtobufWriter().string(VALUE.tag, tag).float(VALUE.simpleValue, value));
  // proto3 leaves a zero step out, as the official encoders do.
  const event = new ProtobufWriter().double(EVENT.wallTime, wallTime);
  if (step !== 0) event.uint(EVENT.step, step);
  return event.message(EVENT.summary, summary).finish();
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes an `Event`; throws a plain Error describing the first malformed field. */
export function decodeEvent(bytes: Uint8Array): TensorBoardEvent {
  const event: TensorBoardEvent = { wallTime: 0, step: 0 };
  for (const f of readProtobufFields(bytes)) {
    if (f.field === EVENT.wallTime) event.wallTime = fieldDouble(expectWire(f, WIRE.fixed64, 'Event.wall_time'));
    else if (f.field === EVENT.step) event.step = expectWire(f, WIRE.varint, 'Event.step').varint;
    else if (f.field === EVENT.fileVersion) event.fileVersion = text(expectWire(f, WIRE.lengthDelimited, 'Event.file_version'));
    else if (f.field === EVENT.summary) event.summary = [...(event.summary ?? []), ...decodeSummary(expectWire(f, WIRE.lengthDelimited, 'Event.summary').bytes)];
  }
  return event;
}

function decodeSummary(bytes: Uint8Array): SummaryValue[] {
  const values: SummaryValue[] = [];
  for (const f of readProtobufFields(bytes)) {
    if (f.field === SUMMARY.value) values.push(decodeValue(expectWire(f, WIRE.lengthDelimited, 'Summary.value').bytes));
  }
  return values;
}

function decodeValue(bytes: Uint8Array): SummaryValue {
  const value: SummaryValue = { tag: '' };
  for (const f of readProtobufFields(bytes)) {
    if (f.field === VALUE.tag) value.tag = text(expectWire(f, WIRE.lengthDelimited, 'Summary.Value.tag'));
    else if (f.field === VALUE.simpleValue) value.simpleValue = fieldFloat(expectWire(f, WIRE.fixed32, 'Summary.Value.simple_value'));
  }
  return value;
}

function expectWire(f: ProtobufField, wireType: number, name: string): ProtobufField {
  if (f.wireType !== wireType) throw new Error(`${name} (field ${f.field}) has wire type ${f.wireType}, expected ${wireType}`);
  return f;
}

function text(f: ProtobufField): string {
  return utf8.decode(f.bytes);
}
