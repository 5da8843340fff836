import type { AnyAppEvent } from '../../shared/api/events';

/** What goes down the event channel: the events of a turn or more, in order, numbered for the page's ack. */
export interface EventBatch {
  readonly seq: number;
  readonly events: readonly AnyAppEvent[];
  /** Events were dropped before these: reload what you show. */
  readonly resync: boolean;
}

export interface DeliveryLimits {
  /** Batches sent and not yet acknowledged; past it events wait here. */
  readonly maxInFlight: number;
  /** Bytes (of JSON) allowed to wait; past it they are dropped and the page is told to resync. */
  readonly maxPendingBytes: number;
}

export const defaultDeliveryLimits: DeliveryLimits = { maxInFlight: 4, maxPendingBytes: 1024 * 1024 };

export interface DeliveryPorts {
  readonly send: (batch: EventBatch) => void;
  /** Run `fn` after the current turn (setImmediate): the events of one turn go in one batch. */
  readonly later: (fn: () => void) => { dispose(): void };
}

/**
 * Core events to one page with backpressure. `webContents.send` has none: a page that stops taking events (hung,
 * busy, in a debugger) would have every event queued for it in the main process. Here events are coalesced into
 * batches, at most `maxInFlight` batches are out before the page acknowledges one, and what waits is bounded: past
 * the bound the waiting events are dropped and the next batch tells the page to resync, as SSE clients do on reconnect.
 */
export class EventDelivery {
  private pending: AnyAppEvent[] = [];
  private pendingBytes = 0;
  private resync = false;
  private sent = 0;
  private acked = 0;
  private flushing: { dispose(): void } | undefined;
  private droppedEvents = 0;

  constructor(
    private readonly ports: DeliveryPorts,
    private readonly limits: DeliveryLimits = defaultDeliveryLimits,
  ) {}

  push(event: AnyAppEvent): void {
    const bytes = JSON.stringify(event).length;
    if (this.pendingBytes + bytes > this.limits.maxPendingBytes) {
      this.droppedEvents += this.pending.length + 1;
      this.pending = [];
      this.pendingBytes = 0;
      this.resync = true;
    } else {
      this.pending.push(event);
      this.pendingBytes += bytes;
    }
    this.schedule();
  }

  /** The page took every batch up to `seq`. */
  ack(seq: number): void {
    if (!Number.isSafeInteger(seq) || seq <= this.acked || seq > this.sent) return;
    this.acked = seq;
    this.schedule();
  }

  /** The page was reloaded or replaced: what was in flight is gone; the new page loads everything itself. */
  reset(): void {
    this.acked = this.sent;
    this.pending = [];
    this.pendingBytes = 0;
    this.resync = false;
  }

  stats(): { inFlight: number; pendingBytes: number; droppedEvents: number } {
    return { inFlight: this.sent - this.acked, pendingBytes: this.pendingBytes, droppedEvents: this.droppedEvents };
  }

  dispose(): void {
    this.flushing?.dispose();
    this.flushing = undefined;
    this.pending = [];
    this.pendingBytes = 0;
  }

  private schedule(): void {
    if (this.flushing || (!this.pending.length && !this.resync)) return;
    this.flushing = this.ports.later(() => {
      this.flushing = undefined;
      this.flush();
    });
  }

  private flush(): void {
    if (this.sent - this.acked >= this.limits.maxInFlight || (!this.pending.length && !this.resync)) return;
    const batch: EventBatch = { seq: ++this.sent, events: this.pending, resync: this.resync };
    this.pending = [];
    this.pendingBytes = 0;
    this.resync = false;
    this.ports.send(batch);
  }
}
