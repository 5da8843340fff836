import type http from 'node:http';
import type { AnyAppEvent } from '../../shared/api/events';
import type { AuthService } from '../core/services/auth-service';
import type { EventBus } from '../core/event-bus';

export interface EventStreamLimits {
  /** Bytes a client may have waiting in our write queue; past it the client is dropped (it resyncs on reconnect). */
  readonly maxQueuedBytes: number;
  readonly heartbeatMs: number;
  /** How long a dropped client gets to take its last bytes before its socket is destroyed and its queue freed. */
  readonly dropGraceMs: number;
}

export const defaultEventStreamLimits: EventStreamLimits = { maxQueuedBytes: 1024 * 1024, heartbeatMs: 15_000, dropGraceMs: 5_000 };

/** What the streams of one server hold: open clients, bytes queued for them now, and the most any one queued. */
export interface EventStreamStats {
  readonly open: number;
  readonly queuedBytes: number;
  readonly peakQueuedBytes: number;
  readonly dropped: number;
}

export type StreamLog = (level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void;

/**
 * The server's SSE clients. Each has a bounded write queue: a client that stops reading is dropped with a final
 * `event: dropped` (when it fits) instead of holding every event in memory; its browser reconnects and reloads.
 */
export class EventStreams {
  private readonly open = new Set<http.ServerResponse>();
  private peak = 0;
  private droppedCount = 0;
  private readonly closeListeners = new Set<() => void>();

  constructor(
    private readonly events: EventBus,
    private readonly auth: AuthService,
    private readonly log: StreamLog,
    private readonly limits: EventStreamLimits = defaultEventStreamLimits,
  ) {}

  /** Serve one client whose token was already checked. */
  add(res: http.ServerResponse, token: string): void {
    // A stream is one response per connection: when it ends (dropped, signed out) the connection goes with it.
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'close', 'x-accel-buffering': 'no' });
    this.open.add(res);
    let state: 'open' | 'dropped' = 'open';
    let grace: ReturnType<typeof setTimeout> | undefined;

    const drop = (reason: string): void => {
      if (state === 'dropped') return;
      state = 'dropped';
      this.droppedCount++;
      sub.dispose();
      clearInterval(beat);
      this.log('warn', 'dropped an event stream client', { reason, queued_bytes: res.writableLength });
      // The reason is a few hundred bytes past the bound at most: the client learns why when (if) it reads again.
      res.end(`event: dropped\ndata: ${JSON.stringify({ reason })}\n\n`);
      // A client that never reads would keep its queue (and socket) forever: it gets a grace to take it, then goes.
      grace = setTimeout(() => res.destroy(), this.limits.dropGraceMs);
    };

    const send = (text: string): void => {
      if (state !== 'open') return;
      if (res.writableLength + Buffer.byteLength(text) > this.limits.maxQueuedBytes) {
        return drop(`the client fell ${res.writableLength} bytes behind (limit ${this.limits.maxQueuedBytes}); reconnect to resync`);
      }
      res.write(text);
      this.peak = Math.max(this.peak, res.writableLength);
    };

    send(': connected\n\n');
    const sub = this.events.onDidEmit((e: AnyAppEvent) => send(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`));
    // The heartbeat also re-checks the token: a revoked or expired session loses its stream.
    const beat = setInterval(() => {
      try {
        this.auth.authenticate(token);
        send(': keepalive\n\n');
      } catch {
        drop('the session expired or was revoked');
      }
    }, this.limits.heartbeatMs);

    res.on('close', () => {
      clearInterval(beat);
      clearTimeout(grace);
      sub.dispose();
      this.open.delete(res);
      for (const l of [...this.closeListeners]) l();
    });
  }

  /** A stream's connection closed (the client left, or was cut off after a drop). */
  onDidClose(listener: () => void): { dispose(): void } {
    this.closeListeners.add(listener);
    return { dispose: () => this.closeListeners.delete(listener) };
  }

  stats(): EventStreamStats {
    let queued = 0;
    for (const r of this.open) queued += r.writableLength;
    return { open: this.open.size, queuedBytes: queued, peakQueuedBytes: this.peak, dropped: this.droppedCount };
  }

  /** End every stream (server shutdown). */
  closeAll(): void {
    for (const r of this.open) r.destroy();
  }
}
