import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { startSshd, type SshdFixture } from '../../e2e/fixtures/sshd';
import { InstanceStatus, type LogLine } from '../../shared/domain/instances';
import { HttpTransport } from '../../shared/api/http-transport';
import { credentialAuthorizer } from '../../shared/api/request-signing';
import type { Harness } from '../../testing/core-harness';
import { startServerHarness, type ServerHarness } from '../../testing/server-harness';
import type { RunningServer } from './http-server';

const SECRET = 's3cret-value';

describe('log download over REST (the stream operation instances.log-download)', () => {
  let sshd: SshdFixture;
  let s: ServerHarness;
  let h: Harness;
  let server: RunningServer;
  let token: string;
  let hostId: number;
  let bigId: string;

  before(async () => {
    sshd = await startSshd();
    s = await startServerHarness();
    ({ h, server, admin: token } = s);
    hostId = await h.trustedHost(sshd, 'db-1', '127.0.0.1', 21);
    // 50,000 lines of about 100 characters (5 MB, more than any socket buffer holds), stderr and a secret among them.
    const run = await h.call('runs.create', {
      targets: { host_ids: [hostId] },
      command: `echo "password is ${SECRET}"; seq -f '%0100.0f' 1 49998; echo "to stderr" >&2`,
      secrets: [SECRET],
      timeout: 120,
    });
    bigId = run.instances[0]!.id;
    await h.waitInstance(bigId, (i) => i.status !== InstanceStatus.Running, 120_000);
  });
  after(async () => {
    await s.dispose();
    await sshd.dispose();
  });

  const download = (id: string, auth = token): Promise<Response> => fetch(`${server.url}/api/v1/instances/${id}/log.txt`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} });

  /** Every stored line, read through the windowed log operation; system lines marked as the download marks them. */
  async function storedText(id: string): Promise<{ text: string; lines: LogLine[] }> {
    const lines: LogLine[] = [];
    for (let from = 1; ; from += 10_000) {
      const w = await h.call('instances.log', { id, from_line: from, limit: 10_000 });
      lines.push(...w.lines);
      if (from + 10_000 > w.total_lines) break;
    }
    return { lines, text: lines.map((l) => (l.stream === 'system' ? `# taskdeck: ${l.text}` : l.text) + '\n').join('') };
  }

  test('the download of a 50,000-line log equals the stored lines, secrets masked', async () => {
    const instance = h.core.services.runs.get(bigId);
    assert.equal(instance.status, InstanceStatus.Finished, JSON.stringify(instance));
    const stored = await storedText(bigId);
    assert.ok(stored.lines.filter((l) => l.stream !== 'system').length === 50_000, `${stored.lines.length} lines stored`);
    const r = await download(bigId);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(r.headers.get('content-disposition'), `attachment; filename="instance-${bigId}.log"`);
    assert.equal(r.headers.get('transfer-encoding'), 'chunked');
    const text = await r.text();
    assert.equal(text.length, stored.text.length);
    assert.ok(text === stored.text, 'the downloaded text differs from the stored lines');
    assert.ok(!text.includes(SECRET), 'the secret reached the download');
    assert.match(text, /^password is \*+$/m);
    assert.match(text, /^# taskdeck: connected to db-1/m);
    assert.match(text, /^0{95}49998$/m);
  });

  test('while a reader stalls mid-download, the store keeps being written (no cursor is held open across the wait)', async (t) => {
    const url = new URL(`${server.url}/api/v1/instances/${bigId}/log.txt`);
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(url, { headers: { authorization: `Bearer ${token}` } }, resolve).on('error', reject);
    });
    t.after(() => res.destroy());
    assert.equal(res.statusCode, 200);
    const first = await new Promise<Buffer>((resolve) => res.once('data', resolve));
    res.pause(); // the download is 5 MB: the server now waits for this reader
    // Any write of the core in that wait: a group, which is also audited.
    const group = await h.core.dispatch('groups.create', { name: 'while-downloading' }, token);
    assert.ok(group.ok, JSON.stringify(group));
    const chunks: Buffer[] = [first];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.resume();
    await new Promise((resolve) => res.once('end', resolve));
    assert.equal(Buffer.concat(chunks).toString('utf8'), (await storedText(bigId)).text);
  });

  test('refusals come as JSON errors before any text: no token 401, a bad id 400, an unknown one 404', async () => {
    const none = await download(bigId, '');
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as { error: { code: string } }).error.code, 'unauthorized');
    const bad = await download('12ab');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'validation');
    const unknown = await download('123456789012345');
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'not_found');
    // The dot in `log.txt` is literal: `logXtxt` is no route.
    assert.equal((await fetch(`${server.url}/api/v1/instances/${bigId}/logXtxt`, { headers: { authorization: `Bearer ${token}` } })).status, 404);
  });

  test('a client that goes away mid-download leaves the server serving the next one', async () => {
    const url = new URL(`${server.url}/api/v1/instances/${bigId}/log.txt`);
    await new Promise<void>((resolve, reject) => {
      const req = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
    });
    const r = await download(bigId);
    assert.equal((await r.text()).length, (await storedText(bigId)).text.length);
  });

  test('the shared HTTP transport (the renderer\'s and the CLI\'s) reads the same text a piece at a time, signed, and takes a refusal as a value', async () => {
    const http = new HttpTransport({ baseUrl: server.url, authorize: credentialAuthorizer(() => token) });
    const streamHttp = (name: 'instances.log-download', input: Record<string, unknown>, _token: string, onChunk: (text: string) => unknown): ReturnType<HttpTransport['stream']> => http.stream(name, input, onChunk);
    const pieces: string[] = [];
    const r = await streamHttp('instances.log-download', { id: bigId }, token, async (text) => {
      pieces.push(text);
      await new Promise((resolve) => setImmediate(resolve)); // a page that takes its time with each piece
    });
    assert.deepEqual(r, { ok: true, data: null });
    assert.ok(pieces.length > 1, 'the body arrived in pieces');
    assert.ok(pieces.join('') === (await storedText(bigId)).text);
    const refused = await streamHttp('instances.log-download', { id: '123456789012345' }, token, () => assert.fail('no chunk for a refusal'));
    assert.ok(!refused.ok && refused.status === 404 && refused.body.error.code === 'not_found', JSON.stringify(refused));
    const thrown = streamHttp('instances.log-download', { id: bigId }, token, () => {
      throw new Error('disk full');
    });
    await assert.rejects(thrown, /disk full/, 'a page that fails taking a piece ends the download with its own error');
  });
});
