import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ssh2 from 'ssh2';
import { getFreePort } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';
import { silentPeer } from '../../../testing/silent-peer';

const tcpHandles = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

const keys = {
  plain: ssh2.utils.generateKeyPairSync('ed25519'),
  encrypted: ssh2.utils.generateKeyPairSync('ed25519', { passphrase: 'right-passphrase', cipher: 'aes256-ctr', rounds: 4 }),
};

/** What a hostile or careless user gives as a host's key: each must be an ssh_auth answer, before any socket. */
const badKeys: { what: string; key: string; passphrase?: string; field: string; reason: RegExp }[] = [
  { what: 'garbage', key: 'garbage, not a key', field: 'auth.private_key', reason: /cannot be read as a private key/ },
  { what: 'a public key', key: keys.plain.public, field: 'auth.private_key', reason: /a public key, not a private key/ },
  { what: 'a truncated key', key: keys.plain.private.slice(0, 120), field: 'auth.private_key', reason: /cannot be read as a private key/ },
  { what: 'a wrong passphrase', key: keys.encrypted.private, passphrase: 'wrong', field: 'auth.passphrase', reason: /passphrase does not open it/ },
  { what: 'no passphrase for an encrypted key', key: keys.encrypted.private, field: 'auth.passphrase', reason: /encrypted and no passphrase/ },
];

