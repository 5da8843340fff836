import { AppError } from '../../../shared/api/errors';
import type { LogLine } from '../../../shared/domain/instances';
import type { Clock } from '../clock';
import { tailLines, toChunks, type ChunkLimits, type TimedBlock } from '../domain/log-chunks';
import { blockBytes, blockOf, linesOf, type LineBlock } from '../domain/log-lines';
import type { EventBus } from '../event-bus';
import type { Store } from '../store/store';

/** How big a stored chunk grows: small enough to read a window fast, large enough to write fast. */
const CHUNK: ChunkLimits = { lines: 512, bytes: 256 * 1024 };
/** Live lines sent per event; a client that falls further behind reads the window it needs. */
const EVENT_LINES = 500;

/** What the writer holds for one running instance. */
interface RunLog {
  readonly id: bigint;
  readonly idString: string;
  nextLine: number;
  bytes: number;
  readonly limit: number;
  readonly policy: 'truncate' | 'halt';
  truncated: boolean;
  blocks: TimedBlock[];
  /** Lines in `blocks`. */
  pending: number;
  /** Bytes in `blocks`. */
  pendingBytes: number;
  /** Offsets the pending lines bring the run up to; null when they bring none. */
  offsets: { out: number; err: number } | null;
  /** The latest offsets written, committed or not: where a re-attach resumes. */
  latest: { out: number; err: number };
  /** Called once when the halt policy's limit is crossed. */
  readonly onLimit: () => void;
  /** Lines dropped while the store could not be written; said in one system line once it can. */
  dropped: number;
  /** The run is over here: the buffer is forgotten once its last lines are stored (a full disk keeps it until then). */
  closing: boolean;
}

/** Pending lines of one flush, with the live events they send once committed. */
type LiveEvent = { id: string; lines: LogLine[]; total_lines: number };

export interface LogWriterOptions {
  readonly flushMs: number;
  /** Pending bytes (all instances) that start a flush. */
  readonly flushBytes: number;
  /**
   * What one flush started by size stores at most, give or take one instance's lines: with many
   * instances streaming, a flush takes the ones waiting longest, so no turn of the loop stores
   * everything at once. One instance's lines are always stored whole.
   */
  readonly flushSliceBytes: number;
  /** While the store cannot be written (disk full), what one run's lines may hold in memory; past it they are counted as dropped. */
  readonly heldBytes: number;
  /** The same bound for all runs together: a thousand runs each under `heldBytes` still fit in memory. */
  readonly heldTotalBytes: number;
}

/**
 * Batches log lines of all running instances and stores them in one transaction per flush, with
 * each instance's counters and byte offsets, so a crash loses no line that was counted. Live
 * events go out once their lines are stored.
 */
