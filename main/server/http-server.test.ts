import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { startServerHarness, type ServerHarness } from '../../testing/server-harness';
import type { Core } from '../core/create-core';
import { Authorized } from '../core/dispatch';
import type { RunningServer } from './http-server';

describe('REST API over the real HTTP server', () => {
  let s: ServerHarness;
  let core: Core;
  let server: RunningServer;
  let admin: string;

  before(async () => {
    s = await startServerHarness();
    ({ core, server, admin } = s);
  });
  after(() => s.dispose());

  const req: ServerHarness['api'] = (...a) => s.api(...a);

  test('health needs no token; everything else does (401)', async () => {
    assert.equal((await req('GET', '/health')).status, 200);
    const r = await req('GET', '/hosts');
    assert.equal(r.status, 401);
    assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'unauthorized');
    assert.equal((await req('GET', '/hosts', undefined, 'not-a-token')).status, 401);
  });

  test('a request\'s token is checked once: the server authorises it before the body, and dispatch takes that caller', async (t) => {
    const auth = core.services.auth;
    const checks: string[] = [];
    const real = auth.authorize.bind(auth);
    auth.authorize = (token, permission, doing) => (checks.push(permission), real(token, permission, doing));
    t.after(() => (auth.authorize = real));
    assert.equal((await req('GET', '/hosts', undefined, admin)).status, 200);
    assert.equal((await req('POST', '/hosts', { name: 'x' }, admin)).status, 400);
    assert.deepEqual(checks, ['read', 'hosts:write']);
    // IPC passes a token: dispatch checks it there, and a caller authorised for one operation is refused by another.
    assert.equal((await core.dispatch('hosts.list', {}, 'not-a-token')).ok, false);
    const forList = Authorized.check(auth, 'hosts.list', admin);
    const r = await core.dispatch('users.list', {}, forList);
    assert.ok(!r.ok && r.status === 500, 'a caller is not reused across operations');
  });

  test('a non-loopback Host header is refused and no CORS header is ever sent', async () => {
    const status = await new Promise<number>((resolve) => {
      http.get({ host: '127.0.0.1', port: server.port, path: '/api/v1/health', headers: { host: 'attacker.example:80' } }, (res) => { res.resume(); resolve(res.statusCode!); });
    });
    assert.equal(status, 403);
    const r = await fetch(`${server.url}/api/v1/health`, { headers: { origin: 'http://evil.example' } });
    assert.equal(r.headers.get('access-control-allow-origin'), null);
  });

  test('bad input: 400 naming the field; duplicates: 409; unknown ids: 404', async () => {
    const bad = await req('POST', '/hosts', { name: 'x', host: 'has space:22', username: 'u', machine_id: 1024, auth: { kind: 'agent' } }, admin);
    assert.equal(bad.status, 400);
    const msg = ((await bad.json()) as { error: { message: string } }).error.message;
    assert.match(msg, /host: host must not contain spaces/);
    assert.match(msg, /machine_id: machine_id must be between 0 and 1023/);
    const email = await req('POST', '/users', { user_name: 'bob', password: 'longenough', email: 'not-an-email', roles: ['viewer'] }, admin);
    assert.equal(email.status, 400);
    assert.match(((await email.json()) as { error: { message: string } }).error.message, /^email:/);

    const ok = { name: 'h1', host: '10.0.0.5:22', username: 'ops', machine_id: 5, auth: { kind: 'agent' } };
    assert.equal((await req('POST', '/hosts', ok, admin)).status, 201);
    const dupName = await req('POST', '/hosts', { ...ok, machine_id: 6 }, admin);
    assert.equal(dupName.status, 409);
    assert.deepEqual(((await dupName.json()) as { error: { details: unknown } }).error.details, { field: 'name' });
    const dupMachine = await req('POST', '/hosts', { ...ok, name: 'h2' }, admin);
    assert.equal(dupMachine.status, 409);
    assert.equal((await req('GET', '/hosts/999', undefined, admin)).status, 404);
    assert.equal((await req('PUT', '/hosts/999', { tag: 'x' }, admin)).status, 404);
    assert.equal((await req('POST', '/bindings', { name: 'b', group_id: 77, executor_id: 1, weight: 1 }, admin)).status, 404);
    const hostsAfter = (await (await req('GET', '/hosts', undefined, admin)).json()) as unknown[];
    assert.equal(hostsAfter.length, 1, 'no half-written rows');
  });

  test('a field the operation does not take is refused (400 naming it), in a query or a body, never dropped; a role without the right still gets 403 first', async () => {
    const typo = await req('GET', '/hosts?tga=db', undefined, admin);
    assert.equal(typo.status, 400);
    const body = (await typo.json()) as { error: { code: string; message: string; details: { fields: { field: string; message: string }[] } } };
    assert.equal(body.error.code, 'validation');
    assert.equal(body.error.message, 'unknown field "tga": it takes q, status, tag');
    assert.deepEqual(body.error.details.fields, [{ field: 'tga', message: 'not a field of this operation' }]);
    assert.equal((await req('GET', '/hosts?tag=db', undefined, admin)).status, 200);

    const count = async (): Promise<number> => ((await (await req('GET', '/hosts', undefined, admin)).json()) as unknown[]).length;
    const before = await count();
    const host = { name: 'h-extra', host: '10.0.0.9:22', username: 'ops', machine_id: 9, auth: { kind: 'agent' } };
    // A misspelt option and a prototype key, as JSON.parse makes them (own properties).
    const extra = await req('POST', '/hosts', JSON.parse(JSON.stringify({ ...host, jump_hots_id: 1 }).replace(/^\{/, '{"__proto__": {"admin": true}, ')), admin);
    assert.equal(extra.status, 400);
    assert.match(((await extra.json()) as { error: { message: string } }).error.message, /^unknown fields "__proto__", "jump_hots_id": it takes name, /);
    assert.equal(await count(), before, 'nothing written');

    assert.equal((await req('POST', '/users', { user_name: 'vic', password: 'viewerpass', roles: ['viewer'] }, admin)).status, 201);
    const vt = ((await (await req('POST', '/auth/login', { user_name: 'vic', password: 'viewerpass' })).json()) as { token: string }).token;
    assert.equal((await req('POST', '/groups', { name: 'g', nmae: 'typo' }, vt)).status, 403, 'what a caller may not do is refused before what it sent is read');
    // IPC goes through the same check.
    const r = await core.dispatch('hosts.list', { tga: 'db' }, admin);
    assert.ok(!r.ok && r.status === 400 && r.body.error.message.startsWith('unknown field "tga"'));
  });

  test('a viewer may read but not write (403)', async () => {
    assert.equal((await req('POST', '/users', { user_name: 'vera', password: 'viewerpass', roles: ['viewer'] }, admin)).status, 201);
    const vt = ((await (await req('POST', '/auth/login', { user_name: 'vera', password: 'viewerpass' })).json()) as { token: string }).token;
    assert.equal((await req('GET', '/hosts', undefined, vt)).status, 200);
    assert.equal((await req('POST', '/groups', { name: 'g' }, vt)).status, 403);
    assert.equal((await req('POST', '/auth/logout', {}, vt)).status, 200);
    assert.equal((await req('GET', '/hosts', undefined, vt)).status, 401, 'logout revokes the token');
  });

  test('groups and bindings: unique per pair, cascade on delete', async () => {
    const g = (await (await req('POST', '/groups', { name: 'billing', description: 'billing db', tag: 'prod' }, admin)).json()) as { id: number };
    const hosts = (await (await req('GET', '/hosts', undefined, admin)).json()) as { id: number }[];
    const b = await req('POST', '/bindings', { name: 'billing-primary', group_id: g.id, executor_id: hosts[0]!.id, weight: 3 }, admin);
    assert.equal(b.status, 201);
    assert.equal((await req('POST', '/bindings', { name: 'again', group_id: g.id, executor_id: hosts[0]!.id }, admin)).status, 409);
    assert.equal((await req('POST', '/bindings', { name: 'w0', group_id: g.id, executor_id: hosts[0]!.id, weight: 0 }, admin)).status, 400);
    const group = (await (await req('GET', `/groups/${g.id}`, undefined, admin)).json()) as { binding_count: number };
    assert.equal(group.binding_count, 1);
    assert.equal((await req('DELETE', `/groups/${g.id}`, undefined, admin)).status, 200);
    assert.deepEqual(await (await req('GET', '/bindings', undefined, admin)).json(), []);
  });

  test('openapi.json lists every operation', async () => {
    const doc = (await (await req('GET', '/openapi.json')).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    const ids = Object.values(doc.paths).flatMap((m) => Object.values(m).map((o) => o.operationId));
    for (const id of ['hosts.create', 'hosts.accept-key', 'bindings.list', 'auth.login', 'audit.verify']) assert.ok(ids.includes(id), id);
  });

  test('events arrive over SSE', async () => {
    const ctl = new AbortController();
    const res = await fetch(`${server.url}/api/v1/events`, { headers: { authorization: `Bearer ${admin}` }, signal: ctl.signal });
    assert.equal(res.status, 200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    await req('POST', '/groups', { name: 'sse-group' }, admin);
    let buf = '';
    while (!buf.includes('event: groups.changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += value;
    }
    ctl.abort();
    assert.match(buf, /event: groups\.changed/);
  });

  test('first-run setup is refused once a user exists; backup writes a readable copy', async () => {
    assert.deepEqual(((await (await req('GET', '/setup')).json()) as { needs_admin: boolean }).needs_admin, false);
    assert.equal((await req('POST', '/setup', { user_name: 'eve', password: 'evepassword' })).status, 409);
    const b = await req('POST', '/backup', {}, admin);
    assert.equal(b.status, 201);
    const { path: file } = (await b.json()) as { path: string };
    assert.ok(fs.statSync(file).size > 0);
  });
});