describe('hosts under a hostile caller', () => {
  let h: Harness;
  let token: string;
  let machine = 100;
  const errors: Error[] = [];
  const onUncaught = (err: Error): void => void errors.push(err);

  before(async () => {
    process.on('uncaughtException', onUncaught);
    h = await startHarness({ connectTimeoutMs: 500 });
    const login = await h.core.dispatch('auth.login', { user_name: 'admin', password: 'adminpass1' }, undefined);
    assert.ok(login.ok);
    token = login.data.token;
  });
  after(async () => {
    await h.dispose();
    process.off('uncaughtException', onUncaught);
    assert.deepEqual(errors, [], 'nothing escaped as an uncaught error');
  });

  const addHost = (name: string, address: string, auth: Record<string, unknown>): Promise<{ id: number }> =>
    h.call('hosts.create', { name, host: address, username: 'ops', machine_id: machine++, auth });

  async function testHost(id: number): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
    const r = await h.core.dispatch('hosts.test', { id }, token);
    assert.ok(r.ok, `hosts.test answered ${JSON.stringify(r)}`);
    return r.data;
  }

  /** A key file that can change after the host was saved: only the connection can find it unusable. */
  const keyFile = (key: string): string => {
    const file = path.join(h.dir, `key-${machine}`);
    fs.writeFileSync(file, key, { mode: 0o600 });
    return file;
  };

  for (const { what, key, passphrase, field, reason } of badKeys) {
    test(`a key that is ${what}: refused when pasted; from a file, ssh_auth at a refusing address and no socket at a silent one`, async () => {
      const pasted = await h.core.dispatch('hosts.create', { name: `pasted-${machine}`, host: '127.0.0.1:22', username: 'ops', machine_id: machine++, auth: { kind: 'key', private_key: key, passphrase } }, token);
      assert.equal(!pasted.ok && pasted.status, 400);
      assert.match(!pasted.ok ? pasted.body.error.message : '', new RegExp(`^${field}: the private key cannot be used: .*${reason.source}`));

      const auth = { kind: 'key', private_key_path: keyFile(key), passphrase };
      const refusing = `127.0.0.1:${await getFreePort()}`;
      const bad = await addHost(`bad-key-${machine}`, refusing, auth);
      const t = await testHost(bad.id);
      assert.equal(t.ok, false);
      assert.equal(t.error?.code, 'ssh_auth');
      assert.match(t.error!.message, reason);

      const peer = await silentPeer();
      try {
        const quiet = await addHost(`bad-key-quiet-${machine}`, peer.address, auth);
        assert.equal((await testHost(quiet.id)).error?.code, 'ssh_auth');
        assert.equal(peer.accepted, 0, 'the key is refused before a socket is opened');
      } finally {
        await peer.close();
      }
    });
  }

  test('50 tests at once against a silent peer leave no socket open, on either side', async () => {
    const peer = await silentPeer();
    try {
      const before = tcpHandles();
      const good = await addHost('silent-good-key', peer.address, { kind: 'key', private_key: keys.plain.private });
      const garbage = await addHost('silent-garbage', peer.address, { kind: 'key', private_key_path: keyFile('garbage') });
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => testHost(i % 2 ? good.id : garbage.id)));
      assert.deepEqual(new Set(results.map((r) => r.error?.code)), new Set(['ssh_connect', 'ssh_auth']));
      assert.equal(peer.accepted, 25, 'only the usable key opened sockets');
      await peer.allClosed();
      assert.equal(peer.open, 0);
      await new Promise((r) => setImmediate(r));
      assert.equal(tcpHandles(), before, 'no client socket left behind');
    } finally {
      await peer.close();
    }
  });

  test('a viewer cannot test a host: 403, no connection opened, its status untouched', async () => {
    const peer = await silentPeer();
    try {
      const host = await addHost('viewer-target', peer.address, { kind: 'agent' });
      await h.call('users.create', { user_name: 'vera', password: 'viewerpass1', roles: ['viewer'] });
      const login = await h.core.dispatch('auth.login', { user_name: 'vera', password: 'viewerpass1' }, undefined);
      assert.ok(login.ok);
      const r = await h.core.dispatch('hosts.test', { id: host.id }, login.data.token);
      assert.equal(!r.ok && r.status, 403);
      assert.equal(peer.accepted, 0);
      const after = await h.call('hosts.get', { id: host.id });
      assert.equal(after.status, 'Enabled');
      assert.equal(after.last_checked_at, null);
    } finally {
      await peer.close();
    }
  });

  const hostile = [
    { field: 'host', value: '127.0.0.2:22222222', message: /host: host port must be between 1 and 65535/ },
    { field: 'host', value: '-oProxyCommand=touch_x:22', message: /host: host must not start with "-"/ },
    { field: 'username', value: 'root$(touch x)', message: /username: username has characters SSH does not allow/ },
    { field: 'name', value: 'n'.repeat(300), message: /name: must be at most 128 characters/ },
  ];

  test('create and update refuse a port out of range, an option for a host, shell in a user name, a 300-character name', async () => {
    const ok = await addHost('valid-for-update', '127.0.0.1:22', { kind: 'agent' });
    for (const { field, value, message } of hostile) {
      const base = { name: `hostile-${machine}`, host: '127.0.0.1:22', username: 'ops', machine_id: machine++, auth: { kind: 'agent' } };
      const created = await h.core.dispatch('hosts.create', { ...base, [field]: value }, token);
      assert.equal(!created.ok && created.status, 400, `create with ${field}=${value.slice(0, 30)}`);
      assert.match(!created.ok ? created.body.error.message : '', message);
      const updated = await h.core.dispatch('hosts.update', { id: ok.id, [field]: value }, token);
      assert.equal(!updated.ok && updated.status, 400, `update with ${field}=${value.slice(0, 30)}`);
      assert.match(!updated.ok ? updated.body.error.message : '', message);
    }
  });

  test('ssh-config import: hostile entries are skipped with the reason (preview too) and never stored', async () => {
    const content = [
      'Host far-port\n  HostName 127.0.0.2\n  Port 22222222\n  User ops',
      'Host dash-host\n  HostName -oProxyCommand=touch_x\n  User ops',
      'Host shell-user\n  HostName 127.0.0.3\n  User root$(touch_x)',
      `Host ${'n'.repeat(300)}\n  HostName 127.0.0.4\n  User ops`,
      'Host fine-one\n  HostName 127.0.0.5\n  User ops',
    ].join('\n\n');
    const reasons = (r: { skipped: { name: string; reason: string }[] }): Record<string, string> => Object.fromEntries(r.skipped.map((s) => [s.name.slice(0, 12), s.reason]));
    const countBefore = (await h.call('hosts.list', {})).length;
    for (const dry_run of [true, false]) {
      const r = await h.call('hosts.import-ssh-config', { content, dry_run });
      assert.deepEqual(r.created.map((c) => c.name), ['fine-one'], `dry_run=${dry_run}`);
      const why = reasons(r);
      assert.match(why['far-port']!, /host: host port must be between 1 and 65535/);
      assert.match(why['dash-host']!, /host: host must not start with "-"/);
      assert.match(why['shell-user']!, /username: /);
      assert.match(why['nnnnnnnnnnnn']!, /name: must be at most 128 characters/);
    }
    const names = (await h.call('hosts.list', {})).map((x) => x.name);
    assert.equal(names.length, countBefore + 1);
    assert.ok(names.includes('fine-one'));
    const bad = await h.core.dispatch('hosts.import-ssh-config', { content, default_username: 'x$(id)' }, token);
    assert.equal(!bad.ok && bad.status, 400, 'the default user name goes through the same rule');
  });

  // Rows stored before the schema refused them: the pool must answer, not reconnect at once forever.
  const legacy: { what: string; address: () => Promise<string> | string; error: RegExp }[] = [
    { what: 'a port out of range', address: () => '127.0.0.2:22222222', error: /not a valid address:port/ },
    { what: 'a refusing port', address: async () => `127.0.0.1:${await getFreePort()}`, error: /connection refused/ },
  ];
  for (const { what, address, error } of legacy) {
    test(`a run on a host stored with ${what} ends AbnormalEnding at once, in bounded memory`, async () => {
      const host = await addHost(`legacy-${machine}`, '127.0.0.1:22', { kind: 'agent' });
      h.core.services.store.hosts.update(host.id, { host: await address() }, new Date().toISOString());
      const heapBefore = process.memoryUsage().heapUsed;
      const started = Date.now();
      const run = await h.call('runs.create', { targets: { host_ids: [host.id] }, command: 'true' });
      const ended = await h.waitInstance(run.instances[0]!.id, (i) => i.status !== 1, 5_000);
      assert.equal(ended.status_name, 'AbnormalEnding');
      assert.match(ended.error ?? '', error);
      assert.ok(Date.now() - started < 5_000);
      assert.ok(process.memoryUsage().heapUsed - heapBefore < 64 * 1024 ** 2, 'memory stays bounded');
    });
  }

  test('a peer that drops every connection is connected to once per run, not in a loop', async () => {
    const peer = await silentPeer(true);
    try {
      const host = await addHost('drops-at-once', peer.address, { kind: 'agent' });
      const run = await h.call('runs.create', { targets: { host_ids: [host.id] }, command: 'true' });
      const ended = await h.waitInstance(run.instances[0]!.id, (i) => i.status !== 1, 5_000);
      assert.equal(ended.status_name, 'AbnormalEnding');
      assert.match(ended.error ?? '', /cannot connect to .*: Connection lost before handshake/);
      assert.equal(peer.accepted, 1);
    } finally {
      await peer.close();
    }
  });
});
