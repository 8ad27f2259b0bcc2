/**
 * TensorBoard event files, so `tensorboard --logdir <dir>` shows a training history:
 *
 * 1. `TensorBoardWriter` creates `events.out.tfevents.<unix seconds>.<hostname>[suffix]` in a
 *    directory and writes the `brain.Event:2` file-version event first;
 * 2. `scalars(step, { tag: value })` appends one event with a scalar summary, framed as a
 *    TFRecord, with one synchronous write, so a killed process loses at most the record it
 *    was writing (and TensorBoard skips an incomplete last record);
 * 3. `readTensorBoardEvents(file)` checks every record's length and CRCs and decodes the
 *    events, for tests and for showing a history later.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { decodeEvent, encodeFileVersionEvent, encodeScalarEvent, type TensorBoardEvent } from './tensorboard-event.js';
import { TfRecordError, frameTfRecord, splitTfRecords } from './tfrecord.js';

export { EVENT_FILE_VERSION, type SummaryValue, type TensorBoardEvent } from './tensorboard-event.js';

export interface TensorBoardWriterOptions {
  /** Unix time in seconds of the file name and of the file-version event; default now. Pass it for deterministic files. */
  startTime?: number;
  /** The host part of the file name; default `os.hostname()`. */
  hostname?: string;
  /** Appended to the file name, e.g. `.train`, to keep two writers of one directory apart. Default ''. */
  suffix?: string;
  /** Wall time in seconds for `scalars` calls that pass none; default `Date.now() / 1000`. */
  clock?: () => number;
}

/** The event file name TensorFlow writes: the start second zero-padded to 10 digits, as `%010d`. */
export function eventFileName(startTime: number, hostname: string, suffix = ''): string {
  return `events.out.tfevents.${String(Math.floor(startTime)).padStart(10, '0')}.${hostname}${suffix}`;
}

export class TensorBoardWriter {
  /** Path of the event file. */
  readonly file: string;
  private fd: number | null;
  private readonly clock: () => number;

  /** Creates `dir` when missing and a new event file in it; throws when that file already exists. */
  constructor(dir: string, options: TensorBoardWriterOptions = {}) {
    const startTime = options.startTime ?? Date.now() / 1000;
    if (!Number.isFinite(startTime) || startTime < 0) throw new RangeError(`TensorBoardWriter: startTime must be a finite number of seconds >= 0, got ${startTime}`);
    const host = options.hostname ?? osHostname();
    const suffix = options.suffix ?? '';
    if (host === '' || /[/\\]/.test(host + suffix)) throw new RangeError(`TensorBoardWriter: hostname and suffix must be non-empty file-name parts without slashes (got '${host}', '${suffix}')`);
    this.clock = options.clock ?? (() => Date.now() / 1000);
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, eventFileName(startTime, host, suffix));
    try {
      this.fd = openSync(this.file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      throw new Error(`${this.file} already exists; give each writer of one directory and second its own 'suffix'`, { cause: error });
    }
    this.append(encodeFileVersionEvent(startTime));
  }

  /**
   * Appends one event at `step` with a scalar per entry of `values` (tag -> value, written
   * as float32 in insertion order). Tags like `train/loss` group in TensorBoard's UI.
   */
  scalars(step: number, values: Readonly<Record<string, number>>, wallTime: number = this.clock()): void {
    if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`TensorBoardWriter.scalars: step must be an integer >= 0, got ${step}`);
    if (!Number.isFinite(wallTime)) throw new RangeError(`TensorBoardWriter.scalars: wallTime must be finite seconds, got ${wallTime}`);
    const entries = Object.entries(values);
    if (entries.length === 0) throw new RangeError('TensorBoardWriter.scalars: no values to write');
    for (const [tag, value] of entries) {
      if (tag === '') throw new RangeError('TensorBoardWriter.scalars: a tag is empty');
      if (typeof value !== 'number') throw new TypeError(`TensorBoardWriter.scalars: value of '${tag}' is ${typeof value}, not a number`);
    }
    this.append(encodeScalarEvent(wallTime, step, entries));
  }

  /** Forces the written records to disk (they already survive a killed process without it). */
  flush(): void {
    fsyncSync(this.open());
  }

  /** Flushes and closes the file; later calls do nothing. */
  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  private append(event: Uint8Array): void {
    const record = frameTfRecord(event);
    const fd = this.open();
    let written = 0;
    while (written < record.length) written += writeSync(fd, record, written, record.length - written);
  }

  private open(): number {
    if (this.fd === null) throw new Error(`TensorBoardWriter: ${this.file} is closed`);
    return this.fd;
  }
}

export interface ReadTensorBoardEventsOptions {
  /** Drop an incomplete last record (a writer killed mid-append) instead of failing. Default false. */
  allowTruncatedTail?: boolean;
}

/**
 * Every event of an event file, in order, after checking each record's length CRC and data
 * CRC. Throws a `TfRecordError` naming the file, the record index and its byte offset.
 */
export function readTensorBoardEvents(file: string, options: ReadTensorBoardEventsOptions = {}): TensorBoardEvent[] {
  const bytes = readFileSync(file);
  const { records, offsets } = splitTfRecords(bytes, file, options);
  return records.map((record, index) => {
    try {
      return decodeEvent(record);
    } catch (error) {
      throw new TfRecordError(file, index, offsets[index]!, `not a valid Event (${(error as Error).message})`);
    }
  });
}
