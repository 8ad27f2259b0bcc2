/**
 * Appends bytes to a file through a small pool of reused buffers written asynchronously:
 * 1. `write` copies into the current slot (memory touched once, then reused, which matters
 *    where first-touching fresh pages is slow) and returns at once while a slot is free;
 * 2. a full slot goes to the disk as a positional write on libuv's thread pool, so the
 *    kernel's page-cache work runs on another core while the caller computes the next batch;
 * 3. when every slot is in flight, `write` waits for one (backpressure);
 * 4. `written` is the length of the prefix whose writes have all completed (what a reader
 *    of the file may already read), `flush` waits for everything.
 */
import { write as writeFd } from 'node:fs';

export interface PooledFileSinkOptions {
  slots?: number;
  slotBytes?: number;
}

export class PooledFileSink {
  private readonly free: Uint8Array[] = [];
  private current: Uint8Array | undefined;
  private used = 0;
  private dispatched = 0;
  private readonly inFlight = new Set<number>();
  private waiters: (() => void)[] = [];
  private failure: Error | undefined;

  constructor(
    private readonly fd: number,
    options: PooledFileSinkOptions = {},
  ) {
    const slotBytes = options.slotBytes ?? 8 * 1024 * 1024;
    for (let i = 0; i < (options.slots ?? 4); i++) this.free.push(new Uint8Array(slotBytes));
  }

  /** Bytes accepted so far (the file's length once flushed). */
  get length(): number {
    return this.dispatched + this.used;
  }

  /** Length of the prefix of the file whose writes have completed. */
  get written(): number {
    return this.inFlight.size === 0 ? this.dispatched : Math.min(...this.inFlight);
  }

  async write(bytes: Uint8Array): Promise<void> {
    let at = 0;
    while (at < bytes.length) {
      this.current ??= await this.takeSlot();
      const n = Math.min(bytes.length - at, this.current.length - this.used);
      this.current.set(bytes.subarray(at, at + n), this.used);
      this.used += n;
      at += n;
      if (this.used === this.current.length) this.dispatch();
    }
  }

  /** Writes what is buffered and waits until every write has completed. */
  async flush(): Promise<void> {
    if (this.used > 0) this.dispatch();
    while (this.inFlight.size > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) throw this.failure;
  }

  private async takeSlot(): Promise<Uint8Array> {
    while (this.free.length === 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) throw this.failure;
    return this.free.pop()!;
  }

  private dispatch(): void {
    const slot = this.current!;
    const [position, length] = [this.dispatched, this.used];
    this.current = undefined;
    this.used = 0;
    this.dispatched += length;
    this.inFlight.add(position);
    writeFully(this.fd, slot, length, position, (error) => {
      if (error) this.failure ??= error;
      this.inFlight.delete(position);
      this.free.push(slot);
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    });
  }
}

function writeFully(fd: number, bytes: Uint8Array, length: number, position: number, done: (error: Error | null) => void, from = 0): void {
  writeFd(fd, bytes, from, length - from, position + from, (error, n) => {
    if (error) return done(error);
    if (from + n < length) return writeFully(fd, bytes, length, position, done, from + n);
    done(null);
  });
}
