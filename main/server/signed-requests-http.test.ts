import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { requestAuthorizer, SIGNATURE_HEADERS, signRequest } from '../../shared/api/request-signing';
import type { ApiToken } from '../../shared/domain/tokens';
import { startServerHarness } from '../../testing/server-harness';

interface ErrorAnswer { error: { code: string; message: string } }

/** A real core and server at a given level, with a clock the tests move. */
async function startAt(level: '0' | '1' | undefined, o: { maxNonces?: number; startMs?: number } = {}) {
  const clock = { ms: o.startMs ?? Date.parse('2026-03-01T10:00:00Z'), now() { return new Date(this.ms); } };
  // The harness signs admin in with a plain request and fails unless it is answered 200: signing in needs no signature, there is no credential yet.
  const s = await startServerHarness({ core: { securityLevel: level, clock }, server: o.maxNonces ? { maxNonces: o.maxNonces } : {} });
  return { core: s.core, server: s.server, clock, session: s.admin, stop: () => s.dispose() };
}
type World = Awaited<ReturnType<typeof startAt>>;

/** Send a request with the given headers; `body` is sent as given (a string), so a test can send other bytes than it signed. */
function send(w: World, method: string, pathWithQuery: string, headers: Record<string, string>, body?: string): Promise<Response> {
  return fetch(`${w.server.url}${pathWithQuery}`, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body !== undefined ? { body } : {}) });
}

async function signedCall(w: World, credential: string, method: string, p: string, body?: unknown, at = w.clock.now()): Promise<Response> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers = await signRequest(credential, { method, pathWithQuery: `/api/v1${p}`, body: text }, at);
  return send(w, method, `/api/v1${p}`, headers, text);
}

async function code(r: Response, status: number): Promise<string> {
  if (r.status !== status) await r.body?.cancel(); // an event stream let through would never end
  assert.equal(r.status, status);
  const body = (await r.json()) as ErrorAnswer;
  assert.equal(r.status, status, JSON.stringify(body));
  return body.error.code;
}

async function newToken(w: World, scopes: string[], name: string): Promise<{ token: ApiToken; secret: string }> {
  const r = await signedCall(w, w.session, 'POST', '/tokens', { name, scopes, expires_in_days: 1 });
  assert.equal(r.status, 201);
  return (await r.json()) as { token: ApiToken; secret: string };
}

