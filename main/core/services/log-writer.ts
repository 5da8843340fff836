import type { LogLine, LogStream } from '../../../shared/domain/instances';
import type { Clock } from '../clock';
import type { EventBus } from '../event-bus';
import type { PendingLine } from '../store/logs-repo';
import type { Store } from '../store/store';

/** Lines per stored chunk: small enough to read a window fast, large enough to write fast. */
const CHUNK_LINES = 512;
/** Live lines sent per event; a client that falls further behind reads the window it needs. */
const EVENT_LINES = 500;

interface Buffer {
  readonly id: bigint;
  readonly idString: string;
  nextLine: number;
  bytes: number;
  readonly limit: number;
  readonly policy: 'truncate' | 'halt';
  truncated: boolean;
  lines: PendingLine[];
  offsets: { out: number; err: number } | null;
  /** Called once when the halt policy's limit is crossed. */
  readonly onLimit: () => void;
}

export interface LogWriterOptions {
  readonly flushMs: number;
  readonly flushBytes: number;
}

/**
 * Batches log lines of all running instances and writes them in one transaction per flush,
 * with each instance's counters and byte offsets, so a crash loses no line that was counted.
 */
export class LogWriter {
  private readonly buffers = new Map<bigint, Buffer>();
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: Store, private readonly events: EventBus, private readonly clock: Clock, private readonly opts: LogWriterOptions = { flushMs: 100, flushBytes: 1024 * 1024 }) {}

  open(id: bigint, state: { log_lines: number; log_bytes: number; log_truncated: number; log_limit_bytes: number; log_policy: 'truncate' | 'halt' }, onLimit: () => void): void {
    this.buffers.set(id, {
      id, idString: id.toString(), nextLine: state.log_lines + 1, bytes: state.log_bytes, limit: state.log_limit_bytes,
      policy: state.log_policy, truncated: state.log_truncated === 1, lines: [], offsets: null, onLimit,
    });
  }

  /** Queue lines; `offsets` are the remote byte offsets these lines bring the run up to (detached resume). */
  write(id: bigint, lines: readonly { stream: LogStream; text: string }[], offsets?: { out: number; err: number }): void {
    const b = this.buffers.get(id);
    if (!b) return;
    const ts = this.clock.now().getTime();
    for (const l of lines) {
      if (b.truncated) break;
      const size = Buffer.byteLength(l.text, 'utf8') + 1;
      if (b.bytes + size > b.limit && l.stream !== 'system') {
        b.truncated = true;
        b.lines.push({ stream: 'system', text: `log limit of ${b.limit} bytes reached: ${b.policy === 'halt' ? 'the run is being stopped' : 'further output is discarded'}`, tsMs: ts });
        if (b.policy === 'halt') queueMicrotask(b.onLimit);
        break;
      }
      b.bytes += size;
      this.pendingBytes += size;
      b.lines.push({ stream: l.stream, text: l.text, tsMs: ts });
    }
    if (offsets) b.offsets = offsets;
    if (this.pendingBytes >= this.opts.flushBytes) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.opts.flushMs);
  }

  /** A line from Taskdeck itself (connect, cancel, verification), always kept. */
  system(id: bigint, text: string): void {
    const b = this.buffers.get(id);
    if (!b) return;
    b.lines.push({ stream: 'system', text, tsMs: this.clock.now().getTime() });
    this.timer ??= setTimeout(() => this.flush(), this.opts.flushMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pendingBytes = 0;
    const emitted: { id: string; lines: LogLine[]; total: number }[] = [];
    this.store.txLogs(() => {
      for (const b of this.buffers.values()) {
        if (b.lines.length === 0 && !b.offsets) continue;
        const first = b.nextLine;
        for (let i = 0; i < b.lines.length; i += CHUNK_LINES) this.store.logs.appendChunk(b.id, first + i, b.lines.slice(i, i + CHUNK_LINES));
        b.nextLine += b.lines.length;
        this.store.instances.update(b.id, {
          log_lines: b.nextLine - 1, log_bytes: b.bytes, log_truncated: b.truncated ? 1 : 0,
          ...(b.offsets ? { out_offset: b.offsets.out, err_offset: b.offsets.err } : {}),
        });
        if (b.lines.length) {
          const tail = b.lines.slice(-EVENT_LINES);
          const start = b.nextLine - tail.length;
          emitted.push({ id: b.idString, total: b.nextLine - 1, lines: tail.map((l, i) => ({ n: start + i, stream: l.stream, text: l.text, ts: new Date(l.tsMs).toISOString() })) });
        }
        b.lines = [];
        b.offsets = null;
      }
    });
    for (const e of emitted) this.events.emit('instance.log', { id: e.id, lines: e.lines, total_lines: e.total });
  }

  /** Flush and forget an instance. */
  close(id: bigint): void {
    this.flush();
    this.buffers.delete(id);
  }

  dispose(): void {
    this.flush();
    this.buffers.clear();
  }
}
