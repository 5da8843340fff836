import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { createCore, type Core } from '../create-core';

/** Integration: a real SQLite file and a real sshd on loopback; no mocks. */
describe('hosts over a real sshd', () => {
  let sshd: SshdFixture;
  let core: Core;
  let dir: string;
  let token: string;
  const silent = (): void => {};

  before(async () => {
    sshd = await startSshd({ addresses: ['127.0.0.1', '127.0.0.2'] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-core-'));
    core = await createCore({ dataDir: dir, healthIntervalMs: 0, connectTimeoutMs: 3000, log: silent, initialAdmin: { user_name: 'admin', password: 'adminpass1' } });
    const login = await core.dispatch('auth.login', { user_name: 'admin', password: 'adminpass1' }, undefined);
    assert.ok(login.ok);
    token = login.data.token;
  });

  after(async () => {
    await core.dispose();
    await sshd.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function call<T = unknown>(op: Parameters<Core['dispatch']>[0], input: unknown): Promise<T> {
    const r = await core.dispatch(op, input, token);
    if (!r.ok) throw new Error(`${op}: ${r.body.error.code}: ${r.body.error.message}`);
    return r.data as T;
  }

  test('first contact pends the key and sends no credentials; accept pins it; test then authenticates', async () => {
    const host = await call<{ id: number }>('hosts.create', {
      name: 'db-1', host: `127.0.0.1:${sshd.port}`, username: sshd.user, machine_id: 1, auth: { kind: 'key', private_key_path: sshd.clientKeyPath },
    });
    const logBefore = fs.readFileSync(sshd.logPath, 'utf8').length;
    const first = await call<{ ok: boolean; error?: { code: string }; host_key: { fingerprint: string; status: string } }>('hosts.test', { id: host.id });
    assert.equal(first.ok, false);
    assert.equal(first.error?.code, 'host_key_unknown');
    assert.equal(first.host_key.status, 'pending');
    assert.equal(first.host_key.fingerprint, sshd.hostKeyFingerprint());
    // sshd logs every offered public key at VERBOSE; none may appear before the key is trusted.
    const logged = fs.readFileSync(sshd.logPath, 'utf8').slice(logBefore);
    assert.doesNotMatch(logged, /Accepted key|Failed publickey|Postponed publickey/);

    const accepted = await call<{ host_key: { status: string; pinned_fingerprint: string } }>('hosts.accept-key', { id: host.id, fingerprint: first.host_key.fingerprint });
    assert.equal(accepted.host_key.status, 'trusted');
    const second = await call<{ ok: boolean }>('hosts.test', { id: host.id });
    assert.equal(second.ok, true);
  });

  test('accepting a fingerprint the host never presented is refused', async () => {
    const host = await call<{ id: number }>('hosts.create', {
      name: 'db-2', host: `127.0.0.2:${sshd.port}`, username: sshd.user, machine_id: 2,
      auth: { kind: 'key', private_key: fs.readFileSync(sshd.clientKeyWithPassphrasePath, 'utf8'), passphrase: sshd.clientKeyPassphrase },
    });
    const r = await core.dispatch('hosts.accept-key', { id: host.id, fingerprint: 'SHA256:' + 'A'.repeat(43) }, token);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.body.error.code, 'conflict');
    const t = await call<{ host_key: { fingerprint: string } }>('hosts.test', { id: host.id });
    await call('hosts.accept-key', { id: host.id, fingerprint: t.host_key.fingerprint });
    assert.equal((await call<{ ok: boolean }>('hosts.test', { id: host.id })).ok, true, 'passphrase-protected pasted key authenticates');
  });

  test('stored secrets are encrypted and never returned', async () => {
    const created = await call<Record<string, unknown>>('hosts.create', {
      name: 'pw-host', host: '127.0.0.9:22', username: 'ops', machine_id: 9, auth: { kind: 'password', password: 'hunter2-very-secret' },
    });
    assert.doesNotMatch(JSON.stringify(created), /hunter2/);
    const raw = fs.readFileSync(path.join(dir, 'taskdeck.db'));
    const wal = fs.existsSync(path.join(dir, 'taskdeck.db-wal')) ? fs.readFileSync(path.join(dir, 'taskdeck.db-wal')) : Buffer.alloc(0);
    assert.equal(raw.includes('hunter2'), false);
    assert.equal(wal.includes('hunter2'), false);
  });

  test('a changed host key is refused before authentication, audited, and needs an explicit re-pin', async () => {
    const hosts = await call<{ id: number; name: string }[]>('hosts.list', {});
    const db1 = hosts.find((h) => h.name === 'db-1')!;
    const oldFp = sshd.hostKeyFingerprint();
    await sshd.rotateHostKey();
    const logBefore = fs.readFileSync(sshd.logPath, 'utf8').length;
    const t = await call<{ ok: boolean; error?: { code: string; message: string }; host_key: { fingerprint: string; status: string; expected: string } }>('hosts.test', { id: db1.id });
    assert.equal(t.ok, false);
    assert.equal(t.error?.code, 'host_key_mismatch');
    assert.match(t.error!.message, new RegExp(`expected ${oldFp.replace(/[+/]/g, '\\$&')}, got`));
    assert.equal(t.host_key.status, 'mismatch');
    assert.equal(t.host_key.fingerprint, sshd.hostKeyFingerprint());
    assert.doesNotMatch(fs.readFileSync(sshd.logPath, 'utf8').slice(logBefore), /Accepted key|Failed publickey|Postponed publickey/);

    const host = await call<{ status: string; host_key: { status: string } }>('hosts.get', { id: db1.id });
    assert.equal(host.status, 'Abnormal');
    assert.equal(host.host_key.status, 'mismatch');
    const audit = await call<{ action: string }[]>('audit.list', { action: 'host.key_mismatch' });
    assert.equal(audit.length, 1);

    const noRepin = await core.dispatch('hosts.accept-key', { id: db1.id, fingerprint: t.host_key.fingerprint }, token);
    assert.equal(!noRepin.ok && noRepin.body.error.code, 'host_key_mismatch');
    await call('hosts.accept-key', { id: db1.id, fingerprint: t.host_key.fingerprint, repin: true });
    assert.equal((await call<{ ok: boolean }>('hosts.test', { id: db1.id })).ok, true);
    assert.equal((await call<{ status: string }>('hosts.get', { id: db1.id })).status, 'Enabled');
    assert.equal((await call<{ ok: boolean }>('audit.verify', {})).ok, true);
  });

  test('health probe marks a stopped sshd Abnormal and a restarted one Enabled again', async () => {
    await sshd.stop();
    await core.services.health.probeAll();
    const down = await call<{ name: string; status: string; status_reason: string }[]>('hosts.list', {});
    const db1 = down.find((h) => h.name === 'db-1')!;
    assert.equal(db1.status, 'Abnormal');
    assert.match(db1.status_reason, /connection refused/);
    await sshd.start();
    await core.services.health.probeAll();
    assert.equal((await call<{ status: string }>('hosts.get', { id: (db1 as unknown as { id: number }).id })).status, 'Enabled');
  });

  test('unreachable address fails with a connect error within the timeout', async () => {
    const h = await call<{ id: number }>('hosts.create', { name: 'nobody', host: '127.0.0.3:1', username: 'x', machine_id: 3, auth: { kind: 'agent' } });
    const t = await call<{ ok: boolean; error?: { code: string; message: string } }>('hosts.test', { id: h.id });
    assert.equal(t.ok, false);
    assert.equal(t.error?.code, 'ssh_connect');
  });

  test('jump host: the target is reached through the jump connection, both keys verified', async () => {
    const hosts = await call<{ id: number; name: string }[]>('hosts.list', {});
    const jump = hosts.find((h) => h.name === 'db-2')!;
    const target = await call<{ id: number }>('hosts.create', {
      name: 'behind-jump', host: `127.0.0.1:${sshd.port}`, username: sshd.user, machine_id: 4, jump_host_id: jump.id,
      auth: { kind: 'key', private_key_path: sshd.clientKeyPath },
    });
    // db-2's pinned key predates the rotation: the jump itself must be re-trusted first.
    const viaStale = await call<{ ok: boolean; error?: { code: string } }>('hosts.test', { id: target.id });
    assert.equal(viaStale.ok, false);
    assert.equal(viaStale.error?.code, 'host_key_mismatch');
    const j = await call<{ host_key: { fingerprint: string } }>('hosts.test', { id: jump.id });
    await call('hosts.accept-key', { id: jump.id, fingerprint: j.host_key.fingerprint, repin: true });
    const t = await call<{ ok: boolean; host_key: { fingerprint: string } }>('hosts.test', { id: target.id });
    assert.equal(t.ok, false, 'target key still pending');
    await call('hosts.accept-key', { id: target.id, fingerprint: t.host_key.fingerprint });
    assert.equal((await call<{ ok: boolean }>('hosts.test', { id: target.id })).ok, true);
    const del = await core.dispatch('hosts.delete', { id: jump.id }, token);
    assert.equal(!del.ok && del.body.error.code, 'conflict', 'a jump host in use cannot be deleted');
  });
});