describe('security level 1: signed requests over the real HTTP server', () => {
  let w: World;
  let reader: { token: ApiToken; secret: string };

  before(async () => {
    w = await startAt('1');
    reader = await newToken(w, ['read'], 'reader');
  });
  after(() => w.stop());

  test('clients learn the level from /health, which needs nothing and says nothing secret', async () => {
    const health = (await (await fetch(`${w.server.url}/api/v1/health`)).json()) as { security_level: number };
    assert.equal(health.security_level, 1);
  });

  test('a bearer token alone is refused with signature_missing; so is a signature missing a header', async () => {
    assert.equal(await code(await send(w, 'GET', '/api/v1/hosts', { authorization: `Bearer ${reader.secret}` }), 401), 'signature_missing');
    const headers = await signRequest(reader.secret, { method: 'GET', pathWithQuery: '/api/v1/hosts', body: undefined }, w.clock.now());
    delete headers[SIGNATURE_HEADERS.nonce];
    assert.equal(await code(await send(w, 'GET', '/api/v1/hosts', headers), 401), 'signature_missing');
  });

  test('a signed request is served once; the same request again is signature_replayed', async () => {
    const headers = await signRequest(reader.secret, { method: 'GET', pathWithQuery: '/api/v1/hosts?q=pg', body: undefined }, w.clock.now());
    assert.equal((await send(w, 'GET', '/api/v1/hosts?q=pg', headers)).status, 200);
    assert.equal(await code(await send(w, 'GET', '/api/v1/hosts?q=pg', headers), 401), 'signature_replayed');
  });

  test('a timestamp more than 5 minutes off either way is signature_stale', async () => {
    const now = w.clock.now().getTime();
    assert.equal((await signedCall(w, reader.secret, 'GET', '/hosts', undefined, new Date(now - 299_000))).status, 200, 'inside the window');
    assert.equal(await code(await signedCall(w, reader.secret, 'GET', '/hosts', undefined, new Date(now - 301_000)), 401), 'signature_stale');
    assert.equal(await code(await signedCall(w, reader.secret, 'GET', '/hosts', undefined, new Date(now + 301_000)), 401), 'signature_stale');
  });

  test('a wrong key, another path or query, or a tampered body is signature_invalid', async () => {
    const forged = `${reader.token.id}.${'A'.repeat(43)}`;
    assert.equal(await code(await signedCall(w, forged, 'GET', '/hosts'), 401), 'signature_invalid');
    const headers = await signRequest(reader.secret, { method: 'GET', pathWithQuery: '/api/v1/hosts?tag=a', body: undefined }, w.clock.now());
    assert.equal(await code(await send(w, 'GET', '/api/v1/hosts?tag=b', headers), 401), 'signature_invalid');
    const wide = await newToken(w, ['read', 'hosts'], 'writer');
    const host = JSON.stringify({ name: 'h1', host: '10.0.0.5:22', username: 'ops', machine_id: 5, auth: { kind: 'agent' } });
    const signed = await signRequest(wide.secret, { method: 'POST', pathWithQuery: '/api/v1/hosts', body: host }, w.clock.now());
    assert.equal(await code(await send(w, 'POST', '/api/v1/hosts', signed, host.replace('10.0.0.5', '10.6.6.6')), 401), 'signature_invalid');
    assert.equal((await signedCall(w, wide.secret, 'GET', '/hosts')).status, 200);
    const hosts = (await (await signedCall(w, wide.secret, 'GET', '/hosts')).json()) as unknown[];
    assert.equal(hosts.length, 0, 'the tampered body was not acted on');
    // The body as signed is served (its nonce is new: the tampered attempt burnt only its own).
    const again = await signRequest(wide.secret, { method: 'POST', pathWithQuery: '/api/v1/hosts', body: host }, w.clock.now());
    assert.equal((await send(w, 'POST', '/api/v1/hosts', again, host)).status, 201);
  });

  test('hostile signature headers: a malformed nonce, timestamp or hash, an unknown key, a GET claiming a body', async () => {
    const good = await signRequest(reader.secret, { method: 'GET', pathWithQuery: '/api/v1/hosts', body: undefined }, w.clock.now());
    const tamper = (h: string, v: string): Record<string, string> => ({ ...good, [h]: v });
    assert.equal(await code(await send(w, 'GET', '/api/v1/hosts', tamper(SIGNATURE_HEADERS.nonce, 'short')), 401), 'signature_invalid');
    assert.equal(await code(await send(w, 'GET', '/api/v1/hosts', tamper(SIGNATURE_HEADERS.nonce, 'x'.repeat(65))), 401), 'signature_invalid');
    assert.equal(await code(await send(w, 'GET', '/api/v1/hosts', tamper(SIGNATURE_HEADERS.timestamp, '1e9')), 401), 'signature_invalid');
    assert.equal(await code(await send(w, 'GET', '/api/v1/hosts', tamper(SIGNATURE_HEADERS.contentSha256, 'ab')), 401), 'signature_invalid');
    assert.equal(await code(await send(w, 'GET', '/api/v1/hosts', tamper(SIGNATURE_HEADERS.key, 'tok_ffffffffffffffff')), 401), 'unauthorized');
    assert.equal(await code(await send(w, 'GET', '/api/v1/hosts', tamper(SIGNATURE_HEADERS.key, 'constructor')), 401), 'unauthorized');
    const claims = await signRequest(reader.secret, { method: 'GET', pathWithQuery: '/api/v1/hosts', body: '{}' }, w.clock.now());
    assert.equal(await code(await send(w, 'GET', '/api/v1/hosts', claims), 401), 'signature_invalid');
    // None of these burnt the good request's nonce: it is still served once.
    assert.equal((await send(w, 'GET', '/api/v1/hosts', good)).status, 200);
  });

  test('scope, revocation and expiry still hold for signed requests: 403 naming the scope, token_revoked, token_expired', async () => {
    const r = await signedCall(w, reader.secret, 'POST', '/groups', { name: 'g' });
    assert.equal(await code(r.clone(), 403), 'forbidden');
    assert.match(((await r.json()) as ErrorAnswer).error.message, /lacks the scope groups/);
    const doomed = await newToken(w, ['read'], 'doomed');
    assert.equal((await signedCall(w, w.session, 'POST', `/tokens/${doomed.token.id}/revoke`, {})).status, 200);
    assert.equal(await code(await signedCall(w, doomed.secret, 'GET', '/hosts'), 401), 'token_revoked');
    const brief = await newToken(w, ['read'], 'brief');
    w.clock.ms += 86_400_000;
    try {
      assert.equal(await code(await signedCall(w, brief.secret, 'GET', '/hosts'), 401), 'token_expired');
    } finally {
      w.clock.ms -= 86_400_000;
    }
  });

  test('a token trying to approve is refused at level 1 too', async () => {
    const all = await newToken(w, ['read', 'runs', 'tasks', 'jobs-inject', 'hosts', 'groups'], 'all scopes');
    assert.equal(await code(await signedCall(w, all.secret, 'POST', '/requests/1/approve', { comment: 'ok' }), 403), 'forbidden');
  });

  test('the event stream is a signed GET: served once, its replay refused, unsigned refused', async () => {
    const headers = await signRequest(reader.secret, { method: 'GET', pathWithQuery: '/api/v1/events', body: undefined }, w.clock.now());
    const ctl = new AbortController();
    const res = await send(w, 'GET', '/api/v1/events', headers);
    try {
      assert.equal(res.status, 200);
      const first = await res.body!.getReader().read();
      assert.match(new TextDecoder().decode(first.value), /: connected/);
    } finally {
      ctl.abort();
      await res.body?.cancel().catch(() => {});
    }
    assert.equal(await code(await send(w, 'GET', '/api/v1/events', headers), 401), 'signature_replayed');
    assert.equal(await code(await send(w, 'GET', '/api/v1/events', { authorization: `Bearer ${reader.secret}` }), 401), 'signature_missing');
  });

  test('a session from sign-in signs as a token does; the transport hook gives the same headers', async () => {
    assert.equal((await signedCall(w, w.session, 'GET', '/auth/me')).status, 200);
    const authorize = requestAuthorizer(w.session, 1, () => w.clock.now());
    const headers = await authorize({ method: 'GET', pathWithQuery: '/api/v1/users', body: undefined });
    assert.equal(headers[SIGNATURE_HEADERS.key], w.session.split('.')[0]);
    assert.equal((await send(w, 'GET', '/api/v1/users', headers)).status, 200);
  });

  test('signing out a signed session ends it', async () => {
    const login = await send(w, 'POST', '/api/v1/auth/login', {}, JSON.stringify({ user_name: 'admin', password: 'adminpass1' }));
    const session = ((await login.json()) as { token: string }).token;
    assert.equal((await signedCall(w, session, 'POST', '/auth/logout', {})).status, 200);
    assert.equal(await code(await signedCall(w, session, 'GET', '/auth/me'), 401), 'unauthorized');
  });

  test('the level pinned by the environment cannot be changed by the setting', async () => {
    const r = await signedCall(w, w.session, 'PUT', '/settings/security', { level: 0 });
    assert.equal(await code(r, 409), 'conflict');
    const level = (await (await signedCall(w, w.session, 'GET', '/settings/security')).json()) as { level: number; source: string };
    assert.deepEqual(level, { level: 1, source: 'environment' });
  });
});

