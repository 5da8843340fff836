import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { API_PREFIX, fillPath, isStreamOp, operations, pathParams, type OpName, type StreamOperation, type TextChunks } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import { consoleLogger, type Core, VERSION } from '../core/create-core';
import { Authorized, type Logger } from '../core/dispatch';
import { openApiDocument } from './openapi';
import { BodyBudget, bodyBound, declaredTooLarge, MAX_BODY_BYTES, readJsonBody, tooLarge } from './request-body';
import { serveStatic } from './static-files';
import { defaultEventStreamLimits, type EventStreamLimits, EventStreams, type EventStreamStats } from './event-stream';
import type { Credential } from '../core/services/auth-service';
import { isSigned, RequestSignatures } from './request-signature';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

interface Route { readonly name: OpName; readonly method: string; readonly pattern: RegExp; readonly params: string[] }

function compileRoutes(): Route[] {
  const routes = Object.entries(operations).map(([name, op]) => ({
    name: name as OpName,
    method: op.method,
    params: pathParams(op.path),
    pattern: new RegExp('^' + API_PREFIX + op.path.replace(/\./g, '\\.').replace(/\{\w+\}/g, '([^/]+)') + '$'),
  }));
  // Literal paths before parameterised ones: /hosts/import/ssh-config must not match /hosts/{id}.
  return routes.sort((a, b) => a.params.length - b.params.length);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  const retry = (body as { error?: { details?: { retry_after_seconds?: unknown } } }).error?.details?.retry_after_seconds;
  if (typeof retry === 'number') res.setHeader('retry-after', String(retry));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

/** A stream operation's body, chunked, each piece written once the client took the last (backpressure). */
async function sendText(res: http.ServerResponse, op: StreamOperation, input: Record<string, unknown>, chunks: TextChunks): Promise<void> {
  const fileName = fillPath(op.fileName, input).path;
  res.writeHead(200, { 'content-type': `${op.stream}; charset=utf-8`, 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  // `for await` hands the source back (return()) on every way out: a client gone mid-download ends the read.
  for await (const piece of chunks) {
    if (!res.write(piece)) await drainedOrClosed(res);
    if (res.destroyed) return;
  }
  res.end();
}

function drainedOrClosed(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function sendError(res: http.ServerResponse, e: AppError): void {
  // A body we refuse unread is not worth receiving: the connection closes after the answer.
  if (e.code === 'payload_too_large' || e.code === 'unavailable') res.setHeader('connection', 'close');
  send(res, e.status, e.toBody());
}

/** The request target as a URL, or a 400 (an absolute-form target such as `http://[` is not one). */
function requestUrl(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://127.0.0.1');
  } catch {
    throw new AppError('validation', 'the request target is not a valid path');
  }
}

/** A path segment decoded, or a 400 (`%E0%A4%A` is not a segment anyone could have meant). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AppError('validation', `the path segment ${JSON.stringify(segment.slice(0, 100))} is not valid percent-encoding`);
  }
}

/** Requests whose Host is not a loopback name are refused: a DNS-rebinding page cannot reach the API. */
export function isLoopbackHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const name = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.replace(/:\d+$/, '');
  return LOOPBACK_NAMES.has(name.toLowerCase());
}

function bearer(req: http.IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

export interface ServerOptions {
  readonly port: number;
  /** Built renderer to serve (browser mode); omitted: API only. */
  readonly staticDir?: string;
  readonly eventStreams?: Partial<EventStreamLimits>;
  /** Largest JSON body read for an operation that declares no limit of its own; default 2 MiB. */
  readonly maxBodyBytes?: number;
  /** Bytes of anonymous bodies (sign-in, setup) read at once; past it such requests get 503. Default 1 MiB. */
  readonly anonymousBodyBudgetBytes?: number;
  readonly log?: Logger;
  /** Nonces of signed requests remembered at once (the replay window's bound); default 100,000. */
  readonly maxNonces?: number;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** The SSE clients: how many, and the bytes queued for them (bounded per client). */
  eventStreamStats(): EventStreamStats;
  onDidCloseEventStream(listener: () => void): { dispose(): void };
  close(): Promise<void>;
}

/** The local HTTP server: REST routes from the contract, OpenAPI, SSE, and the built renderer. Loopback only. */
export async function startHttpServer(core: Core, o: ServerOptions): Promise<RunningServer> {
  const routes = compileRoutes();
  const openapi = JSON.stringify(openApiDocument(VERSION));
  const maxBody = o.maxBodyBytes ?? MAX_BODY_BYTES;
  const anonymousBodies = new BodyBudget(o.anonymousBodyBudgetBytes ?? 1024 * 1024);
  const log = o.log ?? consoleLogger;
  const streams = new EventStreams(core.events, core.services.auth, log, { ...defaultEventStreamLimits, ...o.eventStreams });
  const signatures = new RequestSignatures(core.services.auth, core.services.clock, o.maxNonces);

  /**
   * The credential of a request that needs one: a signed request's verified key (at either level; its body hash is
   * returned to check once the body is read), else at level 0 the bearer token. At level 1 a bearer alone is refused.
   */
  function credentialOf(req: http.IncomingMessage): { credential: Credential | undefined; contentSha256?: string } {
    if (isSigned(req)) {
      const { key, contentSha256 } = signatures.verify(req);
      return { credential: key, contentSha256 };
    }
    if (core.services.securityLevel.current().level === 1) {
      throw new AppError('signature_missing', 'security level 1: every request must be signed with the token\'s secret, which is never sent (see the README); a bearer token alone is refused');
    }
    return { credential: bearer(req) };
  }

  const respond = (req: http.IncomingMessage, res: http.ServerResponse, expectsContinue: boolean): void => {
    void handle(req, res, expectsContinue).catch((err: unknown) => {
      if (!(err instanceof AppError)) log('error', `${req.method} ${req.url?.slice(0, 200)} failed`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      if (!res.headersSent) sendError(res, err instanceof AppError ? err : new AppError('internal', 'internal error; see the Taskdeck log'));
      else res.destroy();
    });
  };
  const server = http.createServer((req, res) => respond(req, res, false));
  // `Expect: 100-continue`: the body is asked for only once the token (and size) have passed.
  server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => respond(req, res, true));

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, expectsContinue: boolean): Promise<void> {
    if (!isLoopbackHost(req.headers.host)) return sendError(res, new AppError('forbidden', 'the Host header must name a loopback address'));
    const url = requestUrl(req.url);
    if (!url.pathname.startsWith(API_PREFIX + '/') && url.pathname !== API_PREFIX) {
      if (o.staticDir && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(o.staticDir, url.pathname, res);
      return sendError(res, new AppError('not_found', `nothing at ${url.pathname}`));
    }
    if (url.pathname === `${API_PREFIX}/openapi.json` && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      return void res.end(openapi);
    }
    if (url.pathname === `${API_PREFIX}/events` && req.method === 'GET') return openEventStream(req, res);
    const candidates = routes.filter((r) => r.pattern.test(url.pathname));
    const route = candidates.find((r) => r.method === req.method);
    if (!route) {
      if (candidates.length) {
        res.setHeader('allow', candidates.map((r) => r.method).join(', '));
        return sendError(res, new AppError('validation', `${req.method} is not allowed on ${url.pathname}`));
      }
      return sendError(res, new AppError('not_found', `no API route ${req.method} ${url.pathname}`));
    }
    const match = route.pattern.exec(url.pathname)!;
    const params = route.params.map((p, i): [string, string] => [p, decodeSegment(match[i + 1]!)]);
    const op = operations[route.name];
    // The token (and a signature) is checked before a byte of the body is read: an anonymous upload costs us nothing.
    const { credential, contentSha256 } = op.permission ? credentialOf(req) : { credential: undefined, contentSha256: undefined };
    const authorized = Authorized.check(core.services.auth, route.name, credential);
    let fields: [string, unknown][];
    if (req.method === 'GET' || req.method === 'DELETE') fields = [...url.searchParams];
    else {
      const limit = op.maxBodyBytes ?? maxBody;
      if (declaredTooLarge(req, limit)) throw tooLarge(limit);
      // Nobody vouches for an anonymous body: it is read only within the budget shared by all of them.
      const release = op.permission ? undefined : anonymousBodies.reserve(bodyBound(req, limit));
      let body: unknown;
      try {
        if (expectsContinue) res.writeContinue();
        body = await readJsonBody(req, limit, contentSha256 === undefined ? undefined : (raw) => signatures.checkBody(raw, contentSha256));
      } finally {
        release?.();
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendError(res, new AppError('validation', 'request body must be a JSON object'));
      // Query fields too (Scylla's `POST /task_manager/ttl?ttl=`); the body's win.
      fields = [...url.searchParams, ...Object.entries(body)];
    }
    // fromEntries defines own properties: a field named __proto__ stays a field, never the input's prototype.
    const input = Object.fromEntries([...fields, ...params]);
    const result = await core.dispatch(route.name, input, authorized, req.socket.remoteAddress);
    if (!result.ok) send(res, result.status, result.body);
    else if (isStreamOp(route.name)) await sendText(res, operations[route.name], input, result.data as TextChunks);
    else send(res, operations[route.name].status ?? 200, result.data);
  }

  function openEventStream(req: http.IncomingMessage, res: http.ServerResponse): void {
    // At level 1 the stream is a signed GET like any other (its nonce used once); the heartbeat then re-checks the key.
    const { credential } = credentialOf(req);
    // Events carry what `read` shows (runs, logs, hosts): a signed-in user without it gets none of them.
    const { user } = core.services.auth.authorize(credential, 'read', 'follow events');
    streams.add(res, credential!, user.user_name);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    eventStreamStats: () => streams.stats(),
    onDidCloseEventStream: (listener) => streams.onDidClose(listener),
    close: () =>
      new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function defaultStaticDir(): string | undefined {
  const candidates = [path.resolve(process.cwd(), 'dist/renderer'), path.resolve(import.meta.dirname ?? '.', '../renderer')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'index.html')));
}
