import type { OpInput, OpName, OpOutput, StreamOpName } from '../../shared/api/contract';
import { HttpTransport } from '../../shared/api/http-transport';
import type { AnyAppEvent } from '../../shared/api/events';
import type { ErrorCode } from '../../shared/api/errors';
import { credentialAuthorizer } from '../../shared/api/request-signing';
import './bridge';
import { subscribeEvents } from './event-subscription';

/** An API error as a value: code, message, and the fields it names. */
export class ApiError extends Error {
  constructor(readonly code: ErrorCode | 'network', message: string, readonly status: number, readonly details?: unknown) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field-level messages from a validation error, keyed by field path. */
  fieldErrors(): Record<string, string> {
    const fields = (this.details as { fields?: { field: string; message: string }[] } | undefined)?.fields ?? [];
    // The first message per field is the most basic one (e.g. "must not contain spaces" before "must be address:port").
    const out: Record<string, string> = {};
    for (const f of fields) out[f.field] ??= f.message;
    return out;
  }
}

/** The only code in the renderer that leaves it: typed calls over IPC (desktop) or HTTP (browser mode). */
export class ApiClient {
  private token: string | undefined;
  /** Browser mode: the page's own origin; requests are signed whenever the session can sign (security level 1). */
  readonly http = new HttpTransport({ authorize: credentialAuthorizer(() => this.token) });

  setToken(token: string | undefined): void {
    this.token = token;
  }

  get transport(): 'ipc' | 'http' {
    return window.taskdeck ? 'ipc' : 'http';
  }

  async call<K extends OpName>(name: K, input?: OpInput<K>): Promise<OpOutput<K>> {
    const payload = (input ?? {}) as Record<string, unknown>;
    const r = window.taskdeck ? await window.taskdeck.invoke(name, payload, this.token) : await this.http.call(name, payload);
    if (r.ok) return r.data as OpOutput<K>;
    throw new ApiError(r.body.error.code, r.body.error.message, r.status, r.body.error.details);
  }

  /**
   * A stream operation (a log download) over IPC (acknowledged chunks) or HTTP (a chunked body), the same for both:
   * `onChunk` gets each piece in order, and the next comes once it has taken the last. Resolves at the end.
   */
  async stream<K extends StreamOpName>(name: K, input: OpInput<K>, onChunk: (text: string) => void | Promise<void>): Promise<void> {
    const payload = input as Record<string, unknown>;
    const r = window.taskdeck ? await window.taskdeck.stream(name, payload, this.token, onChunk) : await this.http.stream(name, payload, onChunk);
    if (!r.ok) throw new ApiError(r.body.error.code, r.body.error.message, r.status, r.body.error.details);
  }

  /** Live core events; returns an unsubscribe function. */
  subscribe(listener: (e: AnyAppEvent) => void, onState: (connected: boolean) => void = () => {}): () => void {
    if (window.taskdeck) {
      onState(true);
      // Missed events (the page fell behind) read as a reconnect: the caller reloads what it shows.
      return window.taskdeck.subscribe(listener, () => onState(true));
    }
    if (!this.token) return () => {};
    return subscribeEvents(this.http, listener, onState);
  }
}

export const api = new ApiClient();
