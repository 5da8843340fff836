import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OpName, OpOutput } from '../../../shared/api/contract';
import { startHarness, type Harness } from '../../../testing/core-harness';

/** Each user's language, time zone and clock: remembered per user, validated, never someone else's. */
describe('user preferences', { timeout: 30_000 }, () => {
  let h: Harness;
  const tokens = new Map<string, string>();

  async function as<K extends OpName>(user: string, op: K, input: unknown): Promise<OpOutput<K>> {
    const r = await h.core.dispatch(op, input, tokens.get(user));
    if (!r.ok) throw Object.assign(new Error(`${r.body.error.code}: ${r.body.error.message}`), { code: r.body.error.code });
    return r.data;
  }
  async function refusal(user: string | undefined, op: OpName, input: unknown): Promise<string> {
    const r = await h.core.dispatch(op, input, user ? tokens.get(user) : undefined);
    assert.ok(!r.ok, `${op} was expected to be refused`);
    return r.body.error.code;
  }

  before(async () => {
    h = await startHarness();
    await h.call('users.create', { user_name: 'dora', password: 'dora-password', roles: ['dba'] });
    for (const [user_name, password] of [['admin', 'adminpass1'], ['dora', 'dora-password']] as const) {
      const login = await h.core.dispatch('auth.login', { user_name, password }, undefined);
      assert.ok(login.ok);
      tokens.set(user_name, login.data.token);
    }
  });
  after(() => h.dispose());

  test('a new user has the defaults: no language chosen, local time, 24-hour clock', async () => {
    assert.deepEqual(await as('dora', 'users.prefs', {}), { language: null, time_zone: 'local', hour12: false });
  });

  test('a change keeps the fields left out, and is the user\'s own', async () => {
    assert.deepEqual(await as('dora', 'users.set-prefs', { language: 'zh-CN' }), { language: 'zh-CN', time_zone: 'local', hour12: false });
    assert.deepEqual(await as('dora', 'users.set-prefs', { time_zone: 'Asia/Shanghai' }), { language: 'zh-CN', time_zone: 'Asia/Shanghai', hour12: false });
    assert.deepEqual(await as('dora', 'users.prefs', {}), { language: 'zh-CN', time_zone: 'Asia/Shanghai', hour12: false });
    assert.deepEqual(await as('admin', 'users.prefs', {}), { language: null, time_zone: 'local', hour12: false }, 'another user\'s preferences are untouched');
  });

  test("the language the desktop shell pops notifications up in: the user's choice, else none", () => {
    const users = h.core.services.users;
    assert.equal(users.languageOf('dora'), 'zh-CN');
    assert.equal(users.languageOf('admin'), null, 'not chosen: the shell follows the system, as the page does');
    assert.equal(users.languageOf('no-such-user'), null);
  });

  test('UTC and a named zone are accepted; an unknown zone, language or type is refused', async () => {
    assert.equal((await as('admin', 'users.set-prefs', { time_zone: 'UTC' })).time_zone, 'UTC');
    assert.equal(await refusal('admin', 'users.set-prefs', { time_zone: 'Mars/Olympus_Mons' }), 'validation');
    assert.equal(await refusal('admin', 'users.set-prefs', { time_zone: 'x'.repeat(500) }), 'validation');
    assert.equal(await refusal('admin', 'users.set-prefs', { language: 'fr' }), 'validation');
    assert.equal(await refusal('admin', 'users.set-prefs', { hour12: 'yes' }), 'validation');
    assert.equal((await as('admin', 'users.prefs', {})).time_zone, 'UTC', 'a refused change leaves the stored value');
  });

  test('signed out, neither reading nor writing is allowed', async () => {
    assert.equal(await refusal(undefined, 'users.prefs', {}), 'unauthorized');
    assert.equal(await refusal(undefined, 'users.set-prefs', { language: 'en' }), 'unauthorized');
  });
});
