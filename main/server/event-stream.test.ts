import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startServerHarness, type ServerHarness } from '../../testing/server-harness';
import type { Core } from '../core/create-core';
import { type RunningServer, startHttpServer } from './http-server';

const LIMIT = 1024 * 1024;

/** SSE clients that stop reading while a run prints large lines: the queue per client stays bounded. */
describe('event stream backpressure', () => {
  let s: ServerHarness;
  let core: Core;
  let server: RunningServer;
  let token: string;

  before(async () => {
    s = await startServerHarness({ server: { log: () => {}, eventStreams: { maxQueuedBytes: LIMIT, dropGraceMs: 60_000 } } });
    ({ core, server, admin: token } = s);
  });
  after(() => s.dispose());

  /** A raw client that sends the request and then reads nothing until told to. */
  function stalledClient(): Promise<{ socket: net.Socket; readAll(): Promise<string> }> {
    return new Promise((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write(`GET /api/v1/events HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${token}\r\n\r\n`);
      });
      const chunks: Buffer[] = [];
      let ended: Promise<void> | null = null;
      const first = (d: Buffer): void => {
        chunks.push(d);
        socket.pause(); // from here on it reads nothing: the kernel buffers fill, then our queue would
        resolve({
          socket,
          readAll() {
            ended ??= new Promise<void>((done) => {
              socket.on('data', (c: Buffer) => chunks.push(c));
              socket.on('close', () => done());
              socket.on('error', () => {});
              socket.resume();
            });
            return ended.then(() => Buffer.concat(chunks).toString('utf8'));
          },
        });
      };
      socket.once('data', first);
    });
  }

  /** A client that reads everything, resolving each wait once an event with a given mark has arrived. */
  async function readingClient(): Promise<{ waitFor(mark: string): Promise<void>; close(): void; count(): number }> {
    const ctl = new AbortController();
    const res = await fetch(`${server.url}/api/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal: ctl.signal });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    let events = 0;
    return {
      async waitFor(mark) {
        while (!buf.includes(mark)) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`the reading client's stream ended before ${mark}`);
          buf += value;
          events += (value.match(/event: instance\.log/g) ?? []).length;
          // Keep only the tail: the marks are unique and the test must not hold 16 MB itself.
          if (buf.length > 64 * 1024) buf = buf.slice(-64 * 1024);
        }
      },
      close: () => ctl.abort(),
      count: () => events,
    };
  }

  test('five clients that stop reading are dropped with a reason; the queue stays bounded; a reading client gets every event', { timeout: 60_000 }, async () => {
    const stalled = await Promise.all(Array.from({ length: 5 }, stalledClient));
    const reader = await readingClient();
    const line = 'x'.repeat(16 * 1024);
    const EVENTS = 256; // 256 events of ~256 KB: 64 MB per client if nothing bounded it
    for (let i = 0; i < EVENTS; i++) {
      core.events.emit('instance.log', { id: '1', lines: Array.from({ length: 16 }, (_, j) => ({ n: i * 16 + j, stream: 'stdout', text: j === 0 ? `mark-${i}-end` : line, ts: '' })) as never, total_lines: (i + 1) * 16 });
      await reader.waitFor(`mark-${i}-end`);
      const stats = server.eventStreamStats();
      assert.ok(stats.peakQueuedBytes <= LIMIT, `a client's queue reached ${stats.peakQueuedBytes} bytes`);
    }
    assert.equal(reader.count(), EVENTS, 'the reading client kept every event');
    const stats = server.eventStreamStats();
    assert.equal(stats.dropped, 5);
    assert.equal(stats.open, 6, 'dropped clients are still within their grace');
    // A dropped client that reads again finds the reason at the end of what was queued for it.
    for (const c of stalled) {
      const text = (await c.readAll()).slice(-600);
      assert.match(text, /event: dropped\ndata: \{"reason":"the client fell \d+ bytes behind/);
    }
    reader.close();
  });

  test('a user whose only role grants nothing gets 403, not the event stream; losing `read` ends an open stream', { timeout: 30_000 }, async () => {
    const api = (method: string, p: string, body: unknown, t?: string): Promise<Response> =>
      fetch(`${server.url}${p}`, { method, headers: { 'content-type': 'application/json', ...(t ? { authorization: `Bearer ${t}` } : {}) }, body: JSON.stringify(body) });
    const created = await api('POST', '/api/v1/users', { user_name: 'cust', password: 'custompass1', roles: ['auditor-x'] }, token);
    assert.equal(created.status, 201);
    const custom = ((await (await api('POST', '/api/v1/auth/login', { user_name: 'cust', password: 'custompass1' })).json()) as { token: string }).token;
    const refused = await fetch(`${server.url}/api/v1/events`, { headers: { authorization: `Bearer ${custom}` } });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'forbidden');
    assert.equal(server.eventStreamStats().open, 0);

    // Granted `read`, the stream opens; when the role is taken away the next heartbeat ends it (the session stays valid).
    const id = ((await created.json()) as { id: string }).id;
    assert.equal((await api('PUT', `/api/v1/users/${id}`, { roles: ['viewer'] }, token)).status, 200);
    const beatServer = await startHttpServer(core, { port: 0, log: () => {}, eventStreams: { heartbeatMs: 20 } });
    try {
      const res = await fetch(`${beatServer.url}/api/v1/events`, { headers: { authorization: `Bearer ${custom}` } });
      assert.equal(res.status, 200);
      const closed = new Promise<void>((r) => beatServer.onDidCloseEventStream(r));
      assert.equal((await api('PUT', `/api/v1/users/${id}`, { roles: ['auditor-x'] }, token)).status, 200);
      const text = await res.text(); // ends when the server ends the stream
      assert.match(text, /event: dropped\ndata: \{"reason":"cust lacks the permission read needed to follow events"/);
      await closed;
      assert.equal(beatServer.eventStreamStats().open, 0);
    } finally {
      await beatServer.close();
    }
  });

  test('a dropped client that never reads again is cut off after its grace, and its queue freed', { timeout: 30_000 }, async () => {
    const graceServer = await startHttpServer(core, { port: 0, log: () => {}, eventStreams: { maxQueuedBytes: LIMIT, dropGraceMs: 10 } });
    const socket = net.connect(graceServer.port, '127.0.0.1', () => socket.write(`GET /api/v1/events HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${token}\r\n\r\n`));
    socket.on('error', () => {});
    try {
      await new Promise((r) => socket.once('data', r));
      socket.pause();
      // The paused client cannot see its connection go (it reads nothing): the server says when it closed it.
      const closed = new Promise<void>((r) => graceServer.onDidCloseEventStream(r));
      const line = 'y'.repeat(64 * 1024);
      // Emitted in one turn of the loop: nothing drains in between, so the bound is reached on the first few MB.
      for (let i = 0; i < 256 && graceServer.eventStreamStats().dropped === 0; i++) {
        core.events.emit('instance.log', { id: '2', lines: [{ n: i, stream: 'stdout', text: line, ts: '' }], total_lines: i + 1 });
      }
      assert.equal(graceServer.eventStreamStats().dropped, 1);
      await closed;
      assert.equal(graceServer.eventStreamStats().open, 0);
      assert.equal(graceServer.eventStreamStats().queuedBytes, 0);
    } finally {
      socket.destroy();
      await graceServer.close();
    }
  });
});
