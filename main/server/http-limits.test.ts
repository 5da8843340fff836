import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServerHarness, type ServerHarness } from '../../testing/server-harness';
import type { Core } from '../core/create-core';
import { type RunningServer, startHttpServer } from './http-server';

/** Hostile callers of the HTTP door: oversized and anonymous bodies, ids and paths that are not, prototype names, password guessing. */
describe('HTTP server under hostile requests', () => {
  let s: ServerHarness;
  let core: Core;
  let server: RunningServer;
  let admin: string;
  let staticDir: string;

  before(async () => {
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-http-limits-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Taskdeck</title>');
    s = await startServerHarness({ server: { staticDir, log: () => {} } });
    ({ core, server, admin } = s);
  });
  after(async () => {
    await s.dispose();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  const req: ServerHarness['api'] = (...a) => s.api(...a);

  /** Send raw request bytes and read the status line of the answer (the server may close before all is sent). */
  function rawStatus(head: string, body?: (socket: net.Socket) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1');
      let got = '';
      socket.on('data', (d) => {
        got += d.toString('latin1');
        const m = /^HTTP\/1\.1 (\d{3})/.exec(got);
        if (m) {
          resolve(Number(m[1]));
          socket.destroy();
        }
      });
      socket.on('error', () => {}); // a reset after the answer is the server closing an unread body
      socket.on('close', () => reject(new Error(`closed without an answer: ${JSON.stringify(got.slice(0, 200))}`)));
      socket.write(head);
      body?.(socket);
    });
  }

  test('a declared 100 MB body answers 413 before a byte of it is sent', { timeout: 10_000 }, async () => {
    const status = await rawStatus(
      `POST /api/v1/auth/login HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${100 * 1024 * 1024}\r\n\r\n`,
    );
    assert.equal(status, 413);
  });

  test('a chunked body that keeps coming past 2 MiB answers 413, not a reset', { timeout: 10_000 }, async () => {
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const status = await rawStatus(
      `POST /api/v1/auth/login HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`,
      (socket) => {
        // 12 chunks (3 MiB), written as the socket takes them; the answer may come (and the socket close) before the end.
        let left = 12;
        const next = (): void => {
          while (left > 0 && !socket.destroyed) {
            left--;
            socket.write(`${chunk.length.toString(16)}\r\n`);
            socket.write(chunk);
            if (!socket.write('\r\n')) return void socket.once('drain', next);
          }
        };
        next();
      },
    );
    assert.equal(status, 413);
  });

  test('an anonymous upload is refused (401) before its body is read', { timeout: 10_000 }, async () => {
    // Headers only: the server must answer without waiting for the 2 MB it was promised.
    const status = await rawStatus(
      `POST /api/v1/groups HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${2 * 1024 * 1024 - 1}\r\n\r\n`,
    );
    assert.equal(status, 401);
    const viewer = await req('POST', '/users', { user_name: 'vic', password: 'viewerpass', roles: ['viewer'] }, admin);
    assert.equal(viewer.status, 201);
    const vt = ((await (await req('POST', '/auth/login', { user_name: 'vic', password: 'viewerpass' })).json()) as { token: string }).token;
    const forbidden = await rawStatus(
      `POST /api/v1/groups HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${vt}\r\ncontent-type: application/json\r\ncontent-length: 1000000\r\n\r\n`,
    );
    assert.equal(forbidden, 403, 'a caller without the permission is refused before the body too');
  });

  test('Expect: 100-continue without a token gets 401 and is never asked for the body', { timeout: 10_000 }, async () => {
    const { status, continued } = await new Promise<{ status: number; continued: boolean }>((resolve, reject) => {
      let continued = false;
      const r = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/v1/groups', headers: { 'content-type': 'application/json', 'content-length': 1_000_000, expect: '100-continue' } });
      r.on('continue', () => (continued = true));
      r.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode!, continued });
        r.destroy();
      });
      r.on('error', reject);
      r.flushHeaders();
    });
    assert.equal(status, 401);
    assert.equal(continued, false);
    const ok = await new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ name: 'continued-group' });
      const r = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/v1/groups', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue', authorization: `Bearer ${admin}` } });
      r.on('continue', () => r.end(body));
      r.on('response', (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      r.on('error', reject);
      r.flushHeaders();
    });
    assert.equal(ok, 201, 'with a token the body is asked for and read');
  });

  test('300 anonymous 2 MB uploads do not grow the server by hundreds of MB', async () => {
    // Valid JSON, so that only the order of checks decides; one buffer shared by every upload: the client holds 2 MB.
    const body = Buffer.from(JSON.stringify({ name: 'a'.repeat(2 * 1024 * 1024 - 32) }));
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const upload = (): Promise<number> =>
      new Promise((resolve, reject) => {
        const r = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/v1/groups', headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
          res.resume();
          peak = Math.max(peak, process.memoryUsage().rss);
          resolve(res.statusCode!);
        });
        r.on('error', reject);
        r.end(body);
      });
    for (let round = 0; round < 10; round++) {
      const statuses = await Promise.all(Array.from({ length: 30 }, upload));
      assert.ok(statuses.every((s) => s === 401), `all refused: ${statuses.join(',')}`);
    }
    const grewMb = (peak - rss0) / 1024 / 1024;
    assert.ok(grewMb < 120, `RSS grew ${grewMb.toFixed(0)} MB`);
  });

  test('300 concurrent 2 MB sign-ins are refused (413) unread: memory stays flat', { timeout: 60_000 }, async () => {
    // Sign-in needs no token, so the token cannot stop these: its own small limit (16 KB) does, from the declared length.
    const body = Buffer.from(JSON.stringify({ user_name: 'admin', password: 'a'.repeat(2 * 1024 * 1024 - 64) }));
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const upload = (): Promise<number> =>
      new Promise((resolve, reject) => {
        let answered = false;
        const r = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
          answered = true;
          res.resume();
          peak = Math.max(peak, process.memoryUsage().rss);
          resolve(res.statusCode!);
        });
        r.on('error', (err) => (answered ? undefined : reject(err))); // the server closes an unread body after its answer
        r.end(body);
      });
    const statuses = await Promise.all(Array.from({ length: 300 }, upload));
    assert.ok(statuses.every((s) => s === 413), `all refused: ${[...new Set(statuses)].join(',')}`);
    const grewMb = (peak - rss0) / 1024 / 1024;
    assert.ok(grewMb < 120, `RSS grew ${grewMb.toFixed(0)} MB`);
  });

  test('anonymous bodies share a budget: past it a sign-in is refused at once (503), and served again when room returns', { timeout: 10_000 }, async () => {
    const small = await startHttpServer(core, { port: 0, log: () => {}, anonymousBodyBudgetBytes: 32 * 1024 });
    try {
      // Two sign-ins that declare the whole 16 KB and are asked for it (100-continue comes once the budget is reserved).
      const padded = (): string => {
        const json = JSON.stringify({ user_name: 'admin', password: 'adminpass1' });
        return json.slice(0, -1) + ' '.repeat(16 * 1024 - json.length) + '}';
      };
      const holds = await Promise.all(
        [0, 1].map(
          () =>
            new Promise<{ finish(): Promise<number> }>((resolve, reject) => {
              const r = http.request({ host: '127.0.0.1', port: small.port, method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json', 'content-length': 16 * 1024, expect: '100-continue' } });
              const status = new Promise<number>((done) => r.on('response', (res) => (res.resume(), done(res.statusCode!))));
              r.on('continue', () => resolve({ finish: () => (r.end(padded()), status) }));
              r.on('error', reject);
              r.flushHeaders();
            }),
        ),
      );
      const login = (): Promise<Response> =>
        fetch(`${small.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_name: 'admin', password: 'adminpass1' }) });
      const refused = await login();
      assert.equal(refused.status, 503);
      assert.equal(refused.headers.get('retry-after'), '1');
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'unavailable');
      const created = await fetch(`${small.url}/api/v1/groups`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ name: 'budget-group' }) });
      assert.equal(created.status, 201, 'signed-in callers are not held by it');
      assert.equal(await holds[0]!.finish(), 200);
      assert.equal((await login()).status, 200, 'the budget is given back when a body has been read');
      assert.equal(await holds[1]!.finish(), 200);
    } finally {
      await small.close();
    }
  });

  test('ids that are not row ids answer 400, never 500', async () => {
    for (const id of ['9223372036854775808', '18446744073709551616', '1e400', '0x10', '-1', '1.5', '9007199254740993', '%E0%A4%A']) {
      const r = await req('GET', `/hosts/${id}`, undefined, admin);
      assert.equal(r.status, 400, `hosts/${id}: ${await r.text()}`);
    }
    assert.equal((await req('GET', '/hosts/12345', undefined, admin)).status, 404);
    for (const id of ['9223372036854775808', '99999999999999999999', 'abc']) {
      assert.equal((await req('GET', `/instances/${id}`, undefined, admin)).status, 400, `instances/${id}`);
      assert.equal((await req('GET', `/instances/${id}/log.txt`, undefined, admin)).status, 400, `instances/${id}/log.txt`);
    }
    assert.equal((await req('GET', '/instances/9223372036854775807', undefined, admin)).status, 404);
  });

  test('malformed static paths answer 400; the app and its routes still load', async () => {
    for (const p of ['http://[', '/%E0%A4%A', '/..%2f..%2fetc%2fpasswd', '/%00', '/a%00.html', '/..%5c..%5cwin.ini', '/x/%2e%2e%2f']) {
      const status = await rawStatus(`GET ${p} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`);
      assert.equal(status, 400, p);
    }
    assert.equal((await fetch(`${server.url}/`)).status, 200);
    assert.equal((await fetch(`${server.url}/hosts/12`)).status, 200, 'a client-side route falls back to index.html');
  });

  test('a custom role named like an Object member breaks nothing', async () => {
    for (const [name, role] of [['cora', 'constructor'], ['hank', 'hasownproperty'], ['tess', 'tostring'], ['vale', 'valueof']] as const) {
      assert.equal((await req('POST', '/users', { user_name: name, password: 'longenough1', roles: ['viewer', role] }, admin)).status, 201);
      const login = await req('POST', '/auth/login', { user_name: name, password: 'longenough1' });
      assert.equal(login.status, 200, name);
      const token = ((await login.json()) as { token: string }).token;
      assert.equal((await req('GET', '/hosts', undefined, token)).status, 200);
      assert.equal((await req('POST', '/groups', { name: `g-${name}` }, token)).status, 403, 'the custom role grants nothing');
    }
    const roles = await req('GET', '/roles', undefined, admin);
    assert.equal(roles.status, 200);
    const list = (await roles.json()) as { name: string; permissions: string[]; built_in: boolean }[];
    assert.deepEqual(list.find((r) => r.name === 'constructor'), { name: 'constructor', built_in: false, permissions: [], users: 1 });
  });

  test('a body field named __proto__ is a field, not the input prototype', async () => {
    const r = await fetch(`${server.url}/api/v1/groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: '{"__proto__":{"name":"from-proto"}}',
    });
    assert.equal(r.status, 400, 'name is missing: it was not read through the prototype');
  });

  test('password guessing: after 5 failures even the right password waits (429, Retry-After); parallel guesses are counted', async () => {
    assert.equal((await req('POST', '/users', { user_name: 'target', password: 'rightpassword', roles: ['viewer'] }, admin)).status, 201);
    for (let i = 0; i < 5; i++) assert.equal((await req('POST', '/auth/login', { user_name: 'target', password: `wrong-${i}` })).status, 401);
    const blocked = await req('POST', '/auth/login', { user_name: 'target', password: 'rightpassword' });
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
    assert.equal(((await blocked.json()) as { error: { code: string } }).error.code, 'too_many_requests');

    const parallel = await Promise.all(Array.from({ length: 20 }, (_, i) => req('POST', '/auth/login', { user_name: 'nobody-here', password: `guess-${i}` })));
    const statuses = parallel.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 401).length, 5, `only 5 checked: ${statuses.join(',')}`);
    assert.equal(statuses.filter((s) => s === 429).length, 15);

    const audit = core.services.audit.list({ action: 'auth.login_failed', limit: 100 });
    // The name sent is never kept (it may be a password typed into the wrong field): its length and a keyed hash prefix are.
    const unknown = audit.filter((e) => /^unknown user \(11 chars, #[0-9a-f]{8}\)$/.test(e.actor));
    assert.equal(unknown.length, 5);
    assert.equal(new Set(unknown.map((e) => e.actor)).size, 1, 'one name, one mark');
    const plainHash = createHash('sha256').update('nobody-here').digest('hex').slice(0, 8);
    for (const e of unknown) {
      assert.ok(!e.actor.includes(plainHash), 'the mark is keyed: not the plain SHA-256 of the name');
      assert.equal((e.details as { known: boolean }).known, false);
      assert.equal((e.details as { name_length: number }).name_length, 11);
      assert.equal((e.details as { client: string }).client, '127.0.0.1');
      assert.ok(!JSON.stringify(e).includes('nobody-here'), `the name sent is not in the entry: ${JSON.stringify(e)}`);
    }
    const typedPassword = 'Hunter2-typed-in-the-name-field';
    assert.equal((await req('POST', '/auth/login', { user_name: typedPassword, password: 'x' })).status, 401);
    const dump = JSON.stringify(core.services.audit.list({ action: 'auth.login_failed', limit: 100 }));
    assert.ok(!dump.includes(typedPassword), 'a password typed as the user name never reaches the audit');
    const known = audit.filter((e) => e.actor === 'target');
    assert.equal(known.length, 5, 'a known user is named as the actor');

    // Past 20 failures this client (127.0.0.1, like every local caller) is slowed, not locked: a user whose own record
    // is clean still signs in, after the attempts ahead of it.
    for (let i = 0; i < 12; i++) assert.equal((await req('POST', '/auth/login', { user_name: `guess-${i}`, password: 'wrong-password' })).status, 401);
    assert.equal((await req('POST', '/auth/login', { user_name: 'ADMIN', password: 'adminpass1' })).status, 200, 'user names are case-insensitive');
  });
});
