import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { API_PREFIX } from '../../shared/api/contract';
import type { AnyAppEvent } from '../../shared/api/events';
import { ApiFailure, bearerAuthorize, HttpTransport, readEvents, type AuthorizeRequest } from '../../shared/api/http-transport';
import { startServerHarness, type ServerHarness } from '../../testing/server-harness';
import type { RunningServer } from '../server/http-server';

// The one fetch transport of the CLI and the browser client, against a real server.
let s: ServerHarness;
let server: RunningServer;
let token: string;

before(async () => {
  s = await startServerHarness();
  ({ server } = s);
  // Signed in through the transport itself: its own sign-in is under test too.
  const r = await new HttpTransport({ baseUrl: server.url, authorize: bearerAuthorize(() => undefined) }).call('auth.login', { user_name: 'admin', password: 'adminpass1' });
  assert.ok(r.ok);
  token = (r.data as { token: string }).token;
});
after(() => s.dispose());

test('the authorize hook sees each request as sent (method, path with query, body) and its headers are what the server checks', async () => {
  const seen: AuthorizeRequest[] = [];
  const t = new HttpTransport({
    baseUrl: `${server.url}/`,
    authorize: async (req) => {
      seen.push(req);
      return { authorization: `Bearer ${token}` };
    },
  });
  const created = await t.call('groups.create', { name: 'g-1', tag: 'x' });
  assert.ok(created.ok);
  const listed = await t.call('hosts.list', { tag: 'x y', q: undefined, status: '' });
  assert.deepEqual(listed, { ok: true, data: [] });
  assert.deepEqual(seen, [
    { method: 'POST', pathWithQuery: `${API_PREFIX}/groups`, body: '{"name":"g-1","tag":"x"}' },
    { method: 'GET', pathWithQuery: `${API_PREFIX}/hosts?tag=x+y`, body: undefined },
  ]);
  const refused = await new HttpTransport({ baseUrl: server.url, authorize: async () => ({ authorization: 'Bearer forged' }) }).call('groups.list', {});
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.status, 401);
  assert.equal(!refused.ok && refused.body.error.code, 'unauthorized');
});

test('an unreachable server and a refused stream come back as values; the event stream is parsed', async () => {
  const down = await new HttpTransport({ baseUrl: 'http://127.0.0.1:1', authorize: bearerAuthorize(() => token), unreachable: 'start it' }).call('groups.list', {});
  assert.deepEqual(down, { ok: false, status: 0, body: { error: { code: 'unavailable', message: 'start it' } } });

  const anonymous = new HttpTransport({ baseUrl: server.url, authorize: bearerAuthorize(() => undefined) });
  await assert.rejects(anonymous.open('GET', `${API_PREFIX}/events`), (err: unknown) => err instanceof ApiFailure && err.status === 401 && err.body.error.code === 'unauthorized');

  const t = new HttpTransport({ baseUrl: server.url, authorize: bearerAuthorize(() => token) });
  const abort = new AbortController();
  const res = await t.open('GET', `${API_PREFIX}/events`, abort.signal);
  const events: AnyAppEvent[] = [];
  const got = new Promise<void>((resolve) => {
    void readEvents(res, (e) => {
      events.push(e);
      if (e.type === 'groups.changed') resolve();
    }).catch(() => {});
  });
  assert.ok((await t.call('groups.create', { name: 'g-2' })).ok);
  await got;
  abort.abort();
  assert.equal(events.find((e) => e.type === 'groups.changed')?.type, 'groups.changed');
});
