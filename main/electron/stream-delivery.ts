import { isStreamOp, operations, type OpName, type TextChunks } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import type { StreamMessage, StreamResult } from '../../shared/api/stream-messages';
import type { Dispatch, Logger } from '../core/dispatch';

export type { StreamMessage } from '../../shared/api/stream-messages';

export interface StreamLimits {
  /** Chunks sent and not yet acknowledged; past it the source is not read until the page acknowledges one. */
  readonly maxInFlight: number;
  /** Streams one page may have open at once. */
  readonly maxOpen: number;
}

export const defaultStreamLimits: StreamLimits = { maxInFlight: 4, maxOpen: 4 };

/**
 * One stream operation's body to one page, with backpressure: `webContents.send` has none, so a page that stops reading
 * (hung, busy, in a debugger) would have the whole body queued for it in the main process. Here at most `maxInFlight`
 * chunks are out before the page acknowledges one, and the source is not read further meanwhile.
 */
export class StreamSender {
  private sent = 0;
  private acked = 0;
  private cancelled = false;
  private wake: (() => void) | undefined;

  constructor(
    readonly id: number,
    private readonly source: TextChunks,
    private readonly send: (message: StreamMessage) => void,
    private readonly log: Logger,
    private readonly maxInFlight = defaultStreamLimits.maxInFlight,
  ) {}

  /** Send the body, its end or its failure; resolves once the source is done with (handed back on every path). */
  async run(): Promise<void> {
    try {
      for (;;) {
        await this.credit();
        if (this.cancelled) return;
        const next = await this.source.next();
        if (this.cancelled) return;
        if (next.done) return this.send({ id: this.id, seq: ++this.sent, kind: 'end' });
        this.send({ id: this.id, seq: ++this.sent, kind: 'chunk', text: next.value });
      }
    } catch (err) {
      if (!this.cancelled) this.fail(err);
    } finally {
      await this.source.return?.();
    }
  }

  /** The page took every message up to `seq`. */
  ack(seq: number): void {
    if (!Number.isSafeInteger(seq) || seq <= this.acked || seq > this.sent) return;
    this.acked = seq;
    this.wake?.();
  }

  /** The page gave up, or went away: stop reading the source. */
  cancel(): void {
    this.cancelled = true;
    this.wake?.();
  }

  stats(): { sent: number; inFlight: number } {
    return { sent: this.sent, inFlight: this.sent - this.acked };
  }

  private credit(): Promise<void> {
    if (this.cancelled || this.sent - this.acked < this.maxInFlight) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = () => {
        if (!this.cancelled && this.sent - this.acked >= this.maxInFlight) return;
        this.wake = undefined;
        resolve();
      };
    });
  }

  private fail(err: unknown): void {
    if (!(err instanceof AppError)) this.log('error', `stream ${this.id} failed`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    const e = err instanceof AppError ? err : new AppError('internal', 'internal error while streaming; see the Taskdeck log');
    this.send({ id: this.id, seq: ++this.sent, kind: 'error', status: e.status, body: e.toBody() });
  }
}

/** The streams open for one page, by the ids the page chose; all of them end when the page goes. */
export class PageStreams {
  private readonly open = new Map<number, StreamSender>();

  constructor(
    private readonly send: (message: StreamMessage) => void,
    private readonly log: Logger,
    private readonly limits: StreamLimits = defaultStreamLimits,
  ) {}

  /** Refuses a bad or taken id, or one stream too many, before the operation runs. */
  check(id: unknown): AppError | undefined {
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return new AppError('validation', 'a stream id must be a positive integer');
    if (this.open.has(id)) return new AppError('conflict', `stream ${id} is already open`);
    if (this.open.size >= this.limits.maxOpen) return new AppError('too_many_requests', `${this.limits.maxOpen} downloads are already running; wait for one to finish`);
    return undefined;
  }

  /** Start sending `source` as stream `id`; refused (and the source handed back) as `check` would. */
  start(id: number, source: TextChunks): AppError | undefined {
    const refused = this.check(id);
    if (refused) {
      void source.return?.();
      return refused;
    }
    const sender = new StreamSender(id, source, this.send, this.log, this.limits.maxInFlight);
    this.open.set(id, sender);
    void sender
      .run()
      .catch((err: unknown) => this.log('error', `stream ${id} could not be sent`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) }))
      .finally(() => {
        if (this.open.get(id) === sender) this.open.delete(id);
      });
    return undefined;
  }

  ack(id: unknown, seq: unknown): void {
    if (typeof id === 'number' && typeof seq === 'number') this.open.get(id)?.ack(seq);
  }

  cancel(id: unknown): void {
    if (typeof id !== 'number') return;
    this.open.get(id)?.cancel();
    this.open.delete(id);
  }

  openCount(): number {
    return this.open.size;
  }

  dispose(): void {
    for (const s of this.open.values()) s.cancel();
    this.open.clear();
  }
}

function refusal(e: AppError): StreamResult {
  return { ok: false, status: e.status, body: e.toBody() };
}

/**
 * Open stream `id` of a page (the answer says it started; its chunks follow on the stream channel): run the stream operation through dispatch (validation, permission, an unknown id's
 * 404 all come back here, before any chunk), then send its chunks. `op`, `input` and `token` come from the page unchecked.
 */
export async function openStream(dispatch: Dispatch, streams: PageStreams, id: unknown, op: unknown, input: unknown, token: unknown): Promise<StreamResult> {
  if (typeof op !== 'string' || !Object.hasOwn(operations, op) || !isStreamOp(op as OpName)) {
    return refusal(new AppError('not_found', `no stream operation named ${typeof op === 'string' ? op.slice(0, 100) : typeof op}`));
  }
  if (token !== undefined && typeof token !== 'string') return refusal(new AppError('validation', 'the token must be a string'));
  const early = streams.check(id);
  if (early) return refusal(early);
  const r = await dispatch(op as OpName, input, token);
  if (!r.ok) return r;
  const late = streams.start(id as number, r.data as TextChunks);
  return late ? refusal(late) : { ok: true, data: null };
}
