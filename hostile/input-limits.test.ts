/**
 * Issue 11, items 2 (import), 8 (a role named `constructor`) and the weaker items on input: bodies
 * read before the token is checked, no 413, ids past 2^63 and malformed paths answering 500.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { errorCode, rawRequest } from './api-client';
import { revivedIfCrashed, startServer, type ServerProcess } from './server-process';
import { Stats } from './stats';
import { buildWorld, type World } from './world';

/** Send only the headers of a request announcing `length` bytes, then wait for the answer: the server must not wait for the body. */
function answerBeforeBody(url: string, path: string, length: number, token?: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path, agent: false, headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'content-length': String(length), ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error('no answer while the body was held back: the server waits for a body it should refuse')));
    req.flushHeaders();
    req.write('{"name":"');
  });
}

describe('hostile: inputs the console must refuse with a 4xx, never a 500', () => {
  let server: ServerProcess;
  let world: World;
  const stats = new Stats('input-limits');

  before(async () => {
    server = await startServer();
    world = await buildWorld(server.url);
  });
  beforeEach(async () => {
    server = await revivedIfCrashed(server, stats, world.api);
  });
  after(async () => {
    stats.rss(server.alive() ? server.rssMb() : 0);
    stats.flush();
    await server.dispose();
  });

  test('ssh-config import refuses what a host create refuses: bad port, option injection, shell in the user, a 300-character name', async () => {
    const content = [
      'Host badport', '  HostName 127.0.0.2', '  Port 22222222',
      'Host -oProxyCommand=touch /tmp/taskdeck-hostile-pwned', '  HostName 127.0.0.3',
      'Host shelluser', '  HostName 127.0.0.4', '  User root$(touch /tmp/taskdeck-hostile-pwned)',
      `Host ${'n'.repeat(300)}`, '  HostName 127.0.0.5',
      'Host proxyhost', '  HostName -oProxyCommand=touch', '',
    ].join('\n');
    const r = await world.api.send('admin', 'POST', '/hosts/import/ssh-config', { content });
    stats.request(r.status);
    assert.ok(r.status < 500, r.text);
    const hosts = await world.api.call<{ name: string; host: string; username: string }[]>('admin', 'GET', '/hosts');
    const stored = hosts.filter((h) => !['refused'].includes(h.name));
    for (const h of stored) {
      assert.doesNotMatch(h.host, /22222222|ProxyCommand|^-/, `stored ${JSON.stringify(h)}`);
      assert.doesNotMatch(h.username, /[$()`;]/, `stored ${JSON.stringify(h)}`);
      assert.ok(h.name.length <= 128 && !h.name.startsWith('-'), `stored ${JSON.stringify(h.name.slice(0, 40))}…`);
    }
  });

  test('a custom role named constructor: its user works and GET /roles answers for everyone', async () => {
    for (const [who, path] of [['constructor', '/auth/me'], ['constructor', '/hosts'], ['constructor', '/roles'], ['admin', '/roles'], ['viewer', '/roles']] as const) {
      const r = await world.api.send(who, 'GET', path);
      stats.request(r.status);
      assert.equal(r.status, 200, `${who} GET ${path}: ${r.status} ${r.text}`);
    }
    for (const name of ['__proto__', 'toString', 'hasOwnProperty', 'prototype']) {
      const r = await world.api.send('admin', 'POST', '/users', { user_name: `u-${name.replace(/_/g, '')}`, password: 'long-enough-1', roles: [name] });
      stats.request(r.status);
      assert.ok(r.status === 201 || r.status === 400, `role ${name}: ${r.status} ${r.text}`);
    }
    const roles = await world.api.send('viewer', 'GET', '/roles');
    assert.equal(roles.status, 200, roles.text);
  });

  test('ids past 2^63, negative, fractional or not numbers answer 400 (or 404), never 500', async () => {
    const ids = ['9223372036854775807', '9223372036854775808', '18446744073709551616', '99999999999999999999', '-1', '0', '1.5', '1e3', 'NaN'];
    const paths = (id: string): string[] => [`/hosts/${id}`, `/groups/${id}`, `/processes/${id}`, `/requests/${id}`, `/instances/${id}`, `/instances/${id}/log`];
    for (const id of ids) {
      for (const p of paths(id)) {
        const r = await world.api.send('admin', 'GET', p);
        stats.request(r.status);
        assert.ok(r.status === 400 || r.status === 404, `GET ${p}: ${r.status} ${r.text}`);
      }
      const cancel = await world.api.send('admin', 'POST', `/instances/${id}/cancel`, {});
      stats.request(cancel.status);
      assert.ok(cancel.status === 400 || cancel.status === 404, `cancel ${id}: ${cancel.status} ${cancel.text}`);
      const dl = await rawRequest(server.url, { method: 'GET', path: `/api/v1/instances/${id}/log.txt`, headers: { authorization: `Bearer ${world.api.token('admin')}` } });
      stats.request(dl.status);
      assert.ok(dl.status === 400 || dl.status === 404, `log.txt ${id}: ${dl.status} ${dl.text}`);
    }
  });

  test('malformed percent-encoding in API and static paths answers 400', async () => {
    for (const p of ['/api/v1/hosts/%zz', '/api/v1/hosts/%E0%A4%A', '/api/v1/tasks/%', '/%E0%A4%A', '/assets/%zz.js', '/%', '/..%2f..%2fetc%2fpasswd', '/%00']) {
      const r = await rawRequest(server.url, { method: 'GET', path: p, headers: { authorization: `Bearer ${world.api.token('admin')}` } });
      stats.request(r.status);
      assert.ok(r.status < 500, `GET ${p}: ${r.status} ${r.text.slice(0, 200)}`);
      if (p.includes('%zz') || p.includes('%E0%A4%A') || p.endsWith('/%')) assert.equal(r.status, 400, `GET ${p}: ${r.status}`);
      assert.doesNotMatch(r.text, /root:x:0:0/, 'no file outside the static folder is served');
    }
  });

  test('an unauthenticated POST with a body is refused at once (401), without reading the body', async () => {
    const r = await answerBeforeBody(server.url, '/api/v1/groups', 100 * 1024 * 1024);
    stats.request(r.status);
    assert.equal(r.status, 401, r.body);
  });

  test('a signed-in POST announcing 100 MB gets 413 payload_too_large at once', async () => {
    const r = await answerBeforeBody(server.url, '/api/v1/groups', 100 * 1024 * 1024, world.api.token('admin'));
    stats.request(r.status);
    assert.equal(r.status, 413, r.body);
  });

  test('a 3 MB JSON body sent in full answers 413 payload_too_large', async () => {
    const body = JSON.stringify({ name: 'big', description: 'x'.repeat(3 * 1024 * 1024) });
    const r = await rawRequest(server.url, { method: 'POST', path: '/api/v1/groups', headers: { authorization: `Bearer ${world.api.token('admin')}`, 'content-type': 'application/json' }, body }).catch((e: Error) => ({ status: 0, text: e.message, json: undefined, headers: {} }));
    stats.request(r.status);
    assert.equal(r.status, 413, `a reset is not an answer: ${r.status} ${r.text.slice(0, 200)}`);
    assert.equal(errorCode(r as never), 'payload_too_large');
  });

  test('300 unauthenticated 2 MB uploads: each refused, memory stays bounded', async () => {
    const before = server.rssMb();
    const body = Buffer.alloc(2 * 1024 * 1024 - 16, 'a');
    let max = before;
    for (let round = 0; round < 10; round++) {
      const replies = await Promise.all(Array.from({ length: 30 }, () =>
        rawRequest(server.url, { method: 'POST', path: '/api/v1/groups', headers: { 'content-type': 'application/json' }, body }).then((r) => r.status, () => 0)));
      for (const s of replies) {
        stats.request(s);
        assert.ok(s === 401 || s === 0, `unauthenticated upload answered ${s}`);
      }
      max = Math.max(max, server.rssMb());
    }
    stats.rss(max);
    assert.ok(max - before < 150, `RSS ${before} -> ${max} MB for refused uploads`);
    assert.ok(await server.settled());
  });
});
