import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { API_PREFIX, operations, pathParams, type OpName } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import type { Core } from '../core/create-core';
import { VERSION } from '../core/create-core';
import { openApiDocument } from './openapi';
import { serveStatic } from './static-files';

const MAX_BODY = 2 * 1024 * 1024;
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

interface Route { readonly name: OpName; readonly method: string; readonly pattern: RegExp; readonly params: string[] }

function compileRoutes(): Route[] {
  const routes = Object.entries(operations).map(([name, op]) => ({
    name: name as OpName,
    method: op.method,
    params: pathParams(op.path),
    pattern: new RegExp('^' + API_PREFIX + op.path.replace(/\{\w+\}/g, '([^/]+)') + '$'),
  }));
  // Literal paths before parameterised ones: /hosts/import/ssh-config must not match /hosts/{id}.
  return routes.sort((a, b) => a.params.length - b.params.length);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function sendError(res: http.ServerResponse, e: AppError): void {
  send(res, e.status, e.toBody());
}

/** Requests whose Host is not a loopback name are refused: a DNS-rebinding page cannot reach the API. */
export function isLoopbackHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const name = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.replace(/:\d+$/, '');
  return LOOPBACK_NAMES.has(name.toLowerCase());
}

function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new AppError('validation', `request body is larger than ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (size === 0) return resolve({});
      const type = req.headers['content-type'] ?? '';
      if (!type.startsWith('application/json')) return reject(new AppError('validation', 'send the body as application/json'));
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new AppError('validation', 'request body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

function bearer(req: http.IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

export interface ServerOptions {
  readonly port: number;
  /** Built renderer to serve (browser mode); omitted: API only. */
  readonly staticDir?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The local HTTP server: REST routes from the contract, OpenAPI, SSE, and the built renderer. Loopback only. */
export async function startHttpServer(core: Core, o: ServerOptions): Promise<RunningServer> {
  const routes = compileRoutes();
  const openapi = JSON.stringify(openApiDocument(VERSION));
  const streams = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, err instanceof AppError ? err : new AppError('internal', 'internal error'));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isLoopbackHost(req.headers.host)) return sendError(res, new AppError('forbidden', 'the Host header must name a loopback address'));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith(API_PREFIX + '/') && url.pathname !== API_PREFIX) {
      if (o.staticDir && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(o.staticDir, url.pathname, res);
      return sendError(res, new AppError('not_found', `nothing at ${url.pathname}`));
    }
    if (url.pathname === `${API_PREFIX}/openapi.json` && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      return void res.end(openapi);
    }
    if (url.pathname === `${API_PREFIX}/events` && req.method === 'GET') return openEventStream(req, res);
    const download = /^\/api\/v1\/instances\/(\d{1,20})\/log\.txt$/.exec(url.pathname);
    if (download && req.method === 'GET') return downloadLog(req, res, download[1]!);
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
    const input: Record<string, unknown> = {};
    if (req.method === 'GET' || req.method === 'DELETE') {
      for (const [k, v] of url.searchParams) input[k] = v;
    } else {
      const body = await readBody(req);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendError(res, new AppError('validation', 'request body must be a JSON object'));
      Object.assign(input, body);
    }
    route.params.forEach((p, i) => (input[p] = decodeURIComponent(match[i + 1]!)));
    const result = await core.dispatch(route.name, input, bearer(req));
    if (result.ok) send(res, operations[route.name].status ?? 200, result.data);
    else send(res, result.status, result.body);
  }

  /** The whole log as text, streamed chunk by chunk with backpressure; system lines marked. */
  async function downloadLog(req: http.IncomingMessage, res: http.ServerResponse, id: string): Promise<void> {
    let chunks: IterableIterator<{ streams: string; body: string }>;
    try {
      const caller = core.services.auth.authenticate(bearer(req));
      if (!caller.permissions.has('read')) throw new AppError('forbidden', 'reading logs needs the read permission');
      core.services.runs.get(id);
      chunks = core.services.store.logs.all(BigInt(id));
    } catch (err) {
      return sendError(res, err instanceof AppError ? err : new AppError('internal', 'internal error'));
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': `attachment; filename="instance-${id}.log"`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    for (const c of chunks) {
      const lines = c.body.split('\n');
      const text = lines.map((l, i) => (c.streams[i] === 's' ? `# taskdeck: ${l}` : l)).join('\n') + '\n';
      if (!res.write(text)) await new Promise((r) => res.once('drain', r));
      if (res.destroyed) return;
    }
    res.end();
  }

  function openEventStream(req: http.IncomingMessage, res: http.ServerResponse): void {
    const token = bearer(req);
    try {
      core.services.auth.authenticate(token);
    } catch (err) {
      return sendError(res, err as AppError);
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': connected\n\n');
    streams.add(res);
    const sub = core.events.onDidEmit((e) => res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`));
    // The heartbeat also re-checks the token: a revoked or expired session loses its stream.
    const beat = setInterval(() => {
      try {
        core.services.auth.authenticate(token);
        res.write(': keepalive\n\n');
      } catch {
        res.end();
      }
    }, 15_000);
    req.on('close', () => {
      clearInterval(beat);
      sub.dispose();
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function defaultStaticDir(): string | undefined {
  const candidates = [path.resolve(process.cwd(), 'dist/renderer'), path.resolve(import.meta.dirname ?? '.', '../renderer')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'index.html')));
}
