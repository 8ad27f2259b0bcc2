/**
 * The thread behind `OutputDigest`: reads a growing file up to each length it is told,
 * hashes the bytes, fdatasyncs every `SYNC_BYTES`, and at `finish` posts the digest.
 */
import { createHash } from 'node:crypto';
import { closeSync, fdatasyncSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

/** Sync this often, so the disk writes back while the stage computes rather than all at the end. */
const SYNC_BYTES = 256 * 1024 * 1024;

const { file } = workerData as { file: string };
const fd = openSync(file, 'r');
const hash = createHash('sha256');
const buffer = Buffer.allocUnsafe(8 * 1024 * 1024);
let read = 0;
let synced = 0;

parentPort!.on('message', ({ length, finish }: { length: number; finish?: boolean }) => {
  while (read < length) {
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, length - read), read);
    if (n === 0) throw new Error(`${file} ends at byte ${read}, before the ${length} bytes written`);
    hash.update(buffer.subarray(0, n));
    read += n;
  }
  if (finish || read - synced >= SYNC_BYTES) {
    fdatasyncSync(fd);
    synced = read;
  }
  if (finish) {
    closeSync(fd);
    parentPort!.postMessage({ sha256: hash.digest('hex') });
    parentPort!.close();
  }
});
