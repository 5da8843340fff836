import { API_PREFIX, fillPath, operations, type OpInput, type OpName, type OpOutput, type StreamOpName } from '../../shared/api/contract';
import type { AnyAppEvent } from '../../shared/api/events';
import type { ErrorBody, ErrorCode } from '../../shared/api/errors';
import './bridge';
import { streamHttp } from './stream-http';

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

type Result = { ok: true; data: unknown } | { ok: false; status: number; body: ErrorBody };

async function viaHttp(name: OpName, input: Record<string, unknown>, token: string | undefined): Promise<Result> {
  const op = operations[name];
  const { path, rest } = fillPath(op.path, input);
  const hasBody = op.method === 'POST' || op.method === 'PUT';
  const qs = hasBody ? '' : new URLSearchParams(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [k, String(v)])).toString();
  let res: Response;
  try {
    res = await fetch(API_PREFIX + path + (qs ? `?${qs}` : ''), {
      method: op.method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(hasBody ? { body: JSON.stringify(rest) } : {}),
    });
  } catch {
    return { ok: false, status: 0, body: { error: { code: 'internal', message: 'cannot reach the Taskdeck service; is it still running?' } } };
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return { ok: true, data: body };
  const err = body as ErrorBody | null;
  return { ok: false, status: res.status, body: err?.error ? err : { error: { code: 'internal', message: `HTTP ${res.status}` } } };
}

/** Parse an SSE stream read with fetch (so the token goes in a header, never in a URL). */
function subscribeHttp(token: string, listener: (e: AnyAppEvent) => void, onState: (connected: boolean) => void): () => void {
  const abort = new AbortController();
  let retryMs = 500;
  const loop = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        const res = await fetch(`${API_PREFIX}/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
        if (res.status === 401) return onState(false);
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        onState(true);
        retryMs = 500;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const lines = block.split('\n');
            // `dropped`: the server let us go because we fell behind; the stream ends next, and the reconnect resyncs.
            if (lines.includes('event: dropped')) continue;
            const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
            if (data) listener(JSON.parse(data) as AnyAppEvent);
          }
        }
      } catch {
        if (abort.signal.aborted) return;
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

  setToken(token: string | undefined): void {
    this.token = token;
  }

  get transport(): 'ipc' | 'http' {
    return window.taskdeck ? 'ipc' : 'http';
  }

  async call<K extends OpName>(name: K, input?: OpInput<K>): Promise<OpOutput<K>> {
    const payload = (input ?? {}) as Record<string, unknown>;
    const r = window.taskdeck ? await window.taskdeck.invoke(name, payload, this.token) : await viaHttp(name, payload, this.token);
    if (r.ok) return r.data as OpOutput<K>;
    throw new ApiError(r.body.error.code, r.body.error.message, r.status, r.body.error.details);
  }

  /**
   * A stream operation (a log download) over IPC (acknowledged chunks) or HTTP (a chunked body), the same for both:
   * `onChunk` gets each piece in order, and the next comes once it has taken the last. Resolves at the end.
   */
  async stream<K extends StreamOpName>(name: K, input: OpInput<K>, onChunk: (text: string) => void | Promise<void>): Promise<void> {
    const payload = input as Record<string, unknown>;
    const r = window.taskdeck ? await window.taskdeck.stream(name, payload, this.token, onChunk) : await streamHttp(name, payload, this.token, onChunk);
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
    return subscribeHttp(this.token, listener, onState);
  }
}

export const api = new ApiClient();
