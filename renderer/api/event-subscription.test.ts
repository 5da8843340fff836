import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { bearerAuthorize, HttpTransport } from '../../shared/api/http-transport';
import { subscribeEvents } from './event-subscription';

/** A real SSE server on loopback: `beatMs` null never writes after the first comment (a stream gone silent). */
async function sseServer(beatMs: number | null): Promise<{ url: string; connections: () => number; beats: () => number; close: () => Promise<void> }> {
  let connections = 0;
  let beats = 0;
  const timers = new Set<ReturnType<typeof setInterval>>();
  const server = http.createServer((req, res) => {
    connections++;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(': connected\n\n');
    if (beatMs !== null) {
      const t = setInterval(() => {
        beats++;
        res.write(': keepalive\n\n');
      }, beatMs);
      timers.add(t);
      req.on('close', () => (clearInterval(t), timers.delete(t)));
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    beats: () => beats,
    close: async () => {
      for (const t of timers) clearInterval(t);
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Wait (a short timer turn at a time, bounded) until `ok` holds. */
async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(ok(), `never: ${what}`);
}

test('a stream that goes silent past the limit counts as dropped and is opened again', async () => {
  const server = await sseServer(null);
  const states: boolean[] = [];
  const stop = subscribeEvents(new HttpTransport({ baseUrl: server.url, authorize: bearerAuthorize(() => 't') }), () => {}, (c) => states.push(c), 150);
  try {
    await until(() => server.connections() >= 2, 'a second connection after the silence');
    assert.deepEqual(states.slice(0, 2), [true, false], 'connected, then dropped for silence');
    await until(() => states.length >= 3, 'connected again');
    assert.equal(states[2], true);
  } finally {
    stop();
    await server.close();
  }
});

test('heartbeats keep a quiet stream alive: no false drop', async () => {
  const server = await sseServer(30);
  const states: boolean[] = [];
  const stop = subscribeEvents(new HttpTransport({ baseUrl: server.url, authorize: bearerAuthorize(() => 't') }), () => {}, (c) => states.push(c), 150);
  try {
    await until(() => server.beats() >= 15, 'fifteen heartbeats (three times the silence limit)');
    assert.deepEqual(states, [true]);
    assert.equal(server.connections(), 1);
  } finally {
    stop();
    await server.close();
  }
});

test('after dispose nothing more is reported and no reconnect is made', async () => {
  const server = await sseServer(null);
  const states: boolean[] = [];
  const stop = subscribeEvents(new HttpTransport({ baseUrl: server.url, authorize: bearerAuthorize(() => 't') }), () => {}, (c) => states.push(c), 100);
  await until(() => states.length === 1, 'connected');
  stop();
  await server.close();
  assert.deepEqual(states, [true]);
});