describe('security level 0 is unaffected; the setting switches the level', () => {
  let w: World;
  before(async () => {
    w = await startAt(undefined);
  });
  after(() => w.stop());

  test('bearer tokens work at level 0, and a signed request is checked as signed', async () => {
    assert.equal((await send(w, 'GET', '/api/v1/hosts', { authorization: `Bearer ${w.session}` })).status, 200);
    assert.equal((await signedCall(w, w.session, 'GET', '/hosts')).status, 200);
    const stale = await signedCall(w, w.session, 'GET', '/hosts', undefined, new Date(w.clock.now().getTime() - 3_600_000));
    assert.equal(await code(stale, 401), 'signature_stale');
  });

  test('an admin sets level 1: from then on a bearer is refused and a signed request served; back to 0', async () => {
    const set = await send(w, 'PUT', '/api/v1/settings/security', { authorization: `Bearer ${w.session}` }, JSON.stringify({ level: 1 }));
    assert.deepEqual(await set.json(), { level: 1, source: 'setting' });
    assert.equal(await code(await send(w, 'GET', '/api/v1/hosts', { authorization: `Bearer ${w.session}` }), 401), 'signature_missing');
    assert.equal((await signedCall(w, w.session, 'GET', '/hosts')).status, 200);
    assert.equal((await signedCall(w, w.session, 'PUT', '/settings/security', { level: 0 })).status, 200);
    assert.equal((await send(w, 'GET', '/api/v1/hosts', { authorization: `Bearer ${w.session}` })).status, 200);
    const audit = await (await send(w, 'GET', '/api/v1/audit?limit=5', { authorization: `Bearer ${w.session}` })).text();
    assert.match(audit, /system\.security_level/);
  });

  test('a hostile level is refused: 400 for the setting, and a start with a bad TASKDECK_SECURITY_LEVEL fails saying so', async () => {
    const r = await send(w, 'PUT', '/api/v1/settings/security', { authorization: `Bearer ${w.session}` }, JSON.stringify({ level: 2 }));
    assert.equal(await code(r, 400), 'validation');
    await assert.rejects(startAt('yes' as '1'), /TASKDECK_SECURITY_LEVEL is "yes"/);
  });
});

