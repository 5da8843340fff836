/** The REST API as several signed-in users, answering whatever the server answers (tests judge it). */
import http from 'node:http';

export interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
}

export interface RawRequest {
  readonly method: string;
  /** Path as sent on the wire, with the /api/v1 prefix when it is an API path (not re-encoded). */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  readonly timeoutMs?: number;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One request over a fresh connection with the exact bytes given: paths with %00 or `..` are not normalised. */
export function rawRequest(baseUrl: string, r: RawRequest): Promise<Reply> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method: r.method, path: r.path, headers: { host: `127.0.0.1:${port}`, ...r.headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parse(text) });
      });
      res.on('error', reject);
    });
    req.setTimeout(r.timeoutMs ?? 60_000, () => req.destroy(new Error(`${r.method} ${r.path}: no answer within ${r.timeoutMs ?? 60_000} ms`)));
    req.on('error', reject);
    req.end(r.body);
  });
}

/** True when a reply is an error in the contract's shape: `{error:{code,message}}`. */
export function isErrorBody(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const e = (json as { error?: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' && typeof (e as { message?: unknown }).message === 'string';
}

export function errorCode(r: Reply): string | undefined {
  return isErrorBody(r.json) ? (r.json as { error: { code: string } }).error.code : undefined;
}

export class Api {
  private readonly tokens = new Map<string, string>();

  constructor(private baseUrl: string) {}

  get url(): string {
    return this.baseUrl;
  }

  /** Point at a restarted server (a new port); tokens stay, as sessions live in the database. */
  retarget(url: string): void {
    this.baseUrl = url;
  }

  /** Sign in and keep the token under `as` (default: the user name). Throws on anything but 200. */
  async login(userName: string, password: string, as = userName): Promise<string> {
    const r = await this.send(undefined, 'POST', '/auth/login', { user_name: userName, password });
    if (r.status !== 200) throw new Error(`login ${userName}: HTTP ${r.status} ${r.text}`);
    const token = (r.json as { token: string }).token;
    this.tokens.set(as, token);
    return token;
  }

  setToken(as: string, token: string): void {
    this.tokens.set(as, token);
  }

  token(as: string): string | undefined {
    return this.tokens.get(as);
  }

  /** A JSON request as `as` (undefined: no token), whatever the answer. `path` is under /api/v1. */
  send(as: string | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const token = as === undefined ? undefined : this.tokens.get(as);
    return rawRequest(this.url, {
      method,
      path: `/api/v1${path}`,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  }

  /** A request that must succeed (2xx); its JSON answer. */
  async call<T>(as: string | undefined, method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.send(as, method, path, body);
    if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path} as ${as}: HTTP ${r.status} ${r.text}`);
    return r.json as T;
  }
}