export class LogWriter {
  private readonly buffers = new Map<bigint, RunLog>();
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The last flush failed (disk full, I/O error): lines are held up to a bound, and the failure logged once. */
  private failing = false;

  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly log: (message: string) => void,
    private readonly opts: LogWriterOptions = { flushMs: 100, flushBytes: 1024 * 1024, flushSliceBytes: 256 * 1024, heldBytes: 4 * 1024 * 1024, heldTotalBytes: 64 * 1024 * 1024 },
  ) {}

  open(id: bigint, state: { log_lines: number; log_bytes: number; log_truncated: number; log_limit_bytes: number; log_policy: 'truncate' | 'halt'; out_offset: number; err_offset: number }, onLimit: () => void): void {
    this.buffers.set(id, {
      id, idString: id.toString(), nextLine: state.log_lines + 1, bytes: state.log_bytes, limit: state.log_limit_bytes,
      policy: state.log_policy, truncated: state.log_truncated === 1, blocks: [], pending: 0, pendingBytes: 0, offsets: null,
      latest: { out: state.out_offset, err: state.err_offset }, onLimit, dropped: 0, closing: false,
    });
  }

  /** Where a detached run's output was read up to (pending lines included); null for an instance not open here. */
  offsetsOf(id: bigint): { out: number; err: number } | null {
    return this.buffers.get(id)?.latest ?? null;
  }

  /** Queue lines; `offsets` are the remote byte offsets these lines bring the run up to (detached resume). */
  write(id: bigint, blocks: readonly LineBlock[], offsets?: { out: number; err: number }): void {
    const b = this.buffers.get(id);
    if (!b) return;
    const tsMs = this.clock.now().getTime();
    for (const block of blocks) {
      if (b.truncated) break;
      // Each line counts its bytes and its newline: for a block, its text and one newline more.
      const size = blockBytes(block);
      if (this.failing && (b.pendingBytes + size > this.opts.heldBytes || this.pendingBytes + size > this.opts.heldTotalBytes)) {
        b.dropped += block.count;
        continue;
      }
      if (b.bytes + size > b.limit && block.stream !== 'system') {
        this.writeToLimit(b, block, tsMs);
        break;
      }
      b.bytes += size;
      this.pend(b, size);
      this.queue(b, { ...block, tsMs });
    }
    if (offsets) b.offsets = b.latest = offsets;
    if (this.pendingBytes >= this.opts.flushBytes) this.flush(this.opts.flushSliceBytes);
    else this.timer ??= setTimeout(() => this.flush(), this.opts.flushMs);
  }

  /** The block that crosses the limit: its lines that still fit, then the line saying so. */
  private writeToLimit(b: RunLog, block: LineBlock, tsMs: number): void {
    const fit: string[] = [];
    for (const l of linesOf([block])) {
      const size = Buffer.byteLength(l.text, 'utf8') + 1;
      if (b.bytes + size > b.limit) break;
      b.bytes += size;
      this.pend(b, size);
      fit.push(l.text);
    }
    for (const f of blockOf(block.stream, fit)) this.queue(b, { ...f, tsMs });
    b.truncated = true;
    this.queue(b, { ...systemLine(`log limit of ${b.limit} bytes reached: ${b.policy === 'halt' ? 'the run is being stopped' : 'further output is discarded'}`), tsMs });
    if (b.policy === 'halt') queueMicrotask(b.onLimit);
  }

  private pend(b: RunLog, bytes: number): void {
    b.pendingBytes += bytes;
    this.pendingBytes += bytes;
  }

  private queue(b: RunLog, block: TimedBlock): void {
    b.blocks.push(block);
    b.pending += block.count;
  }

  /** A line from Taskdeck itself (connect, cancel, verification), always kept; one line, whatever it says. */
  system(id: bigint, text: string): void {
    const b = this.buffers.get(id);
    if (!b) return;
    this.queue(b, { ...systemLine(text.replace(/\r?\n/g, ' ')), tsMs: this.clock.now().getTime() });
    this.timer ??= setTimeout(() => this.flush(), this.opts.flushMs);
  }

  /**
   * Store what is pending in one transaction, then send its live events: everything, or about
   * `maxBytes` taken from the instances waiting longest (the rest in a later turn of the loop).
   */
  flush(maxBytes = Infinity): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const take: RunLog[] = [];
    let bytes = 0;
    for (const b of this.buffers.values()) {
      if (bytes >= maxBytes) break;
      if (b.pending === 0 && !b.offsets) continue;
      take.push(b);
      bytes += b.pendingBytes;
    }
    if (take.length === 0) {
      this.pendingBytes = 0;
      return;
    }
    const stored = this.storeBuffers(take);
    // The rest in a later turn; after a failure (disk full), not before the usual interval.
    if (!stored || this.pendingBytes > 0) this.timer = setTimeout(() => this.flush(), stored ? 0 : this.opts.flushMs);
  }

  /** One transaction for these instances' pending lines; false when it failed (they stay pending). */
  private storeBuffers(take: readonly RunLog[]): boolean {
    try {
      this.storeNow(take, () => undefined);
      return true;
    } catch (err) {
      this.failed(err as Error);
      return false;
    }
  }

  /**
   * These instances' pending lines and `also` in one transaction; the buffers let go of their lines
   * only once it committed, so a commit that fails (disk full) leaves them to be stored again.
   */
  private storeNow<T>(take: readonly RunLog[], also: () => T): T {
    const events: LiveEvent[] = [];
    const result = this.store.txLogs(() => {
      for (const b of take) this.append(b, events);
      return also();
    });
    this.stored(take, events);
    return result;
  }

  private append(b: RunLog, events: LiveEvent[]): void {
    this.store.logs.append(b.id, b.nextLine, toChunks(b.blocks, CHUNK));
    const next = b.nextLine + b.pending;
    this.store.instances.update(b.id, {
      log_lines: next - 1, log_bytes: b.bytes, log_truncated: b.truncated ? 1 : 0,
      ...(b.offsets ? { out_offset: b.offsets.out, err_offset: b.offsets.err } : {}),
    });
    if (b.pending) {
      const tail = tailLines(b.blocks, EVENT_LINES);
      const start = next - tail.length;
      events.push({ id: b.idString, total_lines: next - 1, lines: tail.map((l, i) => ({ n: start + i, stream: l.stream, text: l.text, ts: isoOf(l.tsMs) })) });
    }
  }

  private failed(err: Error): void {
    // Once per failure, not once per flush (a full disk logged ten thousand lines).
    if (!this.failing) this.log(`log lines are not being stored: ${err.message}; up to ${this.opts.heldBytes} bytes a run (${this.opts.heldTotalBytes} in all) are held, the rest counted as dropped`);
    this.failing = true;
  }

  /** After the commit: the stored lines are let go, their events sent, and a closed run's buffer forgotten. */
  private stored(take: readonly RunLog[], events: readonly LiveEvent[]): void {
    for (const b of take) {
      b.nextLine += b.pending;
      this.pendingBytes -= b.pendingBytes;
      b.blocks = [];
      b.pending = 0;
      b.pendingBytes = 0;
      b.offsets = null;
      // Stored last, waits longest next time.
      this.buffers.delete(b.id);
      this.buffers.set(b.id, b);
    }
    // After the stored lines were let go: the notice goes out with the next flush.
    if (this.failing) {
      this.failing = false;
      this.log('log lines are stored again');
      for (const b of this.buffers.values()) this.noteDropped(b);
    }
    for (const b of take) if (b.closing && b.pending === 0) this.forget(b.id);
    for (const e of events) this.events.emit('instance.log', e);
  }

  /** One system line saying how many lines were dropped while the store could not be written. */
  private noteDropped(b: RunLog): void {
    if (b.dropped === 0) return;
    this.system(b.id, `${b.dropped} lines of output were dropped while the store could not be written (disk full or I/O error)`);
    b.dropped = 0;
  }

  /**
   * Store an instance's last lines and forget it. On a full disk its lines (and the notice of what
   * was dropped) are kept and stored by a later flush; only then is it forgotten.
   */
  close(id: bigint): void {
    const b = this.buffers.get(id);
    if (!b) return;
    b.closing = true;
    this.noteDropped(b);
    if (this.storeBuffers([b])) this.forget(id);
    else this.timer ??= setTimeout(() => this.flush(), this.opts.flushMs);
  }

  /**
   * Store these instances' last lines and, in the same transaction, `also` (their ends): an ended
   * run's log is complete. Runs that end together (a fan-out's hosts) commit once, not once each —
   * every commit writes each page it touched in full. Throws what the store threw (`unavailable` on a
   * full disk) with the lines still held, so the caller's retry stores them then.
   */
  closeManyWith<T>(ids: readonly bigint[], also: () => T): T {
    const take = ids.flatMap((id) => this.buffers.get(id) ?? []);
    if (!take.length) return this.store.txLogs(also);
    for (const b of take) {
      b.closing = true;
      // Said before the end, in the same transaction: nothing of the run is written after it ended.
      this.noteDropped(b);
    }
    try {
      const result = this.storeNow(take, also);
      for (const b of take) this.forget(b.id);
      return result;
    } catch (err) {
      if (err instanceof AppError && err.code === 'unavailable') this.failed(err);
      throw err;
    }
  }

  /** Forget an instance that was never stored: nothing of it is written. */
  discard(id: bigint): void {
    const b = this.buffers.get(id);
    if (b) this.pendingBytes -= b.pendingBytes;
    this.forget(id);
  }

  /** The run is over here and its lines are stored: its buffer and its log file's descriptor go. */
  private forget(id: bigint): void {
    this.buffers.delete(id);
    this.store.logs.release(id);
  }

  dispose(): void {
    this.flush();
    this.buffers.clear();
  }
}

/** ISO time of a millisecond timestamp; lines of one block share theirs, so the last one is kept. */
const isoOf = (() => {
  let lastMs = NaN;
  let last = '';
  return (ms: number): string => (ms === lastMs ? last : ((lastMs = ms), (last = new Date(ms).toISOString())));
})();

/** A line from Taskdeck itself as a block of one. */
function systemLine(text: string): LineBlock {
  return blockOf('system', [text])[0]!;
}