describe('the replay cache is bounded', () => {
  test('past its bound, new signed requests get 503 rather than a nonce being forgotten early', async () => {
    const w = await startAt('1', { maxNonces: 2 });
    try {
      assert.equal((await signedCall(w, w.session, 'GET', '/hosts')).status, 200);
      assert.equal((await signedCall(w, w.session, 'GET', '/hosts')).status, 200);
      const full = await signedCall(w, w.session, 'GET', '/hosts');
      assert.equal(await code(full.clone(), 503), 'unavailable');
      assert.ok(full.headers.get('retry-after'));
      w.clock.ms += 601_000; // the nonces expire; the next request must be signed at the new time
      assert.equal((await signedCall(w, w.session, 'GET', '/hosts')).status, 200);
    } finally {
      await w.stop();
    }
  });
});

describe('the README\'s examples', () => {
  test('the README\'s plug-in examples (shell with openssl, and JS) sign requests this server accepts', async () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
    const block = (lang: string, marker: string): string => {
      const found = [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!).find((b) => b.includes(marker));
      assert.ok(found, `the README has a ${lang} example with ${marker}`);
      return found;
    };
    // The examples sign with the real clock.
    const w = await startAt('1', { startMs: Date.now() });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-readme-'));
    try {
      const writer = await newToken(w, ['read', 'groups'], 'readme example');
      const env = { ...process.env, TASKDECK_URL: w.server.url, TASKDECK_TOKEN: writer.secret };
      // The shell example starts by setting TOKEN and TASKDECK_URL; the test sets them instead.
      const shell = block('sh', 'openssl dgst').replace(/^TOKEN=.*\n/, 'TOKEN=$TASKDECK_TOKEN\n');
      const sh = await promisify(execFile)('bash', ['-c', shell], { env });
      assert.equal((JSON.parse(sh.stdout) as { name: string }).name, 'nightly', sh.stdout + sh.stderr);
      fs.writeFileSync(path.join(dir, 'plugin.mjs'), block('js', 'createHmac'));
      const js = await promisify(execFile)(process.execPath, [path.join(dir, 'plugin.mjs')], { env });
      assert.match(js.stdout, /^\[\s*\]/, js.stdout + js.stderr); // the hosts list, empty here
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await w.stop();
    }
  });
});
