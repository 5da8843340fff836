import type http from 'node:http';
import { type AnyAppEvent, eventIsFor } from '../../shared/api/events';
import type { AuthService, Credential } from '../core/services/auth-service';
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

/** One SSE client: a bounded write queue, a heartbeat that re-checks its token, and a drop when it falls behind. */
class StreamClient {
  private state: 'open' | 'dropped' = 'open';
  private grace: ReturnType<typeof setTimeout> | undefined;
  private readonly beat: ReturnType<typeof setInterval>;

  constructor(
    readonly res: http.ServerResponse,
    token: Credential,
    /** Whose stream this is: an event for one user (a notification) goes only to that user's streams. */
    readonly userName: string,
    private readonly owner: { readonly limits: EventStreamLimits; readonly auth: AuthService; onDrop(reason: string, queued: number): void; onQueued(bytes: number): void },
  ) {
    // A stream is one response per connection: when it ends (dropped, signed out) the connection goes with it.
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'close', 'x-accel-buffering': 'no' });
    this.send(': connected\n\n', 13);
    // The heartbeat also re-checks the token and its right to read: a revoked or expired session, or a user whose
    // roles no longer grant `read`, loses its stream.
    this.beat = setInterval(() => {
      try {
        owner.auth.authorize(token, 'read', 'follow events');
        this.send(': keepalive\n\n', 13);
      } catch (err) {
        this.drop(err instanceof Error ? err.message : 'the session expired or was revoked');
      }
    }, owner.limits.heartbeatMs);
  }

  /** Queue `text` (`bytes` long), or drop the client if that would pass the bound. */
  send(text: string, bytes: number): void {
    if (this.state !== 'open') return;
    const max = this.owner.limits.maxQueuedBytes;
    if (this.res.writableLength + bytes > max) return this.drop(`the client fell ${this.res.writableLength} bytes behind (limit ${max}); reconnect to resync`);
    this.res.write(text);
    this.owner.onQueued(this.res.writableLength);
  }

  private drop(reason: string): void {
    if (this.state === 'dropped') return;
    this.state = 'dropped';
    clearInterval(this.beat);
    this.owner.onDrop(reason, this.res.writableLength);
    // The reason is a few hundred bytes past the bound at most: the client learns why when (if) it reads again.
    this.res.end(`event: dropped\ndata: ${JSON.stringify({ reason })}\n\n`);
    // A client that never reads would keep its queue (and socket) forever: it gets a grace to take it, then goes.
    this.grace = setTimeout(() => this.res.destroy(), this.owner.limits.dropGraceMs);
  }

  /** The connection closed: nothing of this client may stay behind. */
  closed(): void {
    this.state = 'dropped';
    clearInterval(this.beat);
    clearTimeout(this.grace);
  }
}

/**
 * The server's SSE clients. Each has a bounded write queue: a client that stops reading is dropped with a final
 * `event: dropped` instead of holding every event in memory; its browser reconnects and reloads. Each event is
 * serialised once for all clients, and the bus is listened to only while someone is connected.
 */
export class EventStreams {
  private readonly clients = new Set<StreamClient>();
  private subscription: { dispose(): void } | null = null;
  private peak = 0;
  private droppedCount = 0;
  private readonly closeListeners = new Set<() => void>();

  constructor(
    private readonly events: EventBus,
    private readonly auth: AuthService,
    private readonly log: StreamLog,
    readonly limits: EventStreamLimits = defaultEventStreamLimits,
  ) {}

  /** Serve one client whose token was already checked, as `userName` (events for one user reach only their streams). */
  add(res: http.ServerResponse, token: Credential, userName: string): void {
    const client = new StreamClient(res, token, userName, {
      limits: this.limits,
      auth: this.auth,
      onDrop: (reason, queued) => {
        this.droppedCount++;
        this.log('warn', 'dropped an event stream client', { reason, queued_bytes: queued });
      },
      onQueued: (bytes) => (this.peak = Math.max(this.peak, bytes)),
    });
    this.clients.add(client);
    this.subscription ??= this.events.onDidEmit((e: AnyAppEvent) => this.broadcast(e));
    res.on('close', () => {
      client.closed();
      this.clients.delete(client);
      if (this.clients.size === 0) {
        this.subscription?.dispose();
        this.subscription = null;
      }
      for (const l of [...this.closeListeners]) l();
    });
  }

  private broadcast(e: AnyAppEvent): void {
    const text = `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
    const bytes = Buffer.byteLength(text);
    for (const c of [...this.clients]) if (eventIsFor(e, c.userName)) c.send(text, bytes);
  }

  /** A stream's connection closed (the client left, or was cut off after a drop). */
  onDidClose(listener: () => void): { dispose(): void } {
    this.closeListeners.add(listener);
    return { dispose: () => this.closeListeners.delete(listener) };
  }

  stats(): EventStreamStats {
    let queued = 0;
    for (const c of this.clients) queued += c.res.writableLength;
    return { open: this.clients.size, queuedBytes: queued, peakQueuedBytes: this.peak, dropped: this.droppedCount };
  }

  /** End every stream (server shutdown). */
  closeAll(): void {
    for (const c of this.clients) c.res.destroy();
  }
}
