import { API_PREFIX, fillPath, operations, type HttpMethod, type OpName, type StreamOpName } from './contract';
import type { AnyAppEvent } from './events';
import type { ErrorBody } from './errors';
import type { StreamResult } from './stream-messages';

/** What a request's auth headers are computed from: the method, the path with its query as the server sees it, and the body sent. */
export interface AuthorizeRequest {
  readonly method: HttpMethod;
  /** Starts with `/api/v1`. */
  readonly pathWithQuery: string;
  readonly body: string | undefined;
}
/** Returns the auth headers of one request (a bearer token, or a signature over it). */
export type Authorize = (req: AuthorizeRequest) => Promise<Record<string, string>>;

/** The default: `authorization: Bearer <token>` when there is a token. */
export function bearerAuthorize(token: () => string | undefined): Authorize {
  return async () => {
    const t = token();
    const headers: Record<string, string> = {};
    if (t) headers.authorization = `Bearer ${t}`;
    return headers;
  };
}

export type CallResult = { ok: true; data: unknown } | { ok: false; status: number; body: ErrorBody };

export interface HttpTransportOptions {
  /** Origin of the API (`http://127.0.0.1:7420`); empty for the page's own origin. */
  readonly baseUrl?: string;
  readonly authorize: Authorize;
  /** What a failure to connect says (where the user should look). */
  readonly unreachable?: string;
}

/** The request an operation's input makes: path params filled, the rest as query (GET, DELETE) or JSON body (POST, PUT). */
export function requestOf(name: OpName, input: Record<string, unknown>): AuthorizeRequest {
  const op = operations[name];
  const { path, rest } = fillPath(op.path, input);
  const hasBody = op.method === 'POST' || op.method === 'PUT';
  const qs = hasBody ? '' : new URLSearchParams(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]): [string, string] => [k, String(v)])).toString();
  return { method: op.method, pathWithQuery: API_PREFIX + path + (qs ? `?${qs}` : ''), body: hasBody ? JSON.stringify(rest) : undefined };
}

/** One fetch transport for every HTTP client of the API (the renderer in browser mode, the CLI). */
export class HttpTransport {
  private readonly baseUrl: string;

  constructor(private readonly opts: HttpTransportOptions) {
    this.baseUrl = (opts.baseUrl ?? '').replace(/\/$/, '');
  }

  /** Call an operation; errors come back as values (status 0: the service could not be reached). */
  async call(name: OpName, input: Record<string, unknown>): Promise<CallResult> {
    let res: Response;
    try {
      res = await this.send(requestOf(name, input));
    } catch {
      return this.unreachable();
    }
    const body = (await res.json().catch(() => null)) as unknown;
    if (res.ok) return { ok: true, data: body };
    return { ok: false, status: res.status, body: asErrorBody(body, res.status) };
  }

  /** A raw response (streams: the event stream, a log download), auth headers included; throws an ApiFailure when it is not 2xx. */
  async open(method: HttpMethod, pathWithQuery: string, signal?: AbortSignal): Promise<Response> {
    let res: Response;
    try {
      res = await this.send({ method, pathWithQuery, body: undefined }, signal);
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new ApiFailure(0, this.unreachable().body);
    }
    if (!res.ok) throw new ApiFailure(res.status, asErrorBody(await res.json().catch(() => null), res.status));
    return res;
  }

  /**
   * A stream operation (a log download): the chunked body, decoded, handed to `onChunk` one piece at a time; the next
   * piece is read only once `onChunk` has taken the last, so a slow reader slows the server (TCP backpressure).
   * A refusal comes back as a value; an error thrown by `onChunk` ends the download and is rethrown.
   */
  async stream(name: StreamOpName, input: Record<string, unknown>, onChunk: (text: string) => unknown): Promise<StreamResult> {
    const req = requestOf(name, input);
    let res: Response;
    try {
      res = await this.open(req.method, req.pathWithQuery);
    } catch (err) {
      if (err instanceof ApiFailure) return { ok: false, status: err.status, body: err.body };
      throw err;
    }
    if (!res.body) return this.unreachable();
    // The text as sent: a leading byte-order mark (the audit CSV's, for spreadsheets) is kept, not eaten by the decoder.
    const reader = res.body.pipeThrough(new TextDecoderStream('utf-8', { ignoreBOM: true })).getReader();
    try {
      for (;;) {
        const piece = await reader.read().catch(() => undefined);
        if (!piece) return { ok: false, status: 0, body: { error: { code: 'unavailable', message: 'the connection to the Taskdeck service was lost; is it still running?' } } };
        if (piece.done) return { ok: true, data: null };
        await onChunk(piece.value);
      }
    } finally {
      void reader.cancel().catch(() => {}); // a reader that gave up (onChunk threw) stops the download
    }
  }

  private async send(req: AuthorizeRequest, signal?: AbortSignal): Promise<Response> {
    const auth = await this.opts.authorize(req);
    return fetch(this.baseUrl + req.pathWithQuery, {
      method: req.method,
      headers: { ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}), ...auth },
      ...(req.body !== undefined ? { body: req.body } : {}),
      ...(signal ? { signal } : {}),
    });
  }

  private unreachable(): { ok: false; status: 0; body: ErrorBody } {
    return { ok: false, status: 0, body: { error: { code: 'unavailable', message: this.opts.unreachable ?? 'cannot reach the Taskdeck service; is it still running?' } } };
  }
}

/** A non-2xx answer to `open`, as a value with the error body. */
export class ApiFailure extends Error {
  constructor(readonly status: number, readonly body: ErrorBody) {
    super(body.error.message);
    this.name = 'ApiFailure';
  }
}

function asErrorBody(body: unknown, status: number): ErrorBody {
  const err = body as ErrorBody | null;
  return err?.error ? err : { error: { code: 'internal', message: `HTTP ${status}` } };
}

/**
 * Read an SSE response to its end, handing each event to `listener`. Returns `'dropped'` when the server let the
 * client go because it fell behind (the caller resyncs), else `'ended'`. `onActivity` hears every chunk, heartbeats
 * included, so a caller can tell a quiet stream from a dead one.
 */
export async function readEvents(res: Response, listener: (e: AnyAppEvent) => void, onActivity?: () => void): Promise<'ended' | 'dropped'> {
  if (!res.body) return 'ended';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  let dropped = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return dropped ? 'dropped' : 'ended';
    onActivity?.();
    buf += decoder.decode(value, { stream: true });
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const lines = buf.slice(0, i).split('\n');
      buf = buf.slice(i + 2);
      if (lines.includes('event: dropped')) {
        dropped = true;
        continue;
      }
      const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
      if (data) listener(JSON.parse(data) as AnyAppEvent);
    }
  }
}
