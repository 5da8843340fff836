import fs from 'node:fs';
import path from 'node:path';

/** Open files kept at once: a run's flushes reuse its file; a thousand runs streaming reopen in turn. */
const OPEN_FILES = 128;

/**
 * The bodies of log chunks, one file per instance in a private folder beside the store
 * (`<store>-logs/<instance id>.log`, 0700 / 0600). A body is written once, where the instance's
 * stored chunks end, and its row in `log_chunks` (offset and length) is what makes it part of the
 * log: bytes past the last row (a transaction that rolled back, a crash before the commit) are
 * written over by the next chunk. Writing output here instead of into the WAL halves what a run's
 * output costs to store: SQLite would write each page to the WAL and again at the checkpoint.
 */
export class LogFiles {
  private readonly fds = new Map<bigint, number>();
  /** Files being opened off the main thread (`prepare`); false once the instance is let go meanwhile. */
  private readonly opening = new Map<bigint, boolean>();
  private made = false;
  private closed = false;

  constructor(readonly dir: string) {}

  /** Where an instance's bodies are. */
  pathOf(instanceId: bigint): string {
    return path.join(this.dir, `${instanceId}.log`);
  }

  /**
   * Write `bodies` one after another at `offset` of the instance's file. At offset 0 a file that is
   * not empty is cut first: one left by a store restored from a backup holds nothing of this
   * instance. (Only then: ext4 writes a file cut to nothing back to the disk when it is closed.)
   */
  write(instanceId: bigint, offset: number, bodies: readonly Buffer[]): void {
    const fd = this.fdOf(instanceId);
    if (offset === 0 && fs.fstatSync(fd).size > 0) fs.ftruncateSync(fd, 0);
    let at = offset;
    let left = bodies.filter((b) => b.length > 0);
    while (left.length) {
      let n = fs.writevSync(fd, left, at);
      at += n;
      // A short write (rare on a file): go on from the first byte not written.
      while (left.length && n >= left[0]!.length) n -= left.shift()!.length;
      if (n > 0) left = [left[0]!.subarray(n), ...left.slice(1)];
    }
  }

  /**
   * A reader of the instance's file, opened once for many reads (a window, a search through a whole
   * log); close it after. A read gives bytes [offset, offset + length), shorter (or empty) when the
   * file lost them (a power cut after the store's commit reached the disk and the file's did not).
   */
  reader(instanceId: bigint): ((offset: number, length: number) => Buffer) & { close(): void } {
    let fd: number | null | undefined = this.fds.get(instanceId);
    const own = fd === undefined;
    const read = (offset: number, length: number): Buffer => {
      if (fd === undefined) fd = openToRead(this.pathOf(instanceId));
      if (fd === null) return Buffer.alloc(0);
      const buf = Buffer.allocUnsafe(length);
      let got = 0;
      while (got < length) {
        const n = fs.readSync(fd, buf, got, length - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      return buf.subarray(0, got);
    };
    return Object.assign(read, {
      close: () => {
        if (own && typeof fd === 'number') fs.closeSync(fd);
        fd = null;
      },
    });
  }

  /**
   * Open (create) the instance's file off the main thread, for the flush that will first write
   * there. A create waits on the file system's journal, which a busy disk's syncs hold: 200 hosts'
   * files made on the main thread while the store synced cost 2.5 ms each. A failure here is left
   * to `write`, which opens the file itself and reports it.
   */
  prepare(instanceId: bigint): void {
    if (this.closed || this.fds.has(instanceId) || this.opening.has(instanceId)) return;
    this.makeDir();
    this.opening.set(instanceId, true);
    fs.open(this.pathOf(instanceId), fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600, (err, fd) => {
      const wanted = this.opening.get(instanceId) === true;
      this.opening.delete(instanceId);
      if (err) return;
      if (this.closed || this.fds.has(instanceId)) return fs.close(fd, () => {});
      // Let go meanwhile (its run ended under the limit): the file made for nothing goes too.
      if (!wanted) return this.dropIfEmpty(instanceId, fd);
      this.keep(instanceId, fd);
    });
  }

  /** Whether `prepare` is still opening the file. */
  isOpening(instanceId: bigint): boolean {
    return this.opening.has(instanceId);
  }

  /**
   * The instance's file is not written again soon (its run ended): its descriptor is closed. A file
   * `prepare` made that nothing was written to (the log stayed under the limit) is removed.
   */
  release(instanceId: bigint): void {
    if (this.opening.has(instanceId)) this.opening.set(instanceId, false);
    const fd = this.fds.get(instanceId);
    if (fd === undefined) return;
    this.fds.delete(instanceId);
    this.dropIfEmpty(instanceId, fd);
  }

  /** Close `fd`; remove its file when nothing was written to it. */
  private dropIfEmpty(instanceId: bigint, fd: number): void {
    const empty = fs.fstatSync(fd).size === 0;
    fs.closeSync(fd);
    if (empty) fs.rmSync(this.pathOf(instanceId), { force: true });
  }

  close(): void {
    this.closed = true;
    for (const fd of this.fds.values()) fs.closeSync(fd);
    this.fds.clear();
  }

  private fdOf(instanceId: bigint): number {
    const open = this.fds.get(instanceId);
    if (open !== undefined) {
      // Most recently used last: the first one is the one closed when too many are open.
      this.fds.delete(instanceId);
      this.fds.set(instanceId, open);
      return open;
    }
    this.makeDir();
    const fd = fs.openSync(this.pathOf(instanceId), fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600);
    // Opened here first: a `prepare` still under way closes what it opens.
    if (this.opening.has(instanceId)) this.opening.set(instanceId, false);
    this.keep(instanceId, fd);
    return fd;
  }

  private keep(instanceId: bigint, fd: number): void {
    if (this.fds.size >= OPEN_FILES) this.release(this.fds.keys().next().value!);
    this.fds.set(instanceId, fd);
  }

  private makeDir(): void {
    if (this.made) return;
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(this.dir, 0o700);
    this.made = true;
  }
}

/** A descriptor to read the file; null when it is gone. */
function openToRead(file: string): number | null {
  try {
    return fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
