import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { OpName } from '../../../shared/api/contract';
import { startHarness, type Harness } from '../../../testing/core-harness';
import { createCore } from '../create-core';

/** The password policy on every way a password is set, and changing one's own password. */
describe('password policy and change-password', { timeout: 30_000 }, () => {
  let h: Harness;

  async function login(user_name: string, password: string): Promise<string> {
    const r = await h.core.dispatch('auth.login', { user_name, password }, undefined);
    assert.ok(r.ok, `${user_name} could not sign in: ${r.ok ? '' : r.body.error.message}`);
    return r.data.token;
  }
  async function refusal(token: string | undefined, op: OpName, input: unknown): Promise<{ code: string; message: string }> {
    const r = await h.core.dispatch(op, input, token);
    assert.ok(!r.ok, `${op} was expected to be refused`);
    return r.body.error;
  }

  before(async () => {
    h = await startHarness();
    await h.call('users.create', { user_name: 'dora', password: 'dora-password', roles: ['dba'] });
  });
  after(() => h.dispose());

  test('an admin cannot create or reset a user with a short, common or own-name password', async () => {
    const admin = await login('admin', 'adminpass1');
    for (const password of ['short-pw', 'Password123', 'qwertyuiop!', 'eddie.ops2026']) {
      const e = await refusal(admin, 'users.create', { user_name: 'eddie.ops', password, roles: ['viewer'] });
      assert.equal(e.code, 'validation', password);
      assert.match(e.message, /^password: /, password);
    }
    const dora = h.core.services.users.list().find((u) => u.user_name === 'dora')!;
    assert.equal((await refusal(admin, 'users.update', { id: dora.id, password: 'sunshine2026' })).code, 'validation');
    await login('dora', 'dora-password'); // unchanged by the refused reset
  });

  test('the first admin is held to the policy too', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-setup-'));
    const fresh = await createCore({ dataDir: dir, healthIntervalMs: 0, log: () => {} });
    try {
      const weak = await fresh.dispatch('system.setup', { user_name: 'root', password: 'letmein12345' }, undefined);
      assert.ok(!weak.ok && weak.body.error.code === 'validation' && /^password: .*common/.test(weak.body.error.message));
      assert.equal(fresh.services.users.needsAdmin(), true, 'no admin was made');
      const ok = await fresh.dispatch('system.setup', { user_name: 'root', password: 'a long first secret' }, undefined);
      assert.ok(ok.ok);
    } finally {
      await fresh.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const envDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-setup-env-'));
    try {
      await assert.rejects(createCore({ dataDir: envDir, healthIntervalMs: 0, log: () => {}, initialAdmin: { user_name: 'admin', password: 'admin12345' } }), /^AppError: TASKDECK_ADMIN_USER \/ TASKDECK_ADMIN_PASSWORD: password: must not be the user name$/);
    } finally {
      fs.rmSync(envDir, { recursive: true, force: true });
    }
  });

  test('changing one\'s own password: needs the current one, ends the other sessions, keeps this one, is audited without it', async () => {
    const phone = await login('dora', 'dora-password');
    const desk = await login('dora', 'dora-password');
    assert.match((await refusal(desk, 'users.change-password', { current_password: 'not-it-at-all', new_password: 'a brand new secret' })).message, /^current_password: /);
    assert.match((await refusal(desk, 'users.change-password', { current_password: 'dora-password', new_password: 'dora-password' })).message, /^new_password: must differ/);
    assert.match((await refusal(desk, 'users.change-password', { current_password: 'dora-password', new_password: 'iloveyou!!!!' })).message, /^new_password: .*common/);
    assert.equal((await h.core.dispatch('auth.me', {}, phone)).ok, true, 'refused changes end nothing');

    const r = await h.core.dispatch('users.change-password', { current_password: 'dora-password', new_password: 'a brand new secret' }, desk);
    assert.ok(r.ok);
    assert.ok(r.data.ended_sessions >= 1);
    assert.equal((await h.core.dispatch('auth.me', {}, desk)).ok, true, 'the session that changed it stays');
    assert.equal((await refusal(phone, 'auth.me', {})).code, 'unauthorized', 'the other session is signed out');
    assert.equal((await refusal(undefined, 'auth.login', { user_name: 'dora', password: 'dora-password' })).code, 'unauthorized');
    await login('dora', 'a brand new secret');

    const entry = h.core.services.audit.list({ limit: 5, action: 'user.password_changed' })[0];
    assert.equal(entry?.actor, 'dora');
    assert.doesNotMatch(JSON.stringify(entry), /brand new|dora-password/);
  });

  test('hostile inputs: a missing current password, an oversized or non-string new one, extra fields are refused before anything is checked', async () => {
    const own = await login('dora', 'a brand new secret');
    for (const input of [{ new_password: 'another long secret' }, { current_password: '', new_password: 'another long secret' }, { current_password: 'a brand new secret', new_password: 'x'.repeat(1025) }, { current_password: 'a brand new secret', new_password: 12345678901 }, null]) {
      assert.equal((await refusal(own, 'users.change-password', input)).code, 'validation', JSON.stringify(input));
    }
    assert.equal((await refusal(undefined, 'users.change-password', { current_password: 'a brand new secret', new_password: 'another long secret' })).code, 'unauthorized');
    await login('dora', 'a brand new secret'); // still the password
  });

  test('wrong current passwords count towards the sign-in lock; an API token may not change its owner\'s password', async () => {
    const admin = await login('admin', 'adminpass1');
    const own = await login('admin', 'adminpass1');
    for (let i = 0; i < 5; i++) assert.equal((await refusal(own, 'users.change-password', { current_password: `guess-${i}`, new_password: 'another long secret' })).code, 'validation');
    assert.equal((await refusal(own, 'users.change-password', { current_password: 'adminpass1', new_password: 'another long secret' })).code, 'too_many_requests');

    const made = await h.core.dispatch('tokens.create', { name: 'plugin', scopes: ['read'], expires_in_days: 1 }, admin);
    assert.ok(made.ok);
    assert.equal((await refusal(made.data.secret, 'users.change-password', { current_password: 'adminpass1', new_password: 'another long secret' })).code, 'forbidden');
  });
});
