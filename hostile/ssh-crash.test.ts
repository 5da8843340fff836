/**
 * Issue 11, items 1 and 2 over the running server: one hosts.test with a key that cannot be parsed
 * at a refusing address ended the process; tests against a silent peer leaked a socket each; a
 * run whose connect fails at once made the pool retry in a hot loop.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { errorCode, type Reply } from './api-client';
import { openFds, revivedIfCrashed, startServer, type ServerProcess } from './server-process';
import { Stats } from './stats';
import { buildWorld, refusedPort, silentPeer, waitFor, waitForInstanceEnd, type World } from './world';

const SSH_CODES = new Set(['ssh_auth', 'ssh_connect']);

/** A failed test is a typed ssh error: a 502 with ssh_auth/ssh_connect, or a 200 whose result names one. */
function sshFailureCode(r: Reply): string | undefined {
  if (r.status === 200) return (r.json as { ok: boolean; error?: { code: string } }).error?.code;
  return errorCode(r);
}

describe('hostile: SSH paths cannot end the console', () => {
  let server: ServerProcess;
  let world: World;
  let peer: Awaited<ReturnType<typeof silentPeer>>;
  let keys: string;
  const stats = new Stats('ssh-crash');

  before(async () => {
    server = await startServer();
    peer = await silentPeer();
    keys = fs.mkdtempSync(path.join(server.dataDir, 'keys-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'right-passphrase', '-f', path.join(keys, 'locked')]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(keys, 'good')]);
    fs.writeFileSync(path.join(keys, 'garbage'), 'this is not a key\n');
    fs.writeFileSync(path.join(keys, 'almost'), '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n');
    world = await buildWorld(server.url, { silentPort: peer.port, dummyKeyPath: path.join(keys, 'good') });
  });

  // A crash is reported by the test that caused it; the next test gets a server again (same data).
  beforeEach(async () => {
    server = await revivedIfCrashed(server, stats, world.api);
  });

  after(async () => {
    stats.rss(server.alive() ? server.rssMb() : 0);
    stats.flush();
    await peer.close();
    await server.dispose();
  });

  async function hostWithKey(name: string, machineId: number, auth: Record<string, unknown>, port?: number): Promise<number> {
    const address = `127.0.0.1:${port ?? (await refusedPort())}`;
    return (await world.api.call<{ id: number }>('admin', 'POST', '/hosts', { name, host: address, username: 'root', machine_id: machineId, auth })).id;
  }

  test('a viewer cannot test a host (it opens outbound connections and changes its status): 403', async () => {
    const r = await world.api.send('viewer', 'POST', `/hosts/${world.hosts.refused}/test`, {});
    stats.request(r.status);
    assert.equal(r.status, 403, r.text);
    assert.ok(await server.settled(), server.output().slice(-3000));
  });

  const badKeys: [string, (keys: string) => Record<string, unknown>][] = [
    ['a garbage key file', (k) => ({ kind: 'key', private_key_path: path.join(k, 'garbage') })],
    ['a truncated OpenSSH key', (k) => ({ kind: 'key', private_key_path: path.join(k, 'almost') })],
    ['an inline key that is not a key', () => ({ kind: 'key', private_key: 'not a key at all' })],
    ['a wrong passphrase', (k) => ({ kind: 'key', private_key_path: path.join(k, 'locked'), passphrase: 'wrong' })],
    ['a missing passphrase', (k) => ({ kind: 'key', private_key_path: path.join(k, 'locked') })],
  ];

  badKeys.forEach(([what, auth], i) => {
    test(`hosts.test with ${what} at a refusing address: a typed ssh error, the server lives`, async () => {
      const a = auth(keys);
      if (typeof a.private_key === 'string') {
        // A pasted key is checked where it is received: refused, naming the field, never stored.
        const created = await world.api.send('admin', 'POST', '/hosts', { name: `bad-key-${i}`, host: `127.0.0.1:${await refusedPort()}`, username: 'root', machine_id: 100 + i, auth: a });
        stats.request(created.status);
        assert.equal(created.status, 400, created.text);
        assert.match(created.text, /auth\.private_key/);
        return;
      }
      const id = await hostWithKey(`bad-key-${i}`, 100 + i, a);
      const r = await world.api.send('admin', 'POST', `/hosts/${id}/test`, {});
      stats.request(r.status);
      assert.ok(await server.settled(), `the server died:\n${server.output().slice(-3000)}`);
      assert.notEqual(r.status, 500, r.text);
      assert.ok(SSH_CODES.has(sshFailureCode(r) ?? ''), `expected ssh_auth or ssh_connect, got ${r.status} ${r.text}`);
      // A bad key or passphrase is the user's to fix: it must be named as an auth problem, not a connection one.
      if (!/refus/i.test(r.text)) assert.equal(sshFailureCode(r), 'ssh_auth', r.text);
    });
  });

  test('a run on a host whose key cannot be parsed ends with an error; the server lives', async () => {
    const id = await hostWithKey('bad-key-run', 120, { kind: 'key', private_key_path: path.join(keys, 'garbage') });
    const run = await world.api.call<{ instances: { id: string }[] }>('admin', 'POST', '/runs', { targets: { host_ids: [id] }, command: 'echo never' });
    const end = await waitForInstanceEnd(world.api, 'admin', run.instances[0]!.id);
    assert.notEqual(end.status, 2, 'the run cannot have finished');
    assert.ok(await server.settled(), server.output().slice(-3000));
  });

  test('a run on a refusing host ends with a clear error, bounded retries: the loop stays responsive and memory flat', async () => {
    const before = server.rssMb();
    const run = await world.api.call<{ instances: { id: string }[] }>('admin', 'POST', '/runs', { targets: { host_ids: [world.hosts.refused] }, command: 'echo never' });
    let maxRss = before;
    let slowest = 0;
    const end = await waitFor('the run on a refusing host to end', async () => {
      const t = Date.now();
      const h = await world.api.send(undefined, 'GET', '/health');
      slowest = Math.max(slowest, Date.now() - t);
      maxRss = Math.max(maxRss, server.rssMb());
      assert.equal(h.status, 200);
      const i = await world.api.call<{ status: number; error: string | null }>('admin', 'GET', `/instances/${run.instances[0]!.id}`);
      return i.status === 1 ? undefined : i;
    }, 120_000);
    stats.rss(maxRss);
    assert.notEqual(end.status, 2);
    assert.match(end.error ?? '', /refus|connect/i, 'the error says the host refused the connection');
    assert.ok(maxRss - before < 100, `memory grew ${maxRss - before} MB during one failing run`);
    assert.ok(slowest < 2000, `health took ${slowest} ms while the pool retried`);
  });

  test('50 tests against a silent peer: every socket is closed afterwards (no leak)', async () => {
    const baseline = openFds(server.pid, /^socket:/);
    const replies = await Promise.all(Array.from({ length: 50 }, () => world.api.send('admin', 'POST', `/hosts/${world.hosts.silent}/test`, {})));
    for (const r of replies) {
      stats.request(r.status);
      assert.notEqual(r.status, 500, r.text);
      assert.ok(SSH_CODES.has(sshFailureCode(r) ?? ''), `expected a typed timeout, got ${r.status} ${r.text}`);
    }
    assert.ok(await server.settled());
    // The peer sees every connection closed by the console: none is left waiting on a banner.
    await waitFor('the console to close its sockets to the silent peer', () => peer.open === 0, 10_000)
      .catch(() => assert.fail(`${peer.open} connections to the silent peer are still open after 50 tests answered`));
    const after = openFds(server.pid, /^socket:/);
    assert.ok(after <= baseline + 2, `server sockets ${baseline} -> ${after}`);
  });
});
