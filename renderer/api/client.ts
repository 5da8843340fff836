import { API_PREFIX, type OpInput, type OpName, type OpOutput, type StreamOpName } from '../../shared/api/contract';
import { ApiFailure, HttpTransport, readEvents } from '../../shared/api/http-transport';
import type { AnyAppEvent } from '../../shared/api/events';
import type { ErrorCode } from '../../shared/api/errors';
import { credentialAuthorizer } from '../../shared/api/request-signing';
import './bridge';

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

/** Parse the event stream read with fetch (so the token goes in a header, never in a URL); reconnects with backoff. */
function subscribeHttp(transport: HttpTransport, listener: (e: AnyAppEvent) => void, onState: (connected: boolean) => void): () => void {
  const abort = new AbortController();
  let retryMs = 500;
  const loop = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        const res = await transport.open('GET', `${API_PREFIX}/events`, abort.signal);
        onState(true);
        retryMs = 500;
        // `dropped`: the server let us go because we fell behind; the reconnect below resyncs.
        await readEvents(res, listener);
      } catch (err) {
        if (abort.signal.aborted) return;
        if (err instanceof ApiFailure && err.status === 401) return onState(false);
      }
      onState(false);
      await new Promise((r) => setTimeout(r, retryMs));
      retryMs = Math.min(retryMs * 2, 10_000);
    }
  };
  void loop();
  return () => abort.abort();
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
    return subscribeHttp(this.http, listener, onState);
  }
}

export const api = new ApiClient();
