/**
 * Hashes and syncs a table output while the stage is still writing it, on a worker thread:
 * 1. the stage appends to the file and calls `advance(length)` with the length already
 *    written; the thread reads the new bytes back from the page cache and feeds SHA-256 on
 *    the second core;
 * 2. `finish(length)` resolves with the hex digest once the thread has read everything and
 *    synced the file, so the store files the object under that id without reading 2 GB
 *    again, and its own fsync finds nothing left to write.
 * The digest is the same SHA-256 the store computes; `run-pipeline` hands it to `putFile`.
 */
import { Worker } from 'node:worker_threads';
import { compiledSibling } from './contract.js';

const THREAD = compiledSibling(import.meta.url, './output-digest-thread.js');

export class OutputDigest {
  private readonly worker: Worker;
  private readonly digest: Promise<string>;

  constructor(file: string) {
    this.worker = new Worker(THREAD, { workerData: { file } });
    this.digest = new Promise((resolve, reject) => {
      this.worker.once('message', (message: { sha256: string }) => resolve(message.sha256));
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`the digest thread for ${file} exited with code ${code} before finishing`)));
    });
    // A failure surfaces from finish(); until then it must not count as unhandled.
    this.digest.catch(() => undefined);
  }

  /** The file now holds `length` bytes. */
  advance(length: number): void {
    this.worker.postMessage({ length });
  }

  /** The file is complete at `length` bytes: its SHA-256, once read and synced. */
  finish(length: number): Promise<string> {
    this.worker.postMessage({ length, finish: true });
    return this.digest;
  }

  abort(): void {
    void this.worker.terminate();
  }
}
