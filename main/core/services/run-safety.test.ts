import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { OpName, OpOutput } from '../../../shared/api/contract';
import { startHarness, type Harness } from '../../../testing/core-harness';

// No run starts here: the preview and the settings never connect, so hosts need no sshd.
let h: Harness;
const tokens = new Map<string, string>();
const ids: Record<string, number> = {};

async function as<K extends OpName>(user: string, op: K, input: unknown): Promise<{ ok: true; data: OpOutput<K> } | { ok: false; code: string; message: string }> {
  const r = await h.core.dispatch(op, input, tokens.get(user));
  return r.ok ? { ok: true, data: r.data } : { ok: false, code: r.body.error.code, message: r.body.error.message };
}

before(async () => {
  h = await startHarness();
  const hosts: [string, string][] = [['db-1', ''], ['db-2', 'pg15, Production'], ['db-3', 'staging']];
  for (const [i, [name, tag]] of hosts.entries()) {
    ids[name] = (await h.call('hosts.create', { name, tag, host: `10.0.0.${i + 1}:22`, username: 'pg', machine_id: 40 + i, auth: { kind: 'agent' } })).id;
  }
  for (const [user_name, roles] of [['dev', ['developer']], ['bot', ['plugin']], ['vic', ['viewer']]] as const) {
    await h.call('users.create', { user_name, password: `${user_name}-password-1`, roles });
  }
  await signIn();
  await h.call('permissions.grant', { user_name: 'bot', host_ids: [ids['db-1']], hours: 2 });
});
const password = (user: string): string => (user === 'admin' ? 'adminpass1' : `${user}-password-1`);
async function signIn(): Promise<void> {
  for (const user of ['admin', 'dev', 'bot', 'vic']) {
    const login = await h.core.dispatch('auth.login', { user_name: user, password: password(user) }, undefined);
    assert.ok(login.ok);
    tokens.set(user, login.data.token);
  }
}

after(async () => {
  await h.dispose();
});

test('run settings: 1 h timeout and 10 hosts by default; an admin changes them, audited with what they were; they survive a restart', async () => {
  assert.deepEqual(await h.call('runs.settings', {}), { default_timeout: 3600, confirm_hosts: 10 });
  assert.deepEqual(await h.call('runs.set-settings', { default_timeout: 900 }), { default_timeout: 900, confirm_hosts: 10 });
  assert.deepEqual(await h.call('runs.set-settings', { confirm_hosts: 3 }), { default_timeout: 900, confirm_hosts: 3 });
  await h.call('runs.set-settings', { confirm_hosts: 3 }); // unchanged: not audited again
  const audit = (await h.call('audit.list', {})).filter((e) => e.action === 'system.run_settings');
  assert.deepEqual(audit.map((e) => e.details), [{ confirm_hosts: { from: 10, to: 3 } }, { default_timeout: { from: 3600, to: 900 } }]);
  h = await h.restart();
  await signIn();
  assert.deepEqual(await h.call('runs.settings', {}), { default_timeout: 900, confirm_hosts: 3 });
  await h.call('runs.set-settings', { default_timeout: 3600, confirm_hosts: 10 });
});

test('run settings, hostile: out-of-range values are refused naming the field; only an admin changes them; anyone signed in reads them', async () => {
  for (const [input, field] of [[{ default_timeout: -5 }, 'default_timeout'], [{ default_timeout: 604801 }, 'default_timeout'], [{ confirm_hosts: 1 }, 'confirm_hosts'], [{ confirm_hosts: 'many' }, 'confirm_hosts']] as const) {
    const r = await as('admin', 'runs.set-settings', input);
    assert.ok(!r.ok && r.code === 'validation' && r.message.includes(field), JSON.stringify([input, r]));
  }
  const dev = await as('dev', 'runs.set-settings', { confirm_hosts: 2 });
  assert.ok(!dev.ok && dev.code === 'forbidden');
  const read = await as('vic', 'runs.settings', {});
  assert.ok(read.ok);
  assert.deepEqual(await h.call('runs.settings', {}), { default_timeout: 3600, confirm_hosts: 10 });
});

test('preview: the hosts a run reaches, which are production, which the caller may run on, and the word to type', async () => {
  const g = await h.call('groups.create', { name: 'pg' });
  for (const name of ['db-1', 'db-2']) await h.call('bindings.create', { name: `${name} in pg`, group_id: g.id, executor_id: ids[name] });
  const admin = await h.call('runs.preview', { targets: { group_ids: [g.id], host_ids: [ids['db-1'], ids['db-3']] } });
  assert.deepEqual(admin.hosts.map((x) => [x.name, x.production, x.granted]).sort(), [['db-1', false, true], ['db-2', true, true], ['db-3', false, true]]);
  assert.deepEqual(admin.confirmation, { word: 'production', reason: 'This runs on a production host: db-2.' });

  const bot = await as('bot', 'runs.preview', { targets: { host_ids: [ids['db-1'], ids['db-3']] } });
  assert.ok(bot.ok);
  assert.deepEqual(bot.data.hosts.map((x) => [x.name, x.granted]), [['db-1', true], ['db-3', false]]);
  assert.equal(bot.data.confirmation, null);
  const dev = await as('dev', 'runs.preview', { targets: { host_ids: [ids['db-1']] } });
  assert.ok(dev.ok);
  assert.deepEqual(dev.data.hosts.map((x) => x.granted), [false]);

  await h.call('runs.set-settings', { confirm_hosts: 2 });
  const two = await h.call('runs.preview', { targets: { host_ids: [ids['db-1'], ids['db-3']] } });
  assert.deepEqual(two.confirmation, { word: '2', reason: 'This runs on 2 hosts (at least 2 ask for a confirmation).' });
  await h.call('runs.set-settings', { confirm_hosts: 10 });
});

test('preview, hostile: unknown hosts and groups are not found; no target, a bad id or no sign-in is refused; nothing runs', async () => {
  const before = (await h.call('instances.list', {})).total;
  const missing = await as('admin', 'runs.preview', { targets: { host_ids: [99999] } });
  assert.ok(!missing.ok && missing.code === 'not_found', JSON.stringify(missing));
  const group = await as('admin', 'runs.preview', { targets: { group_ids: [424242] } });
  assert.ok(!group.ok && group.code === 'not_found');
  for (const targets of [{}, { host_ids: [] }, { host_ids: [-1] }, { host_ids: ['1; drop'] }]) {
    const r = await as('admin', 'runs.preview', { targets });
    assert.ok(!r.ok && r.code === 'validation', JSON.stringify([targets, r]));
  }
  const anon = await h.core.dispatch('runs.preview', { targets: { host_ids: [ids['db-1']] } }, undefined);
  assert.ok(!anon.ok && anon.body.error.code === 'unauthorized');
  assert.equal((await h.call('instances.list', {})).total, before);
});
